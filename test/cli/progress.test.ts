import { progressReporter } from '../../src/cli/progress';

function terminal(isTTY: boolean) {
  let text = '';
  return { write: (s: string) => void (text += s), isTTY, text: () => text };
}

const progress = { type: 'progress' as const, service: 'iam' as const, region: 'global', done: 1, total: 4 };

describe('progress on the terminal', () => {
  it('rewrites one line on a TTY and clears it before other output', () => {
    const t = terminal(true);
    const p = progressReporter(t, { quiet: false, verbose: false });
    p.onEvent(progress);
    p.onEvent({ ...progress, service: 's3', done: 2 });
    p.onEvent({ type: 'warning', message: 'could not list regions' });
    expect(t.text()).toBe('\r\x1b[Kcollected iam (global)  1/4\r\x1b[Kcollected s3 (global)  2/4\r\x1b[Kwarning: could not list regions\n');
  });

  it('prints nothing for progress when not a terminal, plain lines when verbose, only warnings when quiet', () => {
    const piped = terminal(false);
    progressReporter(piped, { quiet: false, verbose: false }).onEvent(progress);
    expect(piped.text()).toBe('');
    const verbose = terminal(false);
    progressReporter(verbose, { quiet: false, verbose: true }).onEvent(progress);
    expect(verbose.text()).toBe('collected iam (global)  1/4\n');
    const quiet = terminal(true);
    const q = progressReporter(quiet, { quiet: true, verbose: false });
    q.onEvent(progress);
    q.onEvent({ type: 'identity', accountId: '1', callerArn: 'arn', regions: ['us-east-1'] });
    q.onEvent({ type: 'warning', message: 'w' });
    expect(quiet.text()).toBe('warning: w\n');
  });
});
