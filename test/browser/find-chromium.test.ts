import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { findChromium, MACOS_CHROME, MISSING_BROWSER } from './chromium';

/** What is left when PATH has none: Google Chrome's macOS location, where it is installed. */
const LAST = existsSync(MACOS_CHROME) ? MACOS_CHROME : null;

describe('finding the browser for the browser tests', () => {
  const root = mkdtempSync(join(tmpdir(), 'browsers-'));
  const bin = (dir: string, name: string, mode = 0o755): string => {
    mkdirSync(join(root, dir), { recursive: true });
    const file = join(root, dir, name);
    writeFileSync(file, '#!/bin/sh\n');
    chmodSync(file, mode);
    return file;
  };
  const a = bin('a', 'chromium-browser');
  const b = bin('b', 'chromium');
  bin('c', 'google-chrome', 0o644); // not executable
  const chrome = bin('d', 'google-chrome');

  it('takes CHROMIUM_PATH first, and only that when it is set', () => {
    expect(findChromium({ CHROMIUM_PATH: chrome, PATH: join(root, 'b') })).toBe(chrome);
    expect(findChromium({ CHROMIUM_PATH: join(root, 'nope'), PATH: join(root, 'b') })).toBeNull();
  });

  it('then looks on PATH for chromium, chromium-browser, google-chrome, in that order', () => {
    expect(findChromium({ PATH: [join(root, 'a'), join(root, 'b')].join(delimiter) })).toBe(b);
    expect(findChromium({ PATH: join(root, 'a') })).toBe(a);
    expect(findChromium({ PATH: [join(root, 'c'), join(root, 'd')].join(delimiter) })).toBe(chrome);
    expect(findChromium({ PATH: join(root, 'c') })).toBe(LAST);
    expect(findChromium({ PATH: '' })).toBe(LAST);
  });

  it('says how to fix a missing browser', () => {
    expect(MISSING_BROWSER).toContain('apt-get install chromium');
    expect(MISSING_BROWSER).toContain('CHROMIUM_PATH');
  });
});
