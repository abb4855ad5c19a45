import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CommanderError } from 'commander';
import { CHECKS } from '../../checks';
import { loadConfig } from '../config/load';
import { printable, UsageError } from '../errors';
import { judgeGate } from '../evaluate/gate';
import { loadInventory } from '../inventory/io';
import { cannotWrite, defaultOutputDir, probeOutputDir, writeLocalReport } from '../publish/local';
import { localChange, readLocalHistory } from '../publish/local-history';
import { MANIFEST_FILE, SIGNATURE_FILE } from '../evidence/manifest';
import { kmsSigner, signatureBytes, type ManifestSigner } from '../evidence/sign';
import { frameworkView } from '../framework/view';
import { diffMain, verifyMain } from './evidence-commands';
import { openSession, type Session, type SessionOptions } from '../aws/session';
import { runAudit, type AuditRun, type AuditSource } from '../run-audit';
import { catalogueMarkdown, catalogueText } from './catalogue';
import { buildProgram, type CliOptions } from './options';
import { progressReporter, type Terminal } from './progress';
import { publishesRemotely, publishRemotely } from './publish';
import { formatGaps, formatSummary } from './summary';

export interface Io {
  stdout: Terminal;
  stderr: Terminal;
}

/**
 * Exit codes; when several apply: usage > failures > incomplete > partial > ok. `mismatch` is verify's: the evidence
 * does not match its manifest or signature (src/cli/evidence-commands.ts).
 */
export const EXIT = { ok: 0, usage: 1, failures: 2, partial: 3, incomplete: 4, mismatch: 5 } as const;

/** The report folder's root when --output-dir is not given (reports/<account>/<time>/). */
const REPORTS_ROOT = 'reports';


/** `started`: when the run began, for --deadline (identity counts against it too). */
function sessionOptions(opts: CliOptions, started: number): SessionOptions {
  return {
    ...(opts.deadline !== undefined ? { deadline: started + opts.deadline * 1000 } : {}),
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(opts.roleArn ? { roleArn: opts.roleArn } : {}),
    ...(opts.externalId ? { externalId: opts.externalId } : {}),
    ...(opts.region ? { region: opts.region } : {}),
    ...(opts.endpointUrl ? { endpointUrl: opts.endpointUrl } : {}),
    ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
  };
}

/**
 * The local trend: earlier runs of the same account and scope in the sibling folders of the report's folder, and
 * the change since the previous one of them ("+N / −M").
 */
function localTrend(dir: string, report: AuditRun['report']) {
  const parent = dirname(dir);
  const history = readLocalHistory(parent, report.run);
  const change = localChange(parent, history, report);
  return {
    ...(change ? { change } : {}),
    history: history.points,
    otherScopes: history.otherScopes,
    trendSource: `runs in ${parent}/`,
    trendNote: `The trend appears from the second run of this account, checks and regions in ${parent}/ (or stored in S3 with --output-bucket).`,
  };
}

/** The command line: parse, run the one pipeline, write the local report, print the summary. Returns the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  // Subcommands beside the audit, whose command line stays as it was.
  if (argv[0] === 'verify') return verifyMain(argv.slice(1), io);
  if (argv[0] === 'diff') return diffMain(argv.slice(1), io);
  const program = buildProgram()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  let opts: CliOptions;
  try {
    opts = program.parse(argv, { from: 'user' }).opts<CliOptions>();
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit 0; a parse error has been printed by commander already.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    throw error;
  }

  if (opts.listChecks) {
    io.stdout.write(`${opts.markdown ? catalogueMarkdown(CHECKS) : catalogueText(CHECKS)}\n`);
    return EXIT.ok;
  }

  const started = Date.now();
  const progress = progressReporter(io.stderr, opts);
  let session: Session | undefined;
  try {
    if (program.args.length) throw new UsageError(`unexpected argument '${program.args[0]}'. Fix: options start with -- (see --help).`);
    const remote = publishesRemotely(opts);
    // Signing needs AWS (kms:Sign) even for a replay.
    const needsAws = remote || Boolean(opts.signKey);
    if (opts.inventory && !needsAws && (opts.profile || opts.roleArn || opts.endpointUrl)) {
      throw new UsageError('--inventory replays a saved inventory offline; --profile, --role-arn and --endpoint-url only serve to publish it (--security-hub, --output-bucket) or to sign it (--sign-key).');
    }
    if (opts.objectLockDays !== undefined && !opts.outputBucket) throw new UsageError('--object-lock-days protects the objects written to S3: it needs --output-bucket.');
    if ((opts.outputPrefix !== undefined || opts.outputKmsKey) && !opts.outputBucket) throw new UsageError('--output-prefix and --output-kms-key need --output-bucket.');
    if (opts.externalId && !opts.roleArn) throw new UsageError('--external-id needs --role-arn.');
    if ((opts.allowIncomplete || opts.minCoverage !== undefined) && !opts.failOn) {
      throw new UsageError('--allow-incomplete and --min-coverage qualify the --fail-on gate. Fix: add --fail-on <severity>, or leave them out.');
    }
    // Before any AWS call: a report that cannot be written is known now, not after the audit (the folder is created).
    const target = opts.outputDir ?? REPORTS_ROOT;
    const unwritable = probeOutputDir(target);
    if (unwritable) throw new UsageError(cannotWrite(target, unwritable));
    const config = loadConfig(opts.config, CHECKS.map((c) => c.id));
    let source: AuditSource;
    if (opts.inventory) {
      source = { kind: 'inventory', inventory: loadInventory(opts.inventory) };
      // A replay needs AWS only to publish or sign.
      if (needsAws) session = await openSession(sessionOptions(opts, started));
    } else {
      session = await openSession(sessionOptions(opts, started));
      source = { kind: 'live', session };
    }
    // Before the audit: a key that cannot sign stops the run now, not after it.
    const signer: ManifestSigner | undefined = opts.signKey && session ? await kmsSigner(session.aws, opts.signKey, session.homeRegion) : undefined;
    const { report, inventory } = await runAudit({
      source,
      config,
      ...(opts.regions ? { regions: opts.regions } : {}),
      selection: {
        ...(opts.checks ? { include: opts.checks } : {}),
        ...(opts.excludeChecks ? { exclude: opts.excludeChecks } : {}),
        ...(opts.minSeverity ? { minSeverity: opts.minSeverity } : {}),
      },
      onEvent: progress.onEvent,
      ...(opts.scope !== 'all' ? { scope: opts.scope } : {}),
      ...(opts.deadline !== undefined ? { deadline: started + opts.deadline * 1000 } : {}),
    });
    progress.done();
    const dir = opts.outputDir ?? defaultOutputDir(REPORTS_ROOT, report);
    let files: string[];
    const trend = localTrend(dir, report);
    const framework = frameworkView(report);
    try {
      files = writeLocalReport(dir, report, inventory, opts.format, { ...trend, framework });
    } catch (error) {
      // A file-system refusal (full disk, permissions) is the user's to fix; anything else is a bug, reported as such.
      const e = error as NodeJS.ErrnoException;
      if (typeof e.code !== 'string' || !/^E[A-Z]+$/.test(e.code)) throw error;
      throw new UsageError(cannotWrite(dir, `${e.code} (${e.message})`));
    }
    let unsigned = false;
    if (signer) {
      try {
        const signature = await signer.sign(readFileSync(join(dir, MANIFEST_FILE)));
        writeFileSync(join(dir, SIGNATURE_FILE), signatureBytes(signature), { mode: 0o600 });
        files.push(join(dir, SIGNATURE_FILE));
      } catch (error) {
        unsigned = true;
        io.stderr.write(`warning: the report is written but not signed: ${printable((error as Error).message, 2000)}\n`);
      }
    }
    if (!opts.quiet) {
      io.stdout.write(`${formatSummary(report, dir, files, Date.now() - started, { ...(trend.change ? { change: trend.change } : {}), framework })}\n`);
    }
    // Local files land first: a publishing failure never loses the report.
    const published =
      session && remote ? await publishRemotely(opts, session, { report, inventory }, (m) => io.stderr.write(`warning: ${m}\n`), signer ? { signer } : {}) : undefined;
    if (published && !opts.quiet) io.stdout.write(`${published.lines.join('\n')}\n`);
    if (opts.verbose && report.run.source === 'live') {
      io.stderr.write(`API calls by service: ${JSON.stringify(report.run.apiCalls.byService)}\n`);
    }
    const gate = judgeGate(report, {
      failOn: opts.failOn ?? null,
      allowIncomplete: opts.allowIncomplete,
      ...(opts.minCoverage !== undefined ? { minCoverage: opts.minCoverage } : {}),
    });
    if (gate.failures) {
      io.stderr.write(`${gate.failures} unsuppressed failure(s) at or above ${opts.failOn}: exit code 2.\n`);
      if (gate.incomplete) io.stderr.write(`the audit is also incomplete: ${gate.reason}.\n`);
      return EXIT.failures;
    }
    if (gate.incomplete) {
      const accept = report.summary.coverage.judged === 0 ? '' : ' (or accept it with --allow-incomplete or --min-coverage <percent>)';
      io.stderr.write(`incomplete audit under --fail-on ${opts.failOn}: ${gate.reason}${accept}: exit code 4.\n`);
      if (opts.quiet && report.summary.coverage.gaps.length) io.stderr.write(`what could not be read:\n${formatGaps(report.summary).join('\n')}\n`);
      return EXIT.incomplete;
    }
    if (published?.partial || unsigned) {
      io.stderr.write(`${unsigned ? 'the manifest could not be signed' : 'publishing was partial'} (see above): exit code 3.\n`);
      return EXIT.partial;
    }
    return EXIT.ok;
  } catch (error) {
    progress.done();
    if (error instanceof UsageError) {
      io.stderr.write(`error: ${printable(error.message, 4000)}\n`);
      return EXIT.usage;
    }
    io.stderr.write(`error: the audit stopped unexpectedly: ${printable((error as Error).message, 4000)}. Fix: rerun with --verbose and report the output.\n`);
    if (opts.verbose && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return EXIT.usage;
  } finally {
    session?.aws.destroy();
  }
}
