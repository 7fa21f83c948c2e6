import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newMember, type Member } from './support/browser.js';
import { found, snapshot, type HookGlobal } from './support/hook.js';
import { type RelayProcess } from './support/relay.js';
import { useBrowserSuite } from './support/suite.js';

/*
 * Issue 4 item 8 on a plain-HTTP LAN page (`http://coop.test:…`, mapped to 127.0.0.1 as in
 * lan-origin.test.ts): not a secure context, so no service worker. The app registers none, says
 * that installing it for offline use needs HTTPS, and works all the same.
 */

const HOST = 'coop.test';

let relay: RelayProcess;
let browser: Browser;
let alice: Member | undefined;
/** Every URL the page asked for. */
const requested: string[] = [];

useBrowserSuite({
  chromiumArgs: [`--host-resolver-rules=MAP ${HOST} 127.0.0.1`],
  members: () => [alice],
  started: (suite) => ({ relay, browser } = suite),
});

describe('offline use on a plain-HTTP LAN page', { timeout: 90_000 }, () => {
  it('registers no service worker and says installing offline needs HTTPS', async () => {
    alice = await newMember(browser, 'Alice', relay.url(HOST));
    alice.page.on('request', (request) => requested.push(request.url()));
    const facts = await alice.page.evaluate(() => ({
      secure: globalThis.isSecureContext,
      serviceWorkerApi: 'serviceWorker' in globalThis.navigator,
      cacheStorage: 'caches' in globalThis,
    }));
    expect(facts).toStrictEqual({ secure: false, serviceWorkerApi: false, cacheStorage: false });

    const status = alice.page.locator('coop-offline-status[state="unsupported-insecure"] p');
    await expect
      .poll(() => status.first().textContent())
      .toContain('installer l’application hors ligne demande une adresse HTTPS (ou localhost)');
    // Said politely to screen readers: the text is in a live region.
    await alice.page.locator('coop-offline-status [role="status"] p').first().waitFor();
  });

  it('works all the same: founds a cooperative and shows it, with the noble verifier', async () => {
    const member = alice!;
    await found(member, 'Coopérative intégrale de Vincennes');
    expect(
      await member.page.evaluate(() => (globalThis as unknown as HookGlobal).integrale.verifier()),
    ).toBe('noble');
    await expect
      .poll(() => member.page.locator('coop-app header .brand').textContent())
      .toContain('Coopérative intégrale de Vincennes');
    await expect
      .poll(() => member.page.locator('coop-home-screen .card').textContent())
      .toMatch(/Votre solde\s:\s0,00\sECO/);
    expect((await snapshot(member.page)).phase).toBe('ready');

    // A reload fetches the page from the relay again: still no worker asked for.
    await member.page.reload();
    await member.page.waitForFunction(
      () => (globalThis as unknown as HookGlobal).integrale?.runtime.snapshot().phase === 'ready',
    );
    expect(requested.some((url) => url.endsWith('/index.html') || url === relay.url(HOST))).toBe(
      true,
    );
    expect(requested.filter((url) => url.includes('sw.js'))).toStrictEqual([]);
    await member.page.locator('coop-offline-status[state="unsupported-insecure"]').waitFor();
  });
});
