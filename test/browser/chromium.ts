import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Browser } from 'playwright-core';

/** Names a Chromium or Chrome binary goes by on PATH, in the order they are tried. */
const ON_PATH = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
export const MACOS_CHROME = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';

export const MISSING_BROWSER =
  'the browser tests need Chromium or Google Chrome, and none was found (CHROMIUM_PATH, then chromium, chromium-browser or google-chrome on PATH, ' +
  `then ${MACOS_CHROME}). Fix: apt-get install chromium (Debian/Ubuntu), or set CHROMIUM_PATH to the browser's executable.`;

const executable = (file: string): boolean => {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

/**
 * The browser the tests drive: CHROMIUM_PATH when set (and it must then exist), else the first of chromium,
 * chromium-browser, google-chrome on PATH, else Google Chrome's usual macOS location; null when there is none.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.CHROMIUM_PATH) return executable(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  for (const name of ON_PATH) {
    for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
      const file = join(dir, name);
      if (executable(file)) return file;
    }
  }
  return executable(MACOS_CHROME) ? MACOS_CHROME : null;
}

/** Launches the found browser headless; throws the one message with the fix when there is none. */
export async function launchChromium(): Promise<Browser> {
  const path = findChromium();
  if (!path) throw new Error(MISSING_BROWSER);
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: path,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A describe block of browser tests. Without a browser it holds one failing test with the fix instead of its
 * tests (which would each fail with the same message): the suite fails once, saying what to install.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (findChromium()) {
    describe(name, body);
    return;
  }
  describe(name, () => {
    it('needs a browser', () => {
      throw new Error(MISSING_BROWSER);
    });
  });
}
