#!/usr/bin/env node
import { printable } from '../errors';
import { keepHeapNearLiveSize } from '../heap';
import { main } from './main';

keepHeapNearLiveSize();

main(process.argv.slice(2), {
  stdout: { write: (s) => void process.stdout.write(s), isTTY: Boolean(process.stdout.isTTY) },
  stderr: { write: (s) => void process.stderr.write(s), isTTY: Boolean(process.stderr.isTTY) },
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`error: ${printable((error as Error).message, 4000)}\n`);
    process.exitCode = 1;
  },
);
