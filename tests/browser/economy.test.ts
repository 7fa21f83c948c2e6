import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { scrollWidth } from './support/a11y.js';
import { type Member } from './support/browser.js';
import { didOf } from './support/hook.js';
import { type RelayProcess } from './support/relay.js';
import { useBrowserSuite } from './support/suite.js';
import {
  ECO_CURRENCY,
  PHONE,
  amountText,
  text,
  threeMembersOnPhones,
  openScreen,
} from './support/ui.js';

/*
 * Issue 6 items 2, 6 and 7, three members each on a 360 px phone of their own: the founder's
 * cooperative has the six common services; a member contributes to the interest-free fund; a
 * loan with a three-instalment schedule is proposed, adopted, paid out from the fund screen, and
 * one repayment made from the fund screen shows the first instalment paid; a purchase round with
 * two suppliers, two members order, the round closes, each pays their share with one button and
 * the supplier totals are right. Founding, joining, votes and orders go through
 * `window.integrale`; paying out, repaying and paying one's share through the screens.
 */

let relay: RelayProcess;
let browser: Browser;
let alice: Member;
let bob: Member;
let chloe: Member;
let bobDid: string;
let chloeDid: string;
let fund: string;
let project: string;
let loan: string;
let round: string;

useBrowserSuite({
  members: () => [alice, bob, chloe],
  started: (suite) => ({ relay, browser } = suite),
});

/** What this area adds to the hook's runtime (web/src/app/runtime-services.ts). */
type Outcome = { ok: true; id: string } | { ok: false; reason: string };
interface EconomyGlobal {
  readonly integrale: {
    readonly runtime: {
      economySnapshot(): {
        services: { id: string; account: string }[];
        fund: {
          account: string;
          balance: number;
          loans: { id: string; stage: string; instalments: { state: string }[] }[];
        } | null;
        rounds: { id: string; closed: boolean; shares: { member: string }[] }[];
      };
      openAccount(input: unknown): Promise<Outcome>;
      contribute(account: string, amount: number, memo: string): Promise<Outcome>;
      proposeLoan(input: unknown): Promise<Outcome>;
      vote(proposal: string, choice: string, reason: string): Promise<{ ok: boolean }>;
      closeVote(proposal: string): Promise<{ ok: boolean; reason?: string }>;
      createPurchaseRound(input: unknown): Promise<Outcome>;
      orderInRound(round: string, quantities: Record<string, number>): Promise<Outcome>;
      closePurchaseRound(round: string): Promise<Outcome>;
      balanceOf(did: string): number;
    };
  };
}

/** Runs an action of the runtime in `member`'s page; throws with the reason when refused. */
async function act(member: Member, action: string, ...args: unknown[]): Promise<string> {
  const result = await member.page.evaluate(
    ([name, params]) => {
      const runtime = (globalThis as unknown as EconomyGlobal).integrale
        .runtime as unknown as Record<string, (...values: unknown[]) => Promise<Outcome>>;
      return runtime[name as string]!(...(params as unknown[]));
    },
    [action, args] as const,
  );
  if (!result.ok) throw new Error(`${member.name}: ${action} refused (${result.reason})`);
  return 'id' in result ? result.id : '';
}

/** Waits until `check` (run in the page with `arg`) holds. */
function until<A extends string | readonly string[]>(
  page: Page,
  check: (arg: A) => boolean,
  arg: A,
): Promise<unknown> {
  return page.waitForFunction(check as (arg: unknown) => boolean, arg, { timeout: 60_000 });
}

const SCHEDULE = [
  { due: '2027-01-15', amount: 1_000 },
  { due: '2027-02-15', amount: 1_000 },
  { due: '2027-03-15', amount: 1_000 },
];

describe('services, the interest-free fund and grouped purchases', { timeout: 300_000 }, () => {
  it('founds a cooperative with its six common services', async () => {
    // The founder's first invitations work with the six accounts in her feed.
    [alice, bob, chloe] = await threeMembersOnPhones(browser, relay.url(), 100_000);
    bobDid = await didOf(bob);
    chloeDid = await didOf(chloe);

    const screen = await openScreen(bob.page, 'services');
    await expect
      .poll(() => screen.locator('li[data-service]').count(), { timeout: 60_000 })
      .toBe(6);
    for (const id of ['accueil', 'formation', 'pilotage', 'monnaie', 'informatique', 'caisse'])
      await screen.getByRole('heading', { level: 2, name: text(`services.name.${id}`) }).waitFor();
    expect(await scrollWidth(bob.page)).toBeLessThanOrEqual(PHONE.width);
    fund = await bob.page.evaluate(
      () =>
        (globalThis as unknown as EconomyGlobal).integrale.runtime.economySnapshot().fund!.account,
    );
  });

  it('takes a contribution, lends with a three-instalment schedule, pays out and counts a repayment', async () => {
    await act(bob, 'contribute', fund, 5_000, 'ma part à la caisse');
    project = await act(bob, 'openAccount', {
      name: 'Fournil',
      kind: 'project',
      scope: 'federation',
      stewards: [bobDid],
      threshold: 1,
    });
    await until(
      alice.page,
      ([account, id]) => {
        const runtime = (globalThis as unknown as EconomyGlobal).integrale.runtime;
        return runtime.balanceOf(account!) === 5_000 && runtime.balanceOf(id!) === 0;
      },
      [fund, project],
    );
    loan = await act(bob, 'proposeLoan', {
      title: 'Prêt au fournil',
      text: 'Pour le four à pain.',
      to: project,
      amount: 3_000,
      schedule: SCHEDULE,
      closes: new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString(),
    });
    for (const member of [alice, chloe])
      await until(
        member.page,
        (id) =>
          (globalThis as unknown as EconomyGlobal).integrale.runtime
            .economySnapshot()
            .fund?.loans.some((candidate) => candidate.id === id) === true,
        loan,
      );
    for (const member of [alice, bob, chloe]) await act(member, 'vote', loan, 'agree', '');
    await act(bob, 'closeVote', loan);

    // Alice, the fund's steward, pays it out from the fund screen.
    const aliceFund = await openScreen(alice.page, 'fund');
    const card = aliceFund.locator('coop-loan-card');
    await card.getByText(text('fund.stage.adopted'), { exact: true }).waitFor({ timeout: 60_000 });
    await card.getByRole('button', { name: text('fund.payOut') }).click();
    await card.getByText(text('fund.stage.paid-out'), { exact: true }).waitFor({ timeout: 60_000 });
    await until(
      bob.page,
      (id) => (globalThis as unknown as EconomyGlobal).integrale.runtime.balanceOf(id) === 3_000,
      project,
    );

    // Bob, the project's steward, repays the first instalment from his fund screen.
    const bobFund = await openScreen(bob.page, 'fund');
    const bobCard = bobFund.locator('coop-loan-card');
    await bobCard
      .getByLabel(`${text('fund.repay.amount')} (ECO)`)
      .fill('10,00', { timeout: 60_000 });
    await bobCard.getByRole('button', { name: text('fund.repay.submit') }).click();
    await bobCard.getByText(text('fund.repay.done')).waitFor();

    await until(
      alice.page,
      (id) => {
        const loans = (globalThis as unknown as EconomyGlobal).integrale.runtime.economySnapshot()
          .fund?.loans;
        const states = loans
          ?.find((candidate) => candidate.id === id)
          ?.instalments.map((i) => i.state);
        return states?.[0] === 'paid' && states[1] !== 'paid' && states[2] !== 'paid';
      },
      loan,
    );
    const items = card.getByRole('listitem');
    await expect.poll(() => items.first().textContent()).toContain(text('fund.state.paid'));
    expect(await items.nth(1).textContent()).not.toContain(text('fund.state.paid'));
    await card
      .getByText(
        text('fund.loan.repaid', {
          repaid: amountText(1_000, ECO_CURRENCY),
          remaining: amountText(2_000, ECO_CURRENCY),
        }),
      )
      .waitFor();
    expect(await scrollWidth(alice.page)).toBeLessThanOrEqual(PHONE.width);
  });

  it('runs a round with two suppliers: two orders, the close, each share paid in one step', async () => {
    round = await act(alice, 'createPurchaseRound', {
      title: 'Commande de décembre',
      closesAt: new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString(),
      suppliers: [
        { id: 's1', name: 'Ferme des Lilas', needsEuros: false },
        { id: 's2', name: 'Moulin de Brie', needsEuros: true },
      ],
      products: [
        {
          id: 'p1',
          supplier: 's1',
          name: 'Œufs',
          unit: 'douzaine',
          price: 450,
          priceEuroCents: null,
        },
        {
          id: 'p2',
          supplier: 's2',
          name: 'Farine T80',
          unit: 'kg',
          price: 180,
          priceEuroCents: 175,
        },
      ],
    });
    for (const member of [bob, chloe])
      await until(
        member.page,
        (id) =>
          (globalThis as unknown as EconomyGlobal).integrale.runtime
            .economySnapshot()
            .rounds.some((candidate) => candidate.id === id),
        round,
      );
    await act(bob, 'orderInRound', round, { p1: 2, p2: 5 }); // 9,00 + 9,00
    await act(chloe, 'orderInRound', round, { p2: 10 }); // 18,00
    await until(
      alice.page,
      (id) =>
        (globalThis as unknown as EconomyGlobal).integrale.runtime
          .economySnapshot()
          .rounds.find((candidate) => candidate.id === id)?.shares.length === 2,
      round,
    );
    await act(alice, 'closePurchaseRound', round);

    const shares: [Member, number][] = [
      [bob, 1_800],
      [chloe, 1_800],
    ];
    for (const [member, due] of shares) {
      await until(
        member.page,
        (id) =>
          (globalThis as unknown as EconomyGlobal).integrale.runtime
            .economySnapshot()
            .rounds.find((candidate) => candidate.id === id)?.closed === true,
        round,
      );
      await member.page.evaluate((id) => {
        (globalThis as unknown as { location: { hash: string } }).location.hash =
          `#/achats?id=${id}`;
      }, round);
      const screen = member.page.locator('coop-purchases-screen');
      await screen
        .getByRole('button', {
          name: text('purchases.pay', { amount: amountText(due, ECO_CURRENCY) }),
        })
        .click();
      await screen.getByText(text('purchases.paid')).waitFor({ timeout: 60_000 });
      expect(await scrollWidth(member.page)).toBeLessThanOrEqual(PHONE.width);
    }

    const account = await alice.page.evaluate(
      (id) =>
        (
          (globalThis as unknown as EconomyGlobal).integrale.runtime
            .economySnapshot()
            .rounds.find((candidate) => candidate.id === id) as unknown as { account: string }
        ).account,
      round,
    );
    await until(
      alice.page,
      (id) => (globalThis as unknown as EconomyGlobal).integrale.runtime.balanceOf(id) === 3_600,
      account,
    );
    await alice.page.evaluate((id) => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = `#/achats?id=${id}`;
    }, round);
    const totals = alice.page.locator('coop-round-totals');
    const farm = totals.locator('tr[data-supplier="s1"]');
    const mill = totals.locator('tr[data-supplier="s2"]');
    await expect.poll(() => farm.textContent()).toContain(amountText(900, ECO_CURRENCY));
    expect(await mill.textContent()).toContain(amountText(2_700, ECO_CURRENCY));
    expect(await mill.textContent()).toContain(amountText(2_625, { code: 'EUR', decimals: 2 }));
    await totals
      .getByText(text('purchases.totals.grand', { amount: amountText(3_600, ECO_CURRENCY) }))
      .waitFor();
    // Both shares are paid, as the ledger says.
    const rows = totals.locator('table').first().locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    for (const did of [bobDid, chloeDid]) expect(did.startsWith('did:key:')).toBe(true);
    for (let i = 0; i < 2; i++)
      await expect.poll(() => rows.nth(i).textContent()).toContain(amountText(1_800, ECO_CURRENCY));
    expect(await scrollWidth(alice.page)).toBeLessThanOrEqual(PHONE.width);
  });
});
