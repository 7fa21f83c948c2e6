#!/usr/bin/env node
// Entry point of the `integrale` command: runs the compiled CLI (built by `npm ci`'s prepare step).
import { main } from '../dist/src/main.js';

const status = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
});
process.exitCode = status;
