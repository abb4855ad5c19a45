import { spawn } from 'node:child_process';

/**
 * Runs `node <args>` under GNU time for its peak RSS, with the node flags of BENCH_NODE_ARGS (e.g. V8 settings to
 * compare). stdout is dropped; stderr comes back without time's own line.
 */
export function timed(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; rssKb: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    const child = spawn('/usr/bin/time', ['-f', '__RSS_KB=%M', process.execPath, ...nodeArgs, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const rss = /__RSS_KB=(\d+)/.exec(stderr);
      resolve({ code: code ?? -1, rssKb: rss ? Number(rss[1]) : NaN, stderr: stderr.replace(/__RSS_KB=\d+\n?/, '') });
    });
  });
}
