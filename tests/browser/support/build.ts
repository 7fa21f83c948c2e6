import { execFile } from 'node:child_process';
import { mkdir, readdir, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/*
 * The browser tests run the real product: the relay from relay/dist (after `tsc --build relay`) serving
 * the web app from web/dist (after `vite build`). Both are brought up to date once per run; test
 * files running in parallel take turns through a lock directory (mkdir is atomic), and the second
 * one finds everything fresh.
 */

const run = promisify(execFile);

/** The repository's root. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const WEB_DIST_INDEX = join(ROOT, 'web/dist/index.html');
const LOCK = join(ROOT, 'tests/browser/.build-lock');

/** Sources the web build depends on: the app and every workspace package it bundles. */
const WEB_INPUTS = [
  'web/src',
  'web/index.html',
  'web/public',
  'web/vite.config.ts',
  'packages/identity/src',
  'packages/ledger/src',
  'packages/sync/src',
  'packages/peer/src',
];

async function newestChange(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(path)) {
    newest = Math.max(newest, await newestChange(join(path, entry)));
  }
  return newest;
}

async function webDistIsStale(): Promise<boolean> {
  const built = await stat(WEB_DIST_INDEX).then(
    (info) => info.mtimeMs,
    () => 0,
  );
  if (built === 0) return true;
  for (const input of WEB_INPUTS) {
    if ((await newestChange(join(ROOT, input))) > built) return true;
  }
  return false;
}

/** A lock older than this was left by a run that was killed: a build takes well under it. */
const STALE_LOCK_MS = 5 * 60_000;

async function withLock<T>(task: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await stat(LOCK).then(
        (info) => Date.now() - info.mtimeMs,
        () => 0,
      );
      if (age > STALE_LOCK_MS) {
        await rmdir(LOCK).catch(() => undefined);
        continue;
      }
      // Another test file is building: wait for its lock directory to go.
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await task();
  } finally {
    await rmdir(LOCK);
  }
}

/**
 * Runs `tsc --build relay` (the relay's dist and what it references) and `vite build` of the web
 * app when its dist is stale. The web build bundles the packages from their sources (its Vite
 * aliases), so it needs no other dist.
 */
export async function ensureBuilt(): Promise<void> {
  await withLock(async () => {
    await run('npx', ['tsc', '--build', 'relay'], { cwd: ROOT });
    if (await webDistIsStale()) {
      // vitest sets NODE_ENV=test, which would make Vite bundle Lit's development build.
      const env = { ...process.env, NODE_ENV: 'production' };
      await run('npm', ['run', 'build', '-w', 'web'], { cwd: ROOT, env });
    }
  });
}
