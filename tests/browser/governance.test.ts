import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, type Member } from './support/browser.js';
import { type HookGlobal } from './support/hook.js';
import { type RelayProcess } from './support/relay.js';
import { useBrowserSuite } from './support/suite.js';
import { scrollWidth, seriousViolations } from './support/a11y.js';
import {
  ECO_CURRENCY,
  PHONE,
  amountText,
  payThroughUi,
  saveScreenshot,
  text,
  threeMembersOnPhones,
  openScreen,
} from './support/ui.js';

/*
 * Issue 5 item 8 (governance): three members, each in a browser context of their own on a phone
 * (360 px), hold an assembly vote and adopt a decision raising Bob's credit limit; Bob's device
 * takes the decided limit up by itself, and a payment it refused before goes through and is
 * valid for all three. Chloé votes from a second tab (a follower: her leader tab signs). Founding and joining go through `window.integrale` (sync.test.ts covers
 * them); the governance steps and the payments go through the screens, by role and name.
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

const everyone = (): Member[] => [alice, bob, chloe];
const TITLE = 'Relever la limite de crédit de Bob';
const ASSEMBLY = 'ag-novembre';
/** Alice founded the cooperative: the ledger gives her no name, the screens a fixed one. */
const ALICE = text('members.founderName');

/** Opens the proposal from the proposals list (once it reached this device). */
async function openProposal(page: Page): Promise<Locator> {
  const list = await openScreen(page, 'proposals');
  await list.getByRole('link', { name: TITLE }).click({ timeout: 60_000 });
  const screen = page.locator('coop-proposal-screen');
  await screen.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  return screen;
}

/** Signs a ballot from the proposal page. */
async function agree(screen: Locator): Promise<void> {
  await screen.getByRole('radio', { name: text('gov.choice.agree'), exact: true }).check();
  await screen.getByRole('button', { name: text('gov.vote.cast') }).click();
  await screen.getByText(text('gov.vote.voted')).waitFor();
}

/** Whether `page` holds a valid payment of `amount` minor units. */
function untilValidPay(page: Page, amount: number): Promise<unknown> {
  return page.waitForFunction(
    (minor) =>
      (globalThis as unknown as HookGlobal).integrale.runtime
        .snapshot()
        .entries.some(
          (entry) =>
            entry.type === 'pay' &&
            (entry as { pay?: { amount: number } }).pay?.amount === minor &&
            entry.status.state === 'valid',
        ),
    amount,
    { timeout: 60_000 },
  );
}

describe('an assembly raises a member’s credit limit', { timeout: 240_000 }, () => {
  it('brings three members together, the limit being 100.00 ECO', async () => {
    [alice, bob, chloe] = await threeMembersOnPhones(browser, relay.url(), 10_000);
  });

  it('refuses Bob’s payment of 150.00 ECO: over his limit', async () => {
    const screen = bob.page.locator('coop-ledger-screen');
    await bob.page
      .getByRole('navigation', { name: text('nav.label') })
      .getByRole('link', { name: text('nav.ledger'), exact: true })
      .click();
    await screen
      .getByText(text('ledger.creditLimit', { amount: amountText(-10_000, ECO_CURRENCY) }))
      .waitFor();
    await screen.getByText(text('gov.limit.genesis')).waitFor();
    await screen.getByRole('radio', { name: ALICE, exact: true }).check();
    await screen.getByLabel(text('ledger.amountLabel', { code: 'ECO' })).fill('150,00');
    await screen.getByRole('button', { name: text('ledger.review') }).click();
    await screen
      .getByRole('group', { name: text('ledger.confirmTitle') })
      .getByRole('button', { name: text('ledger.confirm'), exact: true })
      .click();
    await screen.getByRole('alert').getByText(text('pay.overLimit')).waitFor();
  });

  it('lets Alice propose, Alice and Chloé consent, Bob give his vote to Alice, Alice close: adopted', async () => {
    // Alice writes the proposal for the assembly's item (as the meeting's link opens the form).
    await openScreen(alice.page, 'proposals');
    await alice.page.evaluate((assembly) => {
      (globalThis as unknown as { location: { hash: string } }).location.hash =
        `#/propositions?new=1&assembly=${assembly}`;
    }, ASSEMBLY);
    const form = alice.page.locator('coop-proposal-form');
    await form.getByLabel(text('gov.form.titleLabel')).fill(TITLE);
    await form
      .getByLabel(text('gov.form.textLabel'))
      .fill('Bob lance le fournil\u00a0: il lui faut avancer la farine.');
    await form.getByRole('radio', { name: text('gov.method.consent') }).check();
    await form.getByLabel(text('gov.form.quorumLabel')).fill('2');
    await form.getByRole('radio', { name: text('gov.form.effectMemberLimit') }).check();
    await form.getByLabel(text('gov.form.memberLabel')).selectOption({ label: 'Bob' });
    await form.getByLabel(text('gov.form.limitLabel', { code: 'ECO' })).fill('500,00');
    await form.getByRole('button', { name: text('gov.form.submit') }).click();
    const aliceScreen = alice.page.locator('coop-proposal-screen');
    await aliceScreen.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await aliceScreen
      .getByText(
        text('gov.effect.memberLimit', { name: 'Bob', amount: amountText(50_000, ECO_CURRENCY) }),
      )
      .waitFor();
    await agree(aliceScreen);

    // Chloé votes from a second tab: a follower, which hands the ballot to her leader tab to sign.
    const chloeTab = await openPage(chloe, relay.url());
    await chloeTab.waitForFunction(
      () => (globalThis as unknown as HookGlobal).integrale.role() === 'follower',
    );
    const chloeScreen = await openProposal(chloeTab);
    await agree(chloeScreen);
    expect(
      await chloeTab.evaluate(() => (globalThis as unknown as HookGlobal).integrale.role()),
    ).toBe('follower');
    await chloeTab.close();

    const bobScreen = await openProposal(bob.page);
    await bobScreen.getByLabel(text('gov.page.proxyGive')).selectOption({ label: ALICE });
    await bobScreen.getByRole('button', { name: text('gov.page.proxySubmit') }).click();
    await bobScreen.getByText(text('gov.page.proxyGiven')).waitFor();
    await bobScreen.getByText(text('gov.page.proxyCurrent', { name: ALICE })).waitFor();

    // Alice's device counts Chloé's ballot and Bob's proxy once they reach it.
    await aliceScreen
      .getByText(text('gov.vote.participants', { count: 3, quorum: 2 }))
      .waitFor({ timeout: 60_000 });
    await aliceScreen
      .getByText(text('gov.vote.soFar', { result: text('gov.result.adopted') }))
      .waitFor();
    await aliceScreen.getByRole('button', { name: text('gov.vote.close') }).click();
    await aliceScreen
      .getByText(text('gov.vote.closedResult', { result: text('gov.result.adopted') }))
      .waitFor();
    expect(await scrollWidth(alice.page)).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousViolations(alice.page)).toStrictEqual([]);
    await saveScreenshot(alice.page, 'proposition');
  });

  it('shows the decision adopted and verified in every member’s decision log', async () => {
    for (const member of everyone()) {
      const log = await openScreen(member.page, 'decisions');
      const row = log.getByRole('listitem').filter({ hasText: TITLE });
      await row.getByText(text('gov.result.adopted'), { exact: true }).waitFor({ timeout: 60_000 });
      await row.getByText(text('gov.state.verified')).waitFor({ timeout: 60_000 });
      await row
        .getByText(
          text('gov.effect.memberLimit', { name: 'Bob', amount: amountText(50_000, ECO_CURRENCY) }),
        )
        .waitFor();
      expect(await scrollWidth(member.page)).toBeLessThanOrEqual(PHONE.width);
    }
    expect(await seriousViolations(chloe.page)).toStrictEqual([]);
    await saveScreenshot(chloe.page, 'decisions');
  });

  it('lets Bob, whose device took the new limit up, pay 150.00 ECO: valid for all three', async () => {
    const ledger = bob.page.locator('coop-ledger-screen');
    await bob.page
      .getByRole('navigation', { name: text('nav.label') })
      .getByRole('link', { name: text('nav.ledger'), exact: true })
      .click();
    await ledger
      .getByText(text('ledger.creditLimit', { amount: amountText(-50_000, ECO_CURRENCY) }))
      .waitFor({ timeout: 60_000 });
    await ledger.getByRole('link', { name: text('gov.limit.decided', { title: TITLE }) }).waitFor();

    await payThroughUi(bob, { to: ALICE, amount: '150,00', memo: 'farine' });
    for (const member of everyone()) await untilValidPay(member.page, 15_000);
  });
});
