import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchChromium, printLogsOnFailure, type Member } from './browser.js';
import { ensureBuilt } from './build.js';
import { startRelay, type RelayProcess } from './relay.js';

/*
 * What most browser test files share: the web app built, one relay process and one Chromium for
 * the whole file, the members' page logs printed when a test fails, everything stopped at the
 * end. A file calls `useBrowserSuite` at its top level and gets its relay and browser through
 * `started`.
 */

/** The relay and the browser of a test file. */
export interface BrowserSuite {
  readonly relay: RelayProcess;
  readonly browser: Browser;
}

/** Options of {@link useBrowserSuite}. */
export interface BrowserSuiteOptions {
  /** The members whose page logs are printed when a test fails. */
  readonly members: () => readonly (Member | undefined)[];
  /** Called once both are started, before the first test. */
  readonly started: (suite: BrowserSuite) => void;
  /** Extra Chromium flags (e.g. `--host-resolver-rules`). */
  readonly chromiumArgs?: readonly string[];
}

/** Registers the file's set-up and tear-down with vitest. */
export function useBrowserSuite(options: BrowserSuiteOptions): void {
  let relay: RelayProcess | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    await ensureBuilt();
    relay = await startRelay();
    browser = await launchChromium(options.chromiumArgs ?? []);
    options.started({ relay, browser });
  }, 180_000);
  afterEach(printLogsOnFailure(options.members));
  afterAll(async () => {
    await browser?.close();
    await relay?.stop();
  });
}
