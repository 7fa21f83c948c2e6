import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/*
 * Debian's Chromium, driven by Playwright. Each member is a browser context of its own: its own
 * IndexedDB, localStorage, Web Locks and BroadcastChannels, as separate browser profiles would be.
 */

/** Flags every browser test runs Chromium with. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // WebRTC host candidates as plain addresses, loopback included: no mDNS names to resolve
  // (they would go out as multicast), and the connection between two pages stays on this host.
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--allow-loopback-in-peer-connection',
];

/** Launches Chromium with {@link CHROMIUM_ARGS} plus `extraArgs`. */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

/** One member: a browser context (their profile) and the page they have open. */
export interface Member {
  readonly name: string;
  readonly context: BrowserContext;
  page: Page;
  /** What the page logged, for the failure message. */
  readonly log: string[];
}

/**
 * Namespaces of the pages' debug logs to keep (`debug` in the pages' localStorage), from the
 * environment variable `INTEGRALE_BROWSER_DEBUG` (e.g. `integrale:*,automerge-repo:*`); none by
 * default. Everything they log is then printed when a test fails.
 */
const DEBUG = process.env['INTEGRALE_BROWSER_DEBUG'] ?? '';

function follow(page: Page, log: string[], label: string): void {
  const started = Date.now();
  page.on('console', (message) => {
    if (DEBUG !== '' || message.type() === 'error' || message.type() === 'warning') {
      log.push(`[${label} +${Date.now() - started}ms] ${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => log.push(`[${label}] pageerror: ${error.message}`));
}

/** `INTEGRALE_BROWSER_LOGS=always`: print the pages' logs after every test, not only failed ones. */
const ALWAYS_PRINT = process.env['INTEGRALE_BROWSER_LOGS'] === 'always';

/**
 * An `afterEach` hook printing what the members' pages logged (errors and warnings; everything
 * with `INTEGRALE_BROWSER_DEBUG`) when the test failed — the pages' console is where a runtime
 * error shows.
 */
export function printLogsOnFailure(
  members: () => readonly (Member | undefined)[],
): (context: { task: { result?: { state?: string } } }) => void {
  return ({ task }) => {
    if (task.result?.state !== 'fail' && !ALWAYS_PRINT) return;
    for (const member of members()) {
      if (member !== undefined && member.log.length > 0)
        console.log(member.log.splice(0).join('\n'));
    }
  };
}

/** Opens a page of `member` at `url` and waits until its runtime has started. */
export async function openPage(member: Member, url: string): Promise<Page> {
  const page = await member.context.newPage();
  follow(page, member.log, member.name);
  await page.goto(url);
  await page.waitForFunction(() => {
    const hook = (
      globalThis as unknown as { integrale?: { runtime: { snapshot(): { phase: string } } } }
    ).integrale;
    const phase = hook?.runtime.snapshot().phase;
    return phase !== undefined && phase !== 'starting' && phase !== 'opening';
  });
  return page;
}

/** A new member with a fresh context and one page at `url`. */
export async function newMember(browser: Browser, name: string, url: string): Promise<Member> {
  const context = await browser.newContext();
  if (DEBUG !== '') {
    await context.addInitScript((namespaces) => {
      (
        globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }
      ).localStorage.setItem('debug', namespaces);
    }, DEBUG);
  }
  const member: Member = { name, context, page: undefined as unknown as Page, log: [] };
  member.page = await openPage(member, url);
  return member;
}
