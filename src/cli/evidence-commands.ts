import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { openSession, type Session, type SessionOptions } from '../aws/session';
import { printable, UsageError } from '../errors';
import type { FindingsReport } from '../evaluate/finding';
import { loadPublicKey, verifyWithKms } from '../evidence/sign';
import { localStore, parseS3RunUrl, s3Store } from '../evidence/store';
import { formatVerify, verifyEvidence, VERIFY_MISMATCH, type VerifyOptions } from '../evidence/verify';
import { findBucketRegion } from '../publish/s3/region';
import { getText } from '../publish/s3/objects';
import { diffRuns, formatDiff } from '../report/diff';
import { TOOL } from '../tool';
import type { Terminal } from './progress';

/**
 * `hipaa-audit verify` and `hipaa-audit diff`: subcommands beside the audit (src/cli/main.ts dispatches on the
 * first argument, so the audit's command line is unchanged). Both read local folders without AWS; an s3:// run or
 * --kms opens a session with the usual credential options.
 */

interface Io {
  stdout: Terminal;
  stderr: Terminal;
}

interface AwsOptions {
  profile?: string;
  roleArn?: string;
  externalId?: string;
  region?: string;
  endpointUrl?: string;
}

/** Exit codes of verify and diff. */
export const EVIDENCE_EXIT = { ok: 0, usage: 1, newFailures: 2, mismatch: VERIFY_MISMATCH } as const;

/** The AWS options of a subcommand; `uses` says what needs AWS there, so diff's help names no --kms it lacks. */
function withAwsOptions(cmd: Command, uses: string): Command {
  return cmd
    .option('--profile <name>', `AWS profile (for ${uses})`)
    .option('--role-arn <arn>', 'assume this role first')
    .option('--external-id <id>', 'external id for --role-arn')
    .option('--region <region>', 'home region (default: AWS_REGION, the profile, us-east-1)')
    .option('--endpoint-url <url>', 'send AWS calls to this endpoint (LocalStack, moto)');
}

function sessionOptions(o: AwsOptions): SessionOptions {
  return {
    ...(o.profile ? { profile: o.profile } : {}),
    ...(o.roleArn ? { roleArn: o.roleArn } : {}),
    ...(o.externalId ? { externalId: o.externalId } : {}),
    ...(o.region ? { region: o.region } : {}),
    ...(o.endpointUrl ? { endpointUrl: o.endpointUrl } : {}),
  };
}

/** Runs a subcommand's action with commander's parse errors and our UsageErrors turned into exit code 1. */
async function run(program: Command, argv: string[], io: Io, action: (session: () => Promise<Session>) => Promise<number>): Promise<number> {
  program.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EVIDENCE_EXIT.ok : EVIDENCE_EXIT.usage;
    throw error;
  }
  let session: Session | undefined;
  const open = async () => (session ??= await openSession(sessionOptions(program.opts<AwsOptions>())));
  try {
    return await action(open);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`error: ${printable(error.message, 4000)}\n`);
      return EVIDENCE_EXIT.usage;
    }
    io.stderr.write(`error: ${printable((error as Error).message, 4000)}\n`);
    return EVIDENCE_EXIT.usage;
  } finally {
    session?.aws.destroy();
  }
}

export async function verifyMain(argv: string[], io: Io): Promise<number> {
  const program = withAwsOptions(
    new Command('hipaa-audit verify')
      .description('Check that a run\'s evidence matches its manifest (SHA-256 of every file) and, when signed, that the manifest\'s signature is valid.')
      .argument('<run>', 'a run folder (reports/<account>/<time>/) or s3://bucket/prefix/runs/<account>/<run>')
      .option('--public-key <file>', 'verify the signature offline with this trusted public key (PEM or DER; `aws kms get-public-key` output)')
      .option('--kms', 'verify the signature with kms:Verify on the key it names', false)
      .option('--json', 'print the result as JSON', false)
      .helpOption('-h, --help', 'show this help')
      .addHelpText('after', `\nExit codes:\n  0 every listed file matches (and the signature, when checked)\n  ${VERIFY_MISMATCH} a file is missing or modified, the manifest changed, or the signature is bad (each named)\n  1 could not verify (no manifest, unreadable folder, bad arguments, AWS errors)\n`),
    's3:// runs and --kms',
  );
  return run(program, argv, io, async (session) => {
    const target = program.args[0] as string;
    const o = program.opts<{ publicKey?: string; kms: boolean; json: boolean }>();
    if (o.publicKey && o.kms) throw new UsageError('--public-key and --kms are two ways to check the signature: choose one.');
    const options: VerifyOptions = {};
    if (o.publicKey) {
      try {
        options.publicKey = loadPublicKey(readFileSync(o.publicKey));
      } catch (error) {
        throw new UsageError(`--public-key ${o.publicKey}: not a readable public key (${(error as Error).message}). Fix: save it with \`aws kms get-public-key --key-id KEY --query PublicKey --output text | base64 -d > key.der\`.`);
      }
    }
    if (o.kms) {
      const s = await session();
      options.kms = (manifest, sig) => verifyWithKms(s.aws, manifest, sig, s.homeRegion);
    }
    let store;
    if (target.startsWith('s3://')) {
      const { bucket, folder } = parseS3RunUrl(target);
      const s = await session();
      const region = await findBucketRegion(s.aws, bucket, s.homeRegion);
      store = s3Store(s.aws, { bucket, region }, folder);
    } else {
      const dir = isFile(target) ? join(target, '..') : target;
      if (!isDirectory(dir)) throw new UsageError(`${target} is not a folder. Fix: give a run folder (reports/<account>/<time>/) or an s3:// run folder.`);
      store = localStore(dir);
    }
    const result = await verifyEvidence(store, options);
    io.stdout.write(o.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatVerify(result)}\n`);
    return result.problems.length ? EVIDENCE_EXIT.mismatch : EVIDENCE_EXIT.ok;
  });
}

const isFile = (p: string): boolean => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};
const isDirectory = (p: string): boolean => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** A saved run's findings.json: a folder holding one, the file itself, or an S3 run folder. */
async function loadRun(spec: string, session: () => Promise<Session>): Promise<FindingsReport> {
  let text: string;
  if (spec.startsWith('s3://')) {
    const { bucket, folder } = parseS3RunUrl(spec);
    const s = await session();
    const region = await findBucketRegion(s.aws, bucket, s.homeRegion);
    const found = await getText(s.aws, { bucket, region }, `${folder}/findings.json`).catch((error: unknown) => {
      throw new UsageError(`cannot read s3://${bucket}/${folder}/findings.json: ${(error as Error).message}`);
    });
    if (found === null) throw new UsageError(`s3://${bucket}/${folder}/findings.json does not exist. Fix: check the run folder.`);
    text = found;
  } else {
    const path = isDirectory(spec) ? join(spec, 'findings.json') : spec;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${path}: ${(error as Error).message}. Fix: give a run folder with findings.json (written with --format json), a findings.json file, or an s3:// run folder.`);
    }
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${spec}: findings.json is not JSON (${(error as Error).message}).`);
  }
  const r = data as Partial<FindingsReport> | null;
  const ok =
    r && typeof r === 'object' && r.run && typeof r.run.id === 'string' && typeof r.run.accountId === 'string' && Array.isArray(r.run.checks) && Array.isArray(r.run.regions) && Array.isArray(r.findings);
  if (!ok) throw new UsageError(`${spec}: not a findings.json report of ${TOOL.name} (run and findings expected).`);
  return r as FindingsReport;
}

export async function diffMain(argv: string[], io: Io): Promise<number> {
  const program = withAwsOptions(
    new Command('hipaa-audit diff')
      .description(
        'What changed between two runs: new failures, regressions, fixed findings, findings now suppressed or not judged (counted as findings), ' +
          'and resources gone (counted as resources). When the runs audited different scopes (account, regions, checks, --scope ephi), it names each ' +
          'difference and lists the resources the new run\'s scope leaves out apart from those gone.',
      )
      .argument('<old>', 'the earlier run: a run folder, a findings.json file, or s3://bucket/prefix/runs/<account>/<run>')
      .argument('<new>', 'the later run, in the same forms')
      .option('--json', 'print the changes as JSON', false)
      .option('--fail-on-new', 'exit 2 when there are new failures or regressions (for CI)', false)
      .helpOption('-h, --help', 'show this help')
      .addHelpText('after', '\nExit codes:\n  0 compared (whatever changed)\n  2 with --fail-on-new: new failures or regressions\n  1 could not compare (unreadable input, bad arguments)\n'),
    's3:// runs',
  );
  return run(program, argv, io, async (session) => {
    const [oldSpec, newSpec] = program.args as [string, string];
    const o = program.opts<{ json: boolean; failOnNew: boolean }>();
    const older = await loadRun(oldSpec, session);
    const newer = await loadRun(newSpec, session);
    const d = diffRuns(older, newer);
    io.stdout.write(o.json ? `${JSON.stringify(d, null, 2)}\n` : `${formatDiff(d)}\n`);
    return o.failOnNew && d.newFailures.length + d.regressions.length > 0 ? EVIDENCE_EXIT.newFailures : EVIDENCE_EXIT.ok;
  });
}
