import type { Io } from '../../src/cli/main';

/** The CLI's terminal, captured: what `main` wrote to stdout and stderr. */
export function captureIo(): Io & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s) => void (out += s), isTTY: false },
    stderr: { write: (s) => void (err += s), isTTY: false },
    out: () => out,
    err: () => err,
  };
}
