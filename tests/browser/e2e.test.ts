import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, type Member } from './support/browser.js';
import { type RelayProcess } from './support/relay.js';
import { useBrowserSuite } from './support/suite.js';
import {
  DESKTOP,
  ECO_CURRENCY,
  MONTREUIL,
  PHONE,
  amountText,
  createCooperativeThroughUi,
  inviteThroughUi,
  membersCountText,
  newUiMember,
  openInvitation,
  openScreen,
  payThroughUi,
  readBalances,
  readHistory,
  readNetworkStatus,
  saveScreenshot,
  screenOf,
  submitJoin,
  text,
  untilConnectedTo,
  type MemberLine,
} from './support/ui.js';

/*
 * Issue 4 item 10, through the screens: a founder creates a cooperative on a phone, invites two
 * people who open their links in browser contexts of their own (separate storage) — one on a
 * laptop, one on a phone — and join through the form; they pay each other through the ledger
 * screen's form and its confirmation; all three read the same balances on the members screen
 * and the same verified history on the ledger screen. Then one goes offline, pays, comes back,
 * and all converge. Screenshots of the main screens at 360 px go to docs/screenshots/.
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

const everyone = () => [alice, bob, chloe];

/** The founder gives their name on the create form (their profile): the screens call them so. */
const FOUNDER = 'Alice';

/** The balances every member should read on their members screen. */
function balances(expected: Record<string, number>): MemberLine[] {
  return Object.entries(expected)
    .map(([name, minor]) => ({
      name,
      balance: text('members.balance', { amount: amountText(minor, ECO_CURRENCY) }),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Waits until every member's members screen shows `expected`. */
async function untilEveryoneReads(expected: Record<string, number>): Promise<void> {
  for (const member of everyone()) {
    await expect
      .poll(() => readBalances(member.page), { timeout: 60_000 })
      .toStrictEqual(balances(expected));
  }
}

/**
 * Waits until the three ledger screens show one history, every entry verified; resolves with
 * it.
 */
async function untilSameVerifiedHistory(): Promise<string[]> {
  const valid = text('entry.valid');
  const histories = () => Promise.all(everyone().map((member) => readHistory(member.page)));
  await expect
    .poll(
      async () => {
        const seen = await histories();
        const same = seen.every((h) => JSON.stringify(h) === JSON.stringify(seen[0]));
        const verified = seen[0]!.every((line) => line.includes(valid));
        return same && verified;
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  return (await histories())[0]!;
}

describe('three members through the screens', { timeout: 120_000 }, () => {
  it('creates a cooperative on a phone and invites two people who join from their links', async () => {
    alice = await newUiMember(browser, 'Alice', relay.url(), PHONE);
    await openScreen(alice.page, 'home');
    await saveScreenshot(alice.page, 'accueil');
    await createCooperativeThroughUi(alice, MONTREUIL, () => saveScreenshot(alice.page, 'creer'));

    const forBob = await inviteThroughUi(alice);
    await saveScreenshot(alice.page, 'membres');
    bob = await openInvitation(browser, 'Bob', forBob, DESKTOP);
    await submitJoin(bob, MONTREUIL.name);

    // One link, one person: Chloé gets her own.
    const forChloe = await inviteThroughUi(alice);
    expect(forChloe).not.toBe(forBob);
    chloe = await openInvitation(browser, 'Chloé', forChloe, PHONE);
    await saveScreenshot(chloe.page, 'rejoindre');
    await submitJoin(chloe, MONTREUIL.name);

    for (const member of everyone()) {
      const screen = await openScreen(member.page, 'members');
      await screen.getByText(membersCountText(3)).waitFor({ timeout: 60_000 });
    }
    await untilEveryoneReads({ [FOUNDER]: 0, Bob: 0, Chloé: 0 });
  });

  it('pays through the ledger form and its confirmation; all read the same books', async () => {
    // Newcomers reach each other directly; wait for the links the payments travel on.
    await untilConnectedTo(bob.page, 2);
    await untilConnectedTo(chloe.page, 2);
    await payThroughUi(bob, {
      to: 'Chloé',
      amount: '12,50',
      memo: 'panier de légumes',
      search: true,
    });
    await payThroughUi(chloe, { to: FOUNDER, amount: '3', memo: 'atelier vélo' }, async (step) => {
      const ledger = screenOf(chloe.page, 'ledger');
      if (step === 'form') {
        await saveScreenshot(
          chloe.page,
          'registre-paiement',
          ledger.getByRole('heading', { name: text('ledger.payTitle') }),
        );
      }
      if (step === 'confirmation') {
        const confirmation = ledger.getByRole('group', { name: text('ledger.confirmTitle') });
        await saveScreenshot(chloe.page, 'registre-confirmation', confirmation);
      }
    });

    await untilEveryoneReads({ [FOUNDER]: 300, Bob: -1_250, Chloé: 950 });
    const history = await untilSameVerifiedHistory();
    const memos = history.filter((line) => /panier de légumes|atelier vélo/.test(line));
    expect(memos).toHaveLength(2);
    // Each member's own balance on the ledger screen agrees with what the others read.
    const ledger = await openScreen(chloe.page, 'ledger');
    await ledger
      .getByText(text('ledger.yourBalance', { amount: amountText(950, ECO_CURRENCY) }))
      .waitFor();
    await saveScreenshot(
      chloe.page,
      'registre-historique',
      ledger.getByRole('heading', { name: text('ledger.historyTitle') }),
    );
    await readNetworkStatus(chloe.page);
    await saveScreenshot(chloe.page, 'reseau');
  });

  it('lets a member pay while offline; everyone converges once they are back', async () => {
    // Bob loses the network. Emulated offline stops HTTP and WebSockets (the relay) but not the
    // WebRTC connections already open, so the others also close the app: Bob is then cut off.
    await bob.context.setOffline(true);
    await Promise.all([alice.page.close(), chloe.page.close()]);
    const alone = [
      text('network.offline'),
      text('network.connecting'),
      text('network.online', { count: 0 }),
    ];
    await expect
      .poll(() => readNetworkStatus(bob.page), { timeout: 60_000 })
      .toSatisfy((status: string) => alone.includes(status));

    await payThroughUi(bob, { to: FOUNDER, amount: '2', memo: 'hors ligne' });
    expect((await readHistory(bob.page)).some((line) => line.includes('hors ligne'))).toBe(true);

    // The others come back (their pages open from their own storage) and go on without him.
    alice.page = await openPage(alice, relay.url());
    chloe.page = await openPage(chloe, relay.url());
    await untilConnectedTo(chloe.page, 1);
    await payThroughUi(chloe, { to: FOUNDER, amount: '1', memo: 'pendant ce temps' });
    await expect
      .poll(async () => (await readHistory(alice.page)).some((l) => l.includes('pendant ce temps')))
      .toBe(true);
    expect((await readHistory(alice.page)).some((line) => line.includes('hors ligne'))).toBe(false);

    // Bob is back: the two sides merge, and the three screens agree again.
    await bob.context.setOffline(false);
    await untilEveryoneReads({ [FOUNDER]: 600, Bob: -1_450, Chloé: 850 });
    const history = await untilSameVerifiedHistory();
    expect(history.some((line) => line.includes('hors ligne'))).toBe(true);
    expect(history.some((line) => line.includes('pendant ce temps'))).toBe(true);
  });
});
