import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newMember, type Member } from './support/browser.js';
import {
  didOf,
  found,
  invite,
  join,
  pay,
  snapshot,
  untilMembers,
  untilValid,
  type HookGlobal,
} from './support/hook.js';
import { type RelayProcess } from './support/relay.js';
import { useBrowserSuite } from './support/suite.js';

/*
 * Issue 4 item 4, end to end: Alice backs her key up through the keys screen (the file comes
 * through a real download), restores it in another browser profile through the restore form —
 * a wrong passphrase first — and that profile opens her cooperative with documents from her
 * first device, lists both devices, and pays once its ledger holds her feed.
 */

/** What the keys part of `window.integrale.runtime` gives (web/src/app/runtime-keys.ts). */
interface KeysHook {
  readonly integrale: {
    readonly runtime: {
      keysSnapshot(): {
        signing: string;
        devices: { device: string; since: string; current: boolean }[];
      };
    };
  };
}

const PASSPHRASE = 'une phrase secrète assez longue';

let relay: RelayProcess;
let browser: Browser;
let alice: Member;
let bob: Member;
let aliceAgain: Member;
let backupFile: string;
let coop: string;

useBrowserSuite({
  members: () => [alice, bob, aliceAgain],
  started: (suite) => ({ relay, browser } = suite),
});

/** Opens the keys screen (`#/cles`) in `page`. */
async function openKeysScreen(page: Page): Promise<void> {
  await page.evaluate(() => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = '#/cles';
  });
  await page.locator('coop-keys-screen h1').waitFor();
}

function untilDevices(page: Page, count: number): Promise<unknown> {
  return page.waitForFunction(
    (n) =>
      (globalThis as unknown as KeysHook).integrale.runtime.keysSnapshot().devices.length === n,
    count,
  );
}

describe('a member key backed up and restored on another device', { timeout: 120_000 }, () => {
  it('backs the key up from the keys screen as a downloaded file', async () => {
    alice = await newMember(browser, 'Alice', relay.url());
    coop = await found(alice, 'Coopérative intégrale de Montreuil');
    bob = await newMember(browser, 'Bob', relay.url());
    await join(bob, await invite(alice));
    await untilMembers(alice.page, 2);
    // Bob pays Alice, so that her balance is something to find again.
    const entry = await pay(bob, await didOf(alice), 500, 'confiture');
    await untilValid(alice.page, entry);
    await alice.page.waitForFunction(
      () => (globalThis as unknown as HookGlobal).integrale.runtime.snapshot().balance === 500,
    );

    await openKeysScreen(alice.page);
    const form = alice.page.locator('coop-key-backup-form');
    // Too short first: said next to the field, nothing made.
    await form.getByLabel('Phrase secrète', { exact: true }).fill('court');
    await form.getByRole('button', { name: 'Créer la sauvegarde' }).click();
    await expect
      .poll(() => form.locator('#passphrase-error').textContent())
      .toContain('au moins 10 caractères');
    await form.getByLabel('Phrase secrète', { exact: true }).fill(PASSPHRASE);
    await form.getByLabel('La même phrase secrète, encore une fois').fill(PASSPHRASE);
    await form.getByRole('button', { name: 'Créer la sauvegarde' }).click();
    const link = form.getByRole('link', { name: 'Télécharger le fichier de sauvegarde' });
    await link.waitFor();
    await expect.poll(() => form.locator('coop-qr-code svg[role="img"]').count()).toBe(1);
    const [download] = await Promise.all([alice.page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^integrale-cle-\d{4}-\d{2}-\d{2}\.json$/);
    backupFile = (await download.path()) as string;
    const text = await readFile(backupFile, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: 'integrale-key-backup', version: 2 });
    // Neither the cooperative nor its name are readable without the passphrase.
    expect(text).not.toContain(coop);
    expect(text).not.toContain('Montreuil');
  });

  it('restores it in another profile: wrong passphrase refused, then the cooperative opens', async () => {
    aliceAgain = await newMember(browser, 'Alice (2)', relay.url());
    const page = aliceAgain.page;
    expect((await snapshot(page)).phase).toBe('no-cooperative');
    // The way in from the welcome screen.
    await page.getByRole('link', { name: 'Restaurer ma clé depuis une sauvegarde' }).click();
    const form = page.locator('coop-key-restore-form');
    await form.getByLabel('Fichier de sauvegarde').setInputFiles(backupFile);
    await form.getByLabel('Phrase secrète de la sauvegarde').fill('une autre phrase secrète');
    await form.getByRole('button', { name: 'Restaurer ma clé' }).click();
    await expect
      .poll(() => form.getByRole('alert').textContent())
      .toContain('La phrase secrète ne correspond pas à cette sauvegarde.');
    expect((await snapshot(page)).phase).toBe('no-cooperative');

    await form.getByLabel('Phrase secrète de la sauvegarde').fill(PASSPHRASE);
    await form.getByRole('button', { name: 'Restaurer ma clé' }).click();
    await page.waitForFunction(
      ([id, balance]) => {
        const seen = (globalThis as unknown as HookGlobal).integrale.runtime.snapshot();
        return seen.cooperative?.id === id && seen.members.length === 2 && seen.balance === balance;
      },
      [coop, 500] as const,
      { timeout: 60_000 },
    );
    const seen = await snapshot(page);
    expect(seen.self).toBe(await didOf(alice));
    expect(seen.cooperative?.name).toBe('Coopérative intégrale de Montreuil');
    // Its own device key: a PeerId other than the first device's.
    const [first, second] = await Promise.all(
      [alice.page, page].map((p) =>
        p.evaluate(() => (globalThis as unknown as HookGlobal).integrale.peerId()),
      ),
    );
    expect(second).not.toBeNull();
    expect(second).not.toBe(first);
  });

  it('lists the two devices on both', async () => {
    for (const member of [alice, aliceAgain]) {
      await untilDevices(member.page, 2);
      await openKeysScreen(member.page);
      const items = member.page.locator('coop-device-list li');
      await expect.poll(() => items.count()).toBe(2);
      await expect.poll(() => items.filter({ hasText: 'cet appareil' }).count()).toBe(1);
    }
  });

  it('pays from the restored device once it holds its feed', async () => {
    const page = aliceAgain.page;
    await page.waitForFunction(
      () =>
        (globalThis as unknown as KeysHook).integrale.runtime.keysSnapshot().signing === 'ready',
    );
    const entry = await pay(aliceAgain, await didOf(bob), 120, 'pain');
    for (const member of [alice, bob]) await untilValid(member.page, entry);
    await alice.page.waitForFunction(
      () => (globalThis as unknown as HookGlobal).integrale.runtime.snapshot().balance === 380,
    );
  });
});
