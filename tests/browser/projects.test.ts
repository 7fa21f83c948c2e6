import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type Member } from './support/browser.js';
import { type RelayProcess } from './support/relay.js';
import { useBrowserSuite } from './support/suite.js';
import { scrollWidth, seriousViolations } from './support/a11y.js';
import {
  ECO_CURRENCY,
  PHONE,
  amountText,
  text,
  threeMembersOnPhones,
  openScreen,
} from './support/ui.js';

/*
 * Issue 6 items 1 and 3 (projects and offers-and-wants), on phones 360 px wide. Founding and
 * joining go through `window.integrale` (sync.test.ts covers them); everything else through the
 * screens, by role and accessible name. Alice starts a project needing 3 hours of help; Bob sees
 * it and offers his help in one tap; Alice, its steward, accepts; both see the need covered.
 * Bob lists « Réparation de vélo » for 15.00 ECO; Chloé finds it by typing "velo", pays it in one
 * step from its page (the ledger's form prefilled, then confirmed), and the offer's page lists her
 * payment — on her device and on Bob's.
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

const PROJECT = 'Épicerie autogérée';
const BIKE = 'Réparation de vélo';
/** The need as its progress line writes it once covered. */
const COVERED = text('project.covered', { covered: 3, quantity: 3, unit: ' heures' });

/** Opens the project from the projects list (once it reached this device). */
async function openProject(page: Page): Promise<Locator> {
  const list = await openScreen(page, 'projects');
  await list.getByRole('link', { name: PROJECT }).click({ timeout: 60_000 });
  const screen = page.locator('coop-project-screen');
  await screen.getByRole('heading', { level: 1, name: PROJECT }).waitFor();
  return screen;
}

describe('projects and the offers-and-wants directory', { timeout: 300_000 }, () => {
  it('brings three members together', async () => {
    [alice, bob, chloe] = await threeMembersOnPhones(browser, relay.url(), 10_000);
  });

  it('lets Alice start a project needing 3 hours of help', async () => {
    const list = await openScreen(alice.page, 'projects');
    await list.getByLabel(text('projects.titleLabel')).fill(PROJECT);
    await list
      .getByLabel(text('projects.descriptionLabel'))
      .fill('Une épicerie tenue par ses membres.');
    await list.getByLabel(text('project.needKindLabel')).selectOption('time');
    await list.getByLabel(text('project.needWhatLabel')).fill('Coup de main pour les travaux');
    await list.getByLabel(text('project.needQuantityLabel')).fill('3');
    await list.getByLabel(text('project.needUnitLabel')).fill('heures');
    await list.getByRole('button', { name: text('projects.create') }).click();
    const screen = alice.page.locator('coop-project-screen');
    await screen.getByRole('heading', { level: 1, name: PROJECT }).waitFor();
    await screen
      .getByText(text('project.covered', { covered: 0, quantity: 3, unit: ' heures' }))
      .waitFor();
    expect(await scrollWidth(alice.page)).toBeLessThanOrEqual(PHONE.width);
  });

  it('lets Bob offer his help in one tap, and Alice accept it: the need is covered', async () => {
    const bobs = await openProject(bob.page);
    await bobs.getByRole('button', { name: text('project.offerHelp') }).click();
    await bobs.getByRole('status').getByText(text('project.offered')).waitFor();
    await bobs
      .getByText(text('project.offerLine', { name: 'Bob', quantity: 3, unit: ' heures' }))
      .waitFor();

    const alices = alice.page.locator('coop-project-screen');
    const accept = alices.getByRole('button', { name: text('project.accept', { name: 'Bob' }) });
    await accept.click({ timeout: 60_000 });
    await alices.getByText(COVERED).waitFor();
    // Bob's device sees Alice's signed acceptance too.
    await bobs.getByText(COVERED).waitFor({ timeout: 60_000 });
    expect(await bobs.getByRole('button', { name: text('project.offerHelp') }).count()).toBe(0);
    expect(await seriousViolations(alice.page)).toEqual([]);
    expect(await scrollWidth(bob.page)).toBeLessThanOrEqual(PHONE.width);
  });

  it('lets Bob list a bike repair for 15.00 ECO', async () => {
    const market = await openScreen(bob.page, 'market');
    await market.getByRole('radio', { name: text('market.kind.offer') }).check();
    await market.getByLabel(text('market.titleLabel')).fill(BIKE);
    await market.getByLabel(text('market.descriptionLabel')).fill('Freins, chaînes, crevaisons.');
    await market.getByLabel(text('market.categoryLabel')).selectOption('services');
    await market.getByLabel(text('market.priceLabel', { code: 'ECO' })).fill('15,00');
    await market.getByRole('button', { name: text('market.add') }).click();
    await market.getByRole('status').getByText(text('market.added')).waitFor();
    await market
      .getByRole('list', { name: text('market.offersTitle') })
      .getByRole('link', { name: BIKE })
      .waitFor();
    expect(await seriousViolations(bob.page)).toEqual([]);
  });

  it('lets Chloé find it by typing "velo", pay it in one step, and see her payment listed', async () => {
    const market = await openScreen(chloe.page, 'market');
    await market.getByLabel(text('market.searchLabel')).fill('velo');
    await market.getByRole('link', { name: BIKE }).click({ timeout: 60_000 });
    const offer = chloe.page.locator('coop-offer-screen');
    await offer.getByRole('heading', { level: 1, name: BIKE }).waitFor();
    await offer.getByText(text('listing.noPayments')).waitFor();
    const offerHash = await chloe.page.evaluate(() => location.hash);
    expect(await seriousViolations(chloe.page)).toEqual([]);
    expect(await scrollWidth(chloe.page)).toBeLessThanOrEqual(PHONE.width);

    await offer.getByRole('link', { name: text('listing.pay'), exact: true }).click();
    const ledger = chloe.page.locator('coop-ledger-screen');
    // The form is prefilled: Bob chosen, the price, a memo naming the offer.
    const payee = ledger.getByRole('radio', { name: 'Bob', exact: true });
    await expect.poll(() => payee.isChecked(), { timeout: 30_000 }).toBe(true);
    const amount = ledger.getByLabel(text('ledger.amountLabel', { code: 'ECO' }));
    expect(await amount.inputValue()).toBe('15,00');
    expect(await ledger.getByLabel(text('ledger.memoLabel')).inputValue()).toMatch(
      new RegExp(`^${BIKE} \\[offre:[0-9a-f]{64}\\]$`),
    );
    await ledger.getByRole('button', { name: text('ledger.review') }).click();
    await ledger
      .getByRole('group', { name: text('ledger.confirmTitle') })
      .getByRole('button', { name: text('ledger.confirm'), exact: true })
      .click();
    await ledger.getByText(text('ledger.paid')).waitFor();

    const paid = text('listing.paymentLine', {
      name: 'Chloé',
      amount: amountText(1500, ECO_CURRENCY),
    });
    await chloe.page.evaluate((hash) => {
      location.hash = hash;
    }, offerHash);
    await offer
      .getByRole('list', { name: text('listing.paymentsTitle') })
      .getByText(paid)
      .waitFor();

    // Bob's device lists it once the payment reached it (and his device accepted it).
    await bob.page.evaluate((hash) => {
      location.hash = hash;
    }, offerHash);
    await bob.page
      .locator('coop-offer-screen')
      .getByRole('list', { name: text('listing.paymentsTitle') })
      .getByText(paid)
      .waitFor({ timeout: 60_000 });
    expect(await scrollWidth(bob.page)).toBeLessThanOrEqual(PHONE.width);
  });
});
