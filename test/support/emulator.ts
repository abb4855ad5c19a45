import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * A local AWS emulator for tests that must cross real HTTP (SDK serialisation, endpoint rules): the moto server,
 * started by test/support/emulator/server.py on a free loopback port. moto is a Python package on this machine and
 * in CI; a missing one fails the test once, naming the fix.
 */
export interface Emulator {
  url: string;
  /** Forgets every resource (moto's reset API). */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

const PYTHON = process.env.PYTHON ?? 'python3';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startEmulator(): Promise<Emulator> {
  const probe = spawnSync(PYTHON, ['-c', 'import moto.server'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    throw new Error(`the emulator tests need the Python package moto (python3 -c "import moto.server" failed: ${probe.stderr.trim().split('\n').pop()}). Fix: pip install "moto[server]".`);
  }
  const port = await freePort();
  const child: ChildProcess = spawn(PYTHON, [join(__dirname, 'emulator', 'server.py'), String(port)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the emulator did not start within 20 s: ${log}`)), 20_000);
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('ready on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited (${code}): ${log}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    async reset() {
      await fetch(`${url}/moto-api/reset`, { method: 'POST' });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin?.end();
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}
