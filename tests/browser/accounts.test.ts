import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, type Member } from './support/browser.js';
import { type HookGlobal } from './support/hook.js';
import { type RelayProcess } from './support/relay.js';
import { useBrowserSuite } from './support/suite.js';
import { scrollWidth } from './support/a11y.js';
import {
  ECO_CURRENCY,
  amountText,
  saveScreenshot,
  text,
  threeMembersOnPhones,
  openScreen,
} from './support/ui.js';

/*
 * Issue 6 item 4 in the browser: three members, each in a browser context of their own on a
 * phone (360 px). Alice opens a project account with Chloé as second steward, 2 of 2; she funds
 * it and asks for a spend to Bob; Chloé approves it in one tap from her own device; Alice's device
 * writes the spend, Bob's accepts it. Then two stewards of a 1-of-2 account spend while apart
 * (each device closed while the other spends): when they meet again, both spends are valid and
 * both screens show the fork alert — the account never overdraws silently. Founding and joining go
 * through `window.integrale`; every account step goes through the screens, by role and name.
 */

let relay: RelayProcess;
let browser: Browser;
let alice: Member;
let bob: Member;
let chloe: Member;

useBrowserSuite({
  members: () => [alice, bob, chloe],
  started: (suite) => ({ relay, browser } = suite),
});

/** What the page's runtime says about accounts (the test reads it only to wait). */
interface AccountsHook {
  readonly integrale: {
    readonly runtime: {
      accountsSnapshot(): {
        accounts: { id: string; name: string; balance: number; forks: unknown[] }[];
        spendRequests: { account: string; state: string; amount: number }[];
      };
    };
  };
}

/** Opens an account's page from the list (once the account reached this device). */
async function openAccount(page: Page, name: string): Promise<Locator> {
  const list = await openScreen(page, 'accounts');
  await list.getByRole('link', { name, exact: true }).click({ timeout: 60_000 });
  const screen = page.locator('coop-account-screen');
  await screen.getByRole('heading', { level: 1, name }).waitFor();
  return screen;
}

/** Opens an account through the form; resolves on its page. */
async function openAccountThroughUi(
  page: Page,
  name: string,
  stewards: readonly string[],
  threshold: number,
): Promise<Locator> {
  const list = await openScreen(page, 'accounts');
  await list.getByRole('button', { name: text('accounts.open.show') }).click();
  const form = list.locator('coop-open-account-form');
  await form.getByLabel(text('accounts.open.name')).fill(name);
  for (const steward of stewards) {
    await form.getByRole('checkbox', { name: steward, exact: true }).check();
  }
  await form.getByLabel(text('accounts.open.threshold')).fill(String(threshold));
  await form.getByRole('button', { name: text('accounts.open.submit') }).click();
  const screen = page.locator('coop-account-screen');
  await screen.getByRole('heading', { level: 1, name }).waitFor();
  return screen;
}

const amountLabel = `${text('account.amount')} (ECO)`;

async function contribute(screen: Locator, amount: string): Promise<void> {
  const form = screen.locator('coop-contribute-form');
  await form.getByLabel(amountLabel).fill(amount);
  await form.getByRole('button', { name: text('account.contribute.submit') }).click();
  await form.getByRole('status').getByText(text('account.contribute.done')).waitFor();
}

async function requestSpend(screen: Locator, to: string, amount: string): Promise<void> {
  const form = screen.locator('coop-spend-request-form');
  await form.getByLabel(text('account.spend.to')).selectOption({ label: to });
  await form.getByLabel(amountLabel).fill(amount);
  await form.getByRole('button', { name: text('account.spend.submit') }).click();
  await form.getByRole('status').getByText(text('account.spend.done')).waitFor();
}

/** Waits until `page` holds the account named `name` with every request of it written. */
function untilWritten(page: Page, name: string, requests: number): Promise<unknown> {
  return page.waitForFunction(
    ([account, count]) => {
      const snapshot = (globalThis as unknown as AccountsHook).integrale.runtime.accountsSnapshot();
      const id = snapshot.accounts.find((a) => a.name === account)?.id;
      const mine = snapshot.spendRequests.filter((r) => r.account === id);
      return mine.length === count && mine.every((r) => r.state === 'written');
    },
    [name, requests] as const,
    { timeout: 60_000 },
  );
}

describe('collective accounts between three phones', { timeout: 300_000 }, () => {
  it('brings three members together', async () => {
    [alice, bob, chloe] = await threeMembersOnPhones(browser, relay.url(), 50_000);
  });

  it('spends from a 2-of-2 account once Chloé approves from her phone', async () => {
    const screen = await openAccountThroughUi(alice.page, 'Fournil', ['Chloé'], 2);
    await screen
      .getByText(text('accounts.threshold', { k: 2, n: 2 }))
      .first()
      .waitFor();
    await contribute(screen, '100,00');
    await requestSpend(screen, 'Bob', '30,00');
    const requests = screen.locator('coop-spend-requests');
    await requests.getByText(text('account.request.awaiting', { count: 1, k: 2 })).waitFor();
    // Alice approved when asking: no button for her.
    expect(
      await requests.getByRole('button', { name: text('account.request.approve') }).count(),
    ).toBe(0);

    const chloeScreen = await openAccount(chloe.page, 'Fournil');
    await chloeScreen
      .locator('coop-spend-requests')
      .getByRole('button', { name: text('account.request.approve') })
      .click({ timeout: 60_000 });
    await chloeScreen
      .locator('coop-spend-requests')
      .getByText(text('account.request.written'))
      .waitFor({ timeout: 60_000 });

    // Alice's device wrote the spend; Bob's device accepted it.
    await bob.page.waitForFunction(
      () => (globalThis as unknown as HookGlobal).integrale.runtime.snapshot().balance === 3_000,
      undefined,
      { timeout: 60_000 },
    );
    await screen
      .getByText(text('accounts.balance', { amount: amountText(7_000, ECO_CURRENCY) }))
      .waitFor({ timeout: 60_000 });
    await screen.locator('coop-account-movements').getByRole('table').waitFor();
    expect(await scrollWidth(alice.page)).toBeLessThanOrEqual(360);
  });

  it('shows a fork alert when two stewards of a 1-of-2 account spent while apart', async () => {
    const screen = await openAccountThroughUi(alice.page, 'Goûter', ['Bob'], 1);
    await contribute(screen, '10,00');
    await openAccount(bob.page, 'Goûter');
    await bob.page.waitForFunction(
      () =>
        (globalThis as unknown as AccountsHook).integrale.runtime
          .accountsSnapshot()
          .accounts.some((a) => a.name === 'Goûter' && a.balance === 1_000),
      undefined,
      { timeout: 60_000 },
    );
    // Bob and Chloé close the app; Alice spends 8.00 alone (1 of 2 suffices).
    await Promise.all([bob.page.close(), chloe.page.close()]);
    await requestSpend(screen, 'Chloé', '8,00');
    await untilWritten(alice.page, 'Goûter', 1);
    await alice.page.close();

    // Bob comes back before Alice's spend could reach him, and spends 7.00.
    bob.page = await openPage(bob, relay.url());
    const bobScreen = await openAccount(bob.page, 'Goûter');
    await requestSpend(bobScreen, 'Chloé', '7,00');
    await untilWritten(bob.page, 'Goûter', 1);

    // Alice comes back: both devices hold both spends, at the same place of the account's chain.
    alice.page = await openPage(alice, relay.url());
    const aliceScreen = await openAccount(alice.page, 'Goûter');
    for (const target of [aliceScreen, bobScreen]) {
      await target
        .getByRole('alert')
        .getByText(text('account.fork', { seq: 1 }))
        .waitFor({ timeout: 90_000 });
      await target
        .getByText(text('accounts.balance', { amount: amountText(-500, ECO_CURRENCY) }))
        .waitFor({ timeout: 60_000 });
    }
    await saveScreenshot(alice.page, 'compte-alerte');
    const list = await openScreen(alice.page, 'accounts');
    await list.getByRole('alert').getByText(text('accounts.forkAlert')).waitFor();
  });
});
