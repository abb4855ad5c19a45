import type { AuditEvent } from '../run-audit';

export interface Terminal {
  write(text: string): void;
  isTTY: boolean;
}

/** Shows collection progress: one rewritten line on a terminal, plain lines when verbose, nothing when quiet. */
export function progressReporter(err: Terminal, mode: { quiet: boolean; verbose: boolean }): { onEvent: (e: AuditEvent) => void; done: () => void } {
  let live = false;
  const clear = () => {
    if (live) err.write('\r\x1b[K');
    live = false;
  };
  return {
    onEvent(e) {
      if (e.type === 'warning') {
        clear();
        err.write(`warning: ${e.message}\n`);
        return;
      }
      if (mode.quiet) return;
      if (e.type === 'identity') {
        clear();
        err.write(`auditing account ${e.accountId} as ${e.callerArn} in ${e.regions.length} region(s): ${e.regions.join(', ')}\n`);
        return;
      }
      const line = `collected ${e.service} (${e.region})  ${e.done}/${e.total}`;
      if (mode.verbose) err.write(`${line}\n`);
      else if (err.isTTY) {
        err.write(`\r\x1b[K${line}`);
        live = true;
      }
    },
    done: clear,
  };
}
