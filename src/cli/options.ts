import { Command, InvalidArgumentError, Option } from 'commander';
import { SCOPES, SEVERITIES, type AuditScope, type Severity } from '../evaluate/types';
import { DEFAULT_FORMATS, FORMATS, type Format } from '../publish/local';
import { TOOL } from '../tool';

export interface CliOptions {
  profile?: string;
  roleArn?: string;
  externalId?: string;
  region?: string;
  regions?: string[] | 'all';
  checks?: string[];
  excludeChecks?: string[];
  minSeverity?: Severity;
  /** `ephi`: report only findings on ePHI resources (and unclassifiable ones) and account-level checks. */
  scope: AuditScope;
  outputDir?: string;
  format: Format[];
  inventory?: string;
  endpointUrl?: string;
  config?: string;
  failOn?: Severity;
  allowIncomplete: boolean;
  minCoverage?: number;
  concurrency?: number;
  /** Seconds the collection may take before unanswered reads become timed-out ERRORs. */
  deadline?: number;
  securityHub: boolean;
  securityHubFailedOnly: boolean;
  stateFile?: string;
  outputBucket?: string;
  outputPrefix?: string;
  outputKmsKey?: string;
  /** An asymmetric KMS key that signs each run's manifest (kms:Sign). */
  signKey?: string;
  /** Object Lock retention, in days, on the run's S3 objects (when the bucket has Object Lock). */
  objectLockDays?: number;
  objectLockMode: 'GOVERNANCE' | 'COMPLIANCE';
  quiet: boolean;
  verbose: boolean;
  listChecks: boolean;
  markdown: boolean;
}

const list = (value: string): string[] => value.split(',').map((v) => v.trim()).filter(Boolean);

function formats(value: string): Format[] {
  if (value.trim() === 'all') return [...FORMATS];
  const asked = list(value);
  const bad = asked.filter((f) => !(FORMATS as readonly string[]).includes(f));
  if (bad.length || asked.length === 0) throw new InvalidArgumentError(`expected a comma-separated list of ${FORMATS.join(', ')}, or all.`);
  // A format named twice is written once.
  return [...new Set(asked)] as Format[];
}

function regions(value: string): string[] | 'all' {
  if (value.trim() === 'all') return 'all';
  const names = list(value);
  if (names.length === 0) throw new InvalidArgumentError('expected a comma-separated list of region names (us-east-1,eu-west-1), or all.');
  return names;
}

function checkList(value: string): string[] {
  const ids = list(value);
  if (ids.length === 0) throw new InvalidArgumentError('expected a comma-separated list of check ids or prefixes (iam.root-mfa,s3.).');
  return ids;
}

/** `--deadline`: seconds, or a duration such as 90s, 15m, 1h. */
function duration(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(s|m|h)?\s*$/.exec(value);
  const seconds = m ? Number(m[1]) * ({ s: 1, m: 60, h: 3600 } as const)[(m[2] ?? 's') as 's' | 'm' | 'h'] : NaN;
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > 86_400) throw new InvalidArgumentError('expected a duration from 1 s to 24 h, such as 600, 90s, 15m or 1h.');
  return seconds;
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError('expected a whole number from 1 to 64.');
  return n;
}

function retentionDays(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 36500) throw new InvalidArgumentError('expected a whole number of days from 1 to 36500 (HIPAA documentation retention is six years: 2190).');
  return n;
}

function lockMode(value: string): 'GOVERNANCE' | 'COMPLIANCE' {
  const mode = value.trim().toUpperCase();
  if (mode !== 'GOVERNANCE' && mode !== 'COMPLIANCE') throw new InvalidArgumentError('expected governance or compliance.');
  return mode;
}

function percentage(value: string): number {
  const n = Number(value.trim().replace(/%$/, ''));
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) throw new InvalidArgumentError('expected a percentage from 0 to 100, e.g. 95.');
  return n;
}

function url(value: string): string {
  try {
    const u = new URL(value);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
  } catch {
    throw new InvalidArgumentError('expected an http(s) URL such as http://localhost:4566.');
  }
  return value;
}

export function buildProgram(): Command {
  return new Command('hipaa-audit')
    .description('Audit an AWS account, read-only, against the technical safeguards of the HIPAA Security Rule.')
    .version(TOOL.version, '--version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .option('--profile <name>', 'AWS profile from ~/.aws/config or ~/.aws/credentials (SSO profiles too); default: the standard credential chain')
    .option('--role-arn <arn>', 'assume this IAM role first (e.g. a read-only audit role in the audited account)')
    .option('--external-id <id>', 'external id for --role-arn')
    .option('--region <region>', 'home region: STS, region discovery and global services (default: AWS_REGION, the profile, us-east-1)')
    .option('--regions <list|all>', 'comma-separated regions to audit, or all (default: every region enabled for the account)', regions)
    .option('--checks <list>', 'only these check ids or prefixes (e.g. iam.root-mfa,s3.)', checkList)
    .option('--exclude-checks <list>', 'skip these check ids or prefixes', checkList)
    .addOption(new Option('--min-severity <severity>', 'run only checks of this severity or worse').choices(SEVERITIES))
    .addOption(
      new Option('--scope <scope>', 'ephi: report only findings on resources tagged as ePHI (or whose tags could not be read), account-level checks and account.ephi-stores-classified on every data store; collection is the same')
        .choices(SCOPES)
        .default('all'),
    )
    .option('--output-dir <dir>', 'where to write the report (default: reports/<account>/<UTC timestamp>/)')
    .addOption(
      new Option('--format <list>', `report formats, comma-separated, or all: ${FORMATS.join(', ')} (inventory.json and manifest.json are always written)`)
        .argParser(formats)
        .default([...DEFAULT_FORMATS], DEFAULT_FORMATS.join(',')),
    )
    .option('--inventory <file>', 'evaluate a saved inventory.json offline: no AWS call')
    .option('--endpoint-url <url>', 'send every AWS call to this endpoint (LocalStack, moto, a proxy); S3 uses path-style', url)
    .option('--config <file>', 'YAML or JSON file with thresholds and suppressions')
    .addOption(new Option('--fail-on <severity>', 'exit with code 2 when an unsuppressed FAIL of this severity or worse remains, 4 when the audit could not judge everything').choices(SEVERITIES))
    .option('--allow-incomplete', 'with --fail-on: accept an audit with ERROR findings (reads denied or failed); one that judged nothing still exits 4', false)
    .option('--min-coverage <percent>', 'with --fail-on: accept an incomplete audit when at least this percentage of findings was judged', percentage)
    .option('--security-hub', 'send the findings to AWS Security Hub (each to the region of its resource) and keep them current', false)
    .option('--security-hub-failed-only', 'with Security Hub: send only FAILED findings (earlier ones still resolve and archive); implies --security-hub', false)
    .option('--state-file <file>', 'the Security Hub lifecycle state when no --output-bucket holds it (default: reports/state/<account>/security-hub.json)')
    .option('--output-bucket <bucket>', 'also write the run to this S3 bucket: Athena data, evidence, dashboard, org index')
    .option('--output-prefix <prefix>', 'key prefix in --output-bucket (default: none)')
    .option('--output-kms-key <key>', 'KMS key (id, ARN or alias) for SSE-KMS on what is written to --output-bucket (default: SSE-S3)')
    .option('--sign-key <key>', 'sign each run\'s manifest with this asymmetric KMS key (id, ARN or alias; kms:Sign, kms:GetPublicKey)')
    .option('--object-lock-days <days>', 'with --output-bucket: keep the run\'s objects under S3 Object Lock this many days (the bucket must have Object Lock)', retentionDays)
    .addOption(new Option('--object-lock-mode <mode>', 'Object Lock mode for --object-lock-days: governance (removable with s3:BypassGovernanceRetention) or compliance (no one can remove it)').argParser(lockMode).default('GOVERNANCE', 'governance'))
    .option('--concurrency <n>', 'API calls in flight per service and region, for every service (default: per service, e.g. S3 64, IAM 4)', positive)
    .option('--deadline <duration>', 'end collection after this long, counted from the start (600, 90s, 15m): reads still unanswered become timed-out ERRORs and the report is written; an identity check (AssumeRole, GetCallerIdentity) still unanswered stops the run (exit 1) (default: none)', duration)
    .option('-q, --quiet', 'print nothing but errors', false)
    .option('-v, --verbose', 'print every step and the API calls by operation', false)
    .option('--list-checks', 'print the check catalogue and exit', false)
    .option('--markdown', 'with --list-checks: print the catalogue as a Markdown table', false)
    .addHelpText(
      'after',
      '\nExit codes (the first that applies):\n' +
        '  1 could not audit (credentials, arguments, config, an unwritable --output-dir)\n' +
        '  2 unsuppressed failures at or above --fail-on\n' +
        '  4 incomplete audit under --fail-on: checks could not read what they needed (ERROR findings), unless\n' +
        '    --allow-incomplete or --min-coverage accepts it; an audit that judged nothing always exits 4\n' +
        '  3 publishing was partial (Security Hub: a region not enabled or denied, or findings rejected; a signature not written)\n' +
        '  0 audit done\n' +
        'Other commands:\n' +
        '  hipaa-audit verify DIR|s3://bucket/prefix/runs/<account>/<run>   check a run against its manifest and signature\n' +
        '  hipaa-audit diff OLD NEW   what changed between two runs (folders, findings.json files or S3 run keys)\n' +
        'Examples:\n  npm run audit -- --profile prod --regions us-east-1,us-west-2 --fail-on high\n' +
        '  npm run audit -- --inventory reports/123456789012/2026-11-20T09-00-00Z/inventory.json --format html\n',
    );
}
