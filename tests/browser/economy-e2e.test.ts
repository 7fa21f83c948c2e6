import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type Member } from './support/browser.js';
import { type HookGlobal } from './support/hook.js';
import { type RelayProcess } from './support/relay.js';
import { useBrowserSuite } from './support/suite.js';
import { scrollWidth } from './support/a11y.js';
import {
  ECO_CURRENCY,
  PHONE,
  amountText,
  ownBalanceText,
  saveScreenshot,
  text,
  threeMembersOnPhones,
  openScreen,
} from './support/ui.js';

/*
 * Issue 6 item 9, end to end through the screens, three members on phones (360 px): Alice starts
 * the project « Fournil » needing 3 hours of help, opens its account from the project's page with
 * Chloé as second steward (2 of 2), funds it with 100.00, writes a budget with a line « Coups de
 * main » of 30.00 and proposes its approval; the vote adopts it. Bob offers his help in one tap,
 * Alice accepts; Alice asks for a spend of 30.00 to Bob on that budget line; Chloé approves from
 * her phone; the spend is written and Bob's balance shows +30.00 once his device accepted it. The
 * dashboard then shows the line at 30.00 actual of 30.00 planned, and the account at 70.00.
 * Founding and joining go through `window.integrale`; the rest only through the screens.
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

const PROJECT = 'Fournil';
const BUDGET = 'Fournil 2026';
const LINE = 'Coups de main';
const amountLabel = `${text('account.amount')} (ECO)`;

async function openProject(page: Page): Promise<Locator> {
  const list = await openScreen(page, 'projects');
  await list.getByRole('link', { name: PROJECT, exact: true }).click({ timeout: 60_000 });
  const screen = page.locator('coop-project-screen');
  await screen.getByRole('heading', { level: 1, name: PROJECT }).waitFor();
  return screen;
}

async function openAccount(page: Page): Promise<Locator> {
  const list = await openScreen(page, 'accounts');
  await list.getByRole('link', { name: PROJECT, exact: true }).click({ timeout: 60_000 });
  const screen = page.locator('coop-account-screen');
  await screen.getByRole('heading', { level: 1, name: PROJECT }).waitFor();
  return screen;
}

describe('a project paid from its account after two stewards approve', { timeout: 300_000 }, () => {
  it('brings three members together', async () => {
    [alice, bob, chloe] = await threeMembersOnPhones(browser, relay.url(), 50_000);
  });

  it('lets Alice start the project and open its account, 2 of 2 with Chloé, funded with 100.00', async () => {
    const list = await openScreen(alice.page, 'projects');
    await list.getByLabel(text('projects.titleLabel')).fill(PROJECT);
    await list.getByLabel(text('projects.descriptionLabel')).fill('Un four à pain partagé.');
    await list.getByLabel(text('project.needKindLabel')).selectOption('time');
    await list.getByLabel(text('project.needWhatLabel')).fill('Coup de main');
    await list.getByLabel(text('project.needQuantityLabel')).fill('3');
    await list.getByLabel(text('project.needUnitLabel')).fill('heures');
    await list.getByRole('button', { name: text('projects.create') }).click();
    const project = alice.page.locator('coop-project-screen');
    await project.getByRole('heading', { level: 1, name: PROJECT }).waitFor();

    await project.getByRole('link', { name: text('accounts.openForProject') }).click();
    const form = alice.page.locator('coop-open-account-form');
    expect(await form.getByLabel(text('accounts.open.name')).inputValue()).toBe(PROJECT);
    await form.getByRole('checkbox', { name: 'Chloé', exact: true }).check();
    await form.getByLabel(text('accounts.open.threshold')).fill('2');
    await form.getByRole('button', { name: text('accounts.open.submit') }).click();
    const account = alice.page.locator('coop-account-screen');
    await account.getByRole('heading', { level: 1, name: PROJECT }).waitFor();
    await account.getByText(text('accounts.threshold', { k: 2, n: 2 })).waitFor();

    const contribute = account.locator('coop-contribute-form');
    await contribute.getByLabel(amountLabel).fill('100,00');
    await contribute.getByRole('button', { name: text('account.contribute.submit') }).click();
    await account
      .getByText(text('accounts.balance', { amount: amountText(10_000, ECO_CURRENCY) }))
      .waitFor();

    // The project now links to its account.
    const linked = await openProject(alice.page);
    await linked.getByRole('link', { name: text('accounts.seeProjectAccount') }).waitFor();
  });

  it('lets Alice write a budget and the cooperative adopt it', async () => {
    const account = await openAccount(alice.page);
    await account.getByRole('button', { name: text('budget.new') }).click();
    const form = account.locator('coop-budget-form');
    await form.getByLabel(text('budget.field.title')).fill(BUDGET);
    await form.getByLabel(text('budget.field.label'), { exact: true }).fill(LINE);
    await form.getByLabel(text('budget.field.kind')).selectOption('spending');
    await form.getByLabel(`${text('budget.field.planned')} (ECO)`).fill('30,00');
    await form.getByRole('button', { name: text('budget.submit') }).click();
    const budget = account.locator('coop-budget-comparison');
    await budget.getByRole('heading', { name: BUDGET }).waitFor({ timeout: 30_000 });
    await budget.getByText(text('budget.notApproved')).waitFor();

    await budget.getByRole('button', { name: text('budget.propose') }).click();
    const proposal = alice.page.locator('coop-proposal-screen');
    await proposal
      .getByRole('heading', { level: 1, name: text('budget.proposalTitle', { title: BUDGET }) })
      .waitFor();
    await proposal.getByRole('radio', { name: text('gov.choice.agree'), exact: true }).check();
    await proposal.getByRole('button', { name: text('gov.vote.cast') }).click();
    await proposal.getByText(text('gov.vote.voted')).waitFor();
    await proposal.getByRole('button', { name: text('gov.vote.close') }).click();
    await proposal
      .getByText(text('gov.vote.closedResult', { result: text('gov.result.adopted') }))
      .waitFor();

    const again = await openAccount(alice.page);
    await again
      .locator('coop-budget-comparison')
      .getByText(text('budget.approved'))
      .waitFor({ timeout: 30_000 });
  });

  it('lets Bob offer his help in one tap and Alice accept it', async () => {
    const bobs = await openProject(bob.page);
    await bobs.getByRole('button', { name: text('project.offerHelp') }).click();
    await bobs.getByRole('status').getByText(text('project.offered')).waitFor();
    const alices = await openProject(alice.page);
    await alices
      .getByRole('button', { name: text('project.accept', { name: 'Bob' }) })
      .click({ timeout: 60_000 });
    await alices
      .getByText(text('project.covered', { covered: 3, quantity: 3, unit: ' heures' }))
      .waitFor();
  });

  it('pays Bob 30.00 from the account once Chloé approved the spend', async () => {
    const account = await openAccount(alice.page);
    const form = account.locator('coop-spend-request-form');
    await form.getByLabel(text('account.spend.to')).selectOption({ label: 'Bob' });
    await form.getByLabel(amountLabel).fill('30,00');
    await form
      .getByLabel(text('account.spend.line'))
      .selectOption({ label: `${BUDGET} — ${LINE}` });
    await form.getByLabel(text('account.memo')).fill('Trois heures au fournil');
    await form.getByRole('button', { name: text('account.spend.submit') }).click();
    await form.getByRole('status').getByText(text('account.spend.done')).waitFor();

    const chloes = await openAccount(chloe.page);
    await chloes
      .locator('coop-spend-requests')
      .getByRole('button', { name: text('account.request.approve') })
      .click({ timeout: 60_000 });
    await account
      .locator('coop-spend-requests')
      .getByText(text('account.request.written'))
      .waitFor({ timeout: 60_000 });
    await account
      .getByText(text('accounts.balance', { amount: amountText(7_000, ECO_CURRENCY) }))
      .waitFor();

    // Bob's device accepted the spend: his balance shows +30.00 on his own screens.
    await bob.page.waitForFunction(
      () => (globalThis as unknown as HookGlobal).integrale.runtime.snapshot().balance === 3_000,
      undefined,
      { timeout: 60_000 },
    );
    const ledger = await openScreen(bob.page, 'ledger');
    await ledger.getByText(ownBalanceText(3_000)).first().waitFor();
    expect(await scrollWidth(alice.page)).toBeLessThanOrEqual(PHONE.width);
    await saveScreenshot(alice.page, 'compte-projet');
  });

  it('shows the movement against the approved budget on the dashboard', async () => {
    const dashboard = await openScreen(alice.page, 'dashboard');
    const budget = dashboard.locator('coop-budget-comparison').filter({ hasText: BUDGET });
    await budget.getByText(text('budget.approved')).waitFor({ timeout: 30_000 });
    const row = budget
      .getByRole('row')
      .filter({ has: alice.page.getByRole('rowheader', { name: LINE }) });
    const thirty = amountText(3_000, ECO_CURRENCY);
    // The table's figures go without the currency code: it is in the column titles.
    const figure = (minor: number) => amountText(minor, ECO_CURRENCY).replace(/\u00a0ECO$/, '');
    await expect
      .poll(() => row.getByRole('cell').allInnerTexts())
      .toStrictEqual([figure(3_000), figure(3_000), figure(0)]);
    // The chart is one image whose name says the numbers (the table beside it says them too).
    expect(await budget.locator('svg[role="img"]').getAttribute('aria-label')).toContain(
      text('budget.chartSummary', { label: LINE, planned: thirty, actual: thirty }),
    );
    const accountRow = dashboard
      .getByRole('row')
      .filter({ has: alice.page.getByRole('rowheader', { name: PROJECT }) });
    await accountRow.getByRole('cell', { name: amountText(7_000, ECO_CURRENCY) }).waitFor();
    expect(await scrollWidth(alice.page)).toBeLessThanOrEqual(PHONE.width);
    await saveScreenshot(alice.page, 'tableau-de-bord');
  });
});
