import { dirname } from 'node:path';
import { CommanderError } from 'commander';
import { CHECKS } from '../../checks';
import { loadConfig } from '../config/load';
import { UsageError } from '../errors';
import { failuresAtOrAbove } from '../evaluate/summary';
import { loadInventory } from '../inventory/io';
import { defaultOutputDir, writeLocalReport } from '../publish/local';
import { readLocalHistory } from '../publish/local-history';
import { openSession, type Session, type SessionOptions } from '../aws/session';
import { runAudit, type AuditSource } from '../run-audit';
import { catalogueMarkdown, catalogueText } from './catalogue';
import { buildProgram, type CliOptions } from './options';
import { progressReporter, type Terminal } from './progress';
import { publishesRemotely, publishRemotely } from './publish';
import { formatSummary } from './summary';

export interface Io {
  stdout: Terminal;
  stderr: Terminal;
}

export const EXIT = { ok: 0, usage: 1, failures: 2, partial: 3 } as const;


function sessionOptions(opts: CliOptions): SessionOptions {
  return {
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(opts.roleArn ? { roleArn: opts.roleArn } : {}),
    ...(opts.externalId ? { externalId: opts.externalId } : {}),
    ...(opts.region ? { region: opts.region } : {}),
    ...(opts.endpointUrl ? { endpointUrl: opts.endpointUrl } : {}),
    ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
  };
}

/** The command line: parse, run the one pipeline, write the local report, print the summary. Returns the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
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
    if (opts.inventory && !remote && (opts.profile || opts.roleArn || opts.endpointUrl)) {
      throw new UsageError('--inventory replays a saved inventory offline; --profile, --role-arn and --endpoint-url only serve to publish it (--security-hub, --output-bucket).');
    }
    if ((opts.outputPrefix !== undefined || opts.outputKmsKey) && !opts.outputBucket) throw new UsageError('--output-prefix and --output-kms-key need --output-bucket.');
    if (opts.externalId && !opts.roleArn) throw new UsageError('--external-id needs --role-arn.');
    const config = loadConfig(opts.config, CHECKS.map((c) => c.id));
    let source: AuditSource;
    if (opts.inventory) {
      source = { kind: 'inventory', inventory: loadInventory(opts.inventory) };
      // A replay needs AWS only to publish.
      if (remote) session = await openSession(sessionOptions(opts));
    } else {
      session = await openSession(sessionOptions(opts));
      source = { kind: 'live', session };
    }
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
    });
    progress.done();
    const dir = opts.outputDir ?? defaultOutputDir('reports', report);
    const files = writeLocalReport(
      dir,
      report,
      inventory,
      opts.format,
      opts.format.includes('html')
        ? {
            history: readLocalHistory(dirname(dir), report.run.accountId),
            trendNote: 'The trend appears from the second run of this account in the same reports folder (or stored in S3 with --output-bucket).',
          }
        : {},
    );
    if (!opts.quiet) io.stdout.write(`${formatSummary(report, dir, files, Date.now() - started)}\n`);
    // Local files land first: a publishing failure never loses the report.
    const published = session && remote ? await publishRemotely(opts, session, { report, inventory }, (m) => io.stderr.write(`warning: ${m}\n`)) : undefined;
    if (published && !opts.quiet) io.stdout.write(`${published.lines.join('\n')}\n`);
    if (opts.verbose && report.run.source === 'live') {
      io.stderr.write(`API calls by service: ${JSON.stringify(report.run.apiCalls.byService)}\n`);
    }
    if (published?.partial) {
      io.stderr.write('publishing was partial (see above): exit code 3.\n');
      return EXIT.partial;
    }
    if (opts.failOn) {
      const over = failuresAtOrAbove(report, opts.failOn);
      if (over > 0) {
        io.stderr.write(`${over} unsuppressed failure(s) at or above ${opts.failOn}: exit code 2.\n`);
        return EXIT.failures;
      }
    }
    return EXIT.ok;
  } catch (error) {
    progress.done();
    if (error instanceof UsageError) {
      io.stderr.write(`error: ${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr.write(`error: the audit stopped unexpectedly: ${(error as Error).message}\n`);
    if (opts.verbose && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return EXIT.usage;
  } finally {
    session?.aws.destroy();
  }
}
