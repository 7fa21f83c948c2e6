/// <reference lib="dom" />
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { openPage, type Member } from './browser.js';
import { ROOT } from './build.js';
import { found, invite, join as joinWith, untilMembers, type HookGlobal } from './hook.js';

/*
 * Driving the app as a member does: through its screens, found by role and accessible name
 * (Playwright's locators pierce the open shadow roots Lit renders into). The texts come from
 * the app's own catalogs and amounts from its own formatter, so a reworded label changes here
 * by itself. `window.integrale` is only read to wait for facts no screen shows (the runtime
 * having started), never to act.
 */

/** A language of the app. */
export type Locale = 'fr' | 'en';

/** The app's translator, as these helpers use it. */
interface Translator {
  t(key: string, params?: Record<string, string | number>): string;
}

interface TranslatorModule {
  createTranslator(locale: Locale): Translator;
}

interface MoneyModule {
  formatAmount(
    minor: number,
    currency: { readonly code: string; readonly decimals: number },
    locale: Locale,
  ): string;
}

/*
 * The web app's modules, loaded from its sources at run time: they belong to another TypeScript
 * project, which this one does not reference (the path is a value, so `tsc` leaves it alone).
 */
const WEB_SRC = join(ROOT, 'web/src');
const translatorModule = (await import(
  pathToFileURL(join(WEB_SRC, 'i18n/translator.ts')).href
)) as TranslatorModule;
const moneyModule = (await import(pathToFileURL(join(WEB_SRC, 'money.ts')).href)) as MoneyModule;

type CatalogMessage = string | { readonly [form: string]: string };
const catalogModules = {
  fr: (await import(pathToFileURL(join(WEB_SRC, 'i18n/fr.ts')).href)) as {
    fr: Record<string, CatalogMessage>;
  },
  en: (await import(pathToFileURL(join(WEB_SRC, 'i18n/en.ts')).href)) as {
    en: Record<string, CatalogMessage>;
  },
};

/** Every text of a catalog, plural forms included. */
function catalogTexts(locale: Locale): string[] {
  const catalog = locale === 'fr' ? catalogModules.fr.fr : catalogModules.en.en;
  return Object.values(catalog).flatMap((message) =>
    typeof message === 'string' ? [message] : Object.values(message),
  );
}

/**
 * Pieces of the French catalog's texts (between placeholders, 16 characters or more) that no
 * English text contains: seeing one on an English screen means a string skipped `t()` or the
 * screen did not follow the language switch.
 */
export function frenchOnlyFragments(): string[] {
  const english = catalogTexts('en').join('\n');
  const fragments = catalogTexts('fr')
    .flatMap((message) => message.split(/\{[^}]*\}/))
    .map((fragment) => fragment.trim())
    .filter((fragment) => fragment.length >= 16 && !english.includes(fragment));
  return [...new Set(fragments)];
}

/** A message of the app in `locale`, as the screens write it. */
export function text(
  key: string,
  params: Record<string, string | number> = {},
  locale: Locale = 'fr',
): string {
  return translatorModule.createTranslator(locale).t(key, params);
}

/** An amount (minor units) as the screens write it. */
export function amountText(
  minor: number,
  currency: { readonly code: string; readonly decimals: number },
  locale: Locale = 'fr',
): string {
  return moneyModule.formatAmount(minor, currency, locale);
}

/** A phone held upright, the narrowest screen the app is made for. */
export const PHONE = { width: 360, height: 740 } as const;
/** A laptop. */
export const DESKTOP = { width: 1280, height: 800 } as const;

/** The app's screens, by their route ids (`nav.<id>` names their menu entry). */
export type ScreenId =
  | 'home'
  | 'create'
  | 'join'
  | 'members'
  | 'ledger'
  | 'network'
  | 'keys'
  | 'assemblies'
  | 'proposals'
  | 'decisions'
  | 'projects'
  | 'market'
  | 'accounts'
  | 'dashboard'
  | 'services'
  | 'fund'
  | 'purchases';

/** A new member: a browser context of their own (storage, locks) at `viewport`, on `url`. */
export async function newUiMember(
  browser: Browser,
  name: string,
  url: string,
  viewport: { readonly width: number; readonly height: number } = PHONE,
): Promise<Member> {
  const context = await browser.newContext({ viewport });
  const member: Member = { name, context, page: undefined as unknown as Page, log: [] };
  member.page = await openPage(member, url);
  return member;
}

/** The element of screen `id` (`<coop-members-screen>`…). */
export function screenOf(page: Page, id: ScreenId): Locator {
  return page.locator(`coop-${id}-screen`);
}

/** Opens screen `id` from the main menu, as a member would; resolves once it shows. */
export async function openScreen(
  page: Page,
  id: ScreenId,
  locale: Locale = 'fr',
): Promise<Locator> {
  await page
    .getByRole('navigation', { name: text('nav.label', {}, locale) })
    .getByRole('link', { name: text(`nav.${id}`, {}, locale), exact: true })
    .click();
  const screen = screenOf(page, id);
  await screen.getByRole('heading', { level: 1 }).first().waitFor();
  return screen;
}

/**
 * Alice founds « Coopérative intégrale de Montreuil » (through `window.integrale`: sync.test.ts
 * covers founding and joining) and lets Bob and Chloé in, each in a context of their own on a
 * phone; resolves once all three devices know the three members.
 */
export async function threeMembersOnPhones(
  browser: Browser,
  url: string,
  creditLimit: number,
): Promise<[Member, Member, Member]> {
  const alice = await newUiMember(browser, 'Alice', url, PHONE);
  await found(alice, MONTREUIL.name, creditLimit);
  const bob = await newUiMember(browser, 'Bob', url, PHONE);
  await joinWith(bob, await invite(alice));
  const chloe = await newUiMember(browser, 'Chloé', url, PHONE);
  await joinWith(chloe, await invite(alice));
  for (const member of [alice, bob, chloe]) await untilMembers(member.page, 3);
  return [alice, bob, chloe];
}

/** What the create form asks. */
export interface CooperativeDetails {
  readonly name: string;
  /** Currency code, e.g. `ECO`. */
  readonly code: string;
  readonly currencyName: string;
  /** As typed: `'2'`. */
  readonly decimals: string;
  /** In currency units, as typed: `'100'`. */
  readonly creditLimit: string;
  /** The founder's own name (their signed profile); {@link FOUNDER_NAME} unless told. */
  readonly founderName?: string;
}

/** The name a founder gives on the create form unless told otherwise. */
export const FOUNDER_NAME = 'Alice';

/** The currency of {@link MONTREUIL}. */
export const ECO_CURRENCY = { code: 'ECO', decimals: 2 } as const;

/** The cooperative every UI scenario creates unless told otherwise. */
export const MONTREUIL: CooperativeDetails = {
  name: 'Coopérative intégrale de Montreuil',
  code: 'ECO',
  currencyName: 'Éco',
  decimals: '2',
  creditLimit: '100',
};

/** Fills the create form (from the home screen's link) without sending it. */
export async function fillCreateForm(
  page: Page,
  details: CooperativeDetails,
  locale: Locale = 'fr',
): Promise<Locator> {
  await openScreen(page, 'home', locale);
  await page.getByRole('link', { name: text('home.createAction', {}, locale) }).click();
  const screen = screenOf(page, 'create');
  const field = (key: string) => screen.getByLabel(text(key, {}, locale), { exact: true });
  // The form shows once the runtime knows this device belongs to no cooperative.
  await field('create.nameLabel').fill(details.name);
  await field('profiles.founderNameLabel').fill(details.founderName ?? FOUNDER_NAME);
  await field('create.codeLabel').fill(details.code);
  await field('create.currencyNameLabel').fill(details.currencyName);
  await field('create.decimalsLabel').fill(details.decimals);
  await field('create.creditLimitLabel').fill(details.creditLimit);
  return screen;
}

/** The home screen's sentence once this device belongs to `name`. */
export function memberOfText(name: string, locale: Locale = 'fr'): string {
  return text('home.memberOf', { name }, locale);
}

/**
 * Creates a cooperative through the create form, the founder giving `member.name` as theirs;
 * resolves once the home screen says this member belongs to it. `beforeSubmit` runs with the
 * form filled (a screenshot, say).
 */
export async function createCooperativeThroughUi(
  member: Member,
  details: CooperativeDetails = MONTREUIL,
  beforeSubmit?: () => Promise<void>,
): Promise<void> {
  const screen = await fillCreateForm(member.page, { founderName: member.name, ...details });
  await beforeSubmit?.();
  await screen.getByRole('button', { name: text('create.submit') }).click();
  await screenOf(member.page, 'home').getByText(memberOfText(details.name)).waitFor();
}

/**
 * Makes an invitation on the members screen and reads its link from the screen; resolves with it.
 */
export async function inviteThroughUi(member: Member): Promise<string> {
  const screen = await openScreen(member.page, 'members');
  const links = screen.getByText(/#\/(join|rejoindre)\?/);
  const previous = (await links.count()) === 0 ? null : ((await links.textContent()) ?? '').trim();
  await screen.getByRole('button', { name: text('members.inviteAction') }).click();
  // A second invitation replaces the first on the screen: wait for the new link.
  const fresh = previous === null ? links : links.filter({ hasNotText: previous });
  await fresh.waitFor();
  const link = ((await fresh.textContent()) ?? '').trim();
  // Its QR code is drawn beside it.
  await screen.getByRole('img', { name: text('members.inviteQr') }).waitFor();
  return link;
}

/**
 * A newcomer opens `link` in a browser context of their own and is shown the join form, filled
 * with their name but not sent.
 */
export async function openInvitation(
  browser: Browser,
  name: string,
  link: string,
  viewport: { readonly width: number; readonly height: number } = PHONE,
): Promise<Member> {
  const member = await newUiMember(browser, name, link, viewport);
  await screenOf(member.page, 'join').getByLabel(text('join.nameLabel')).fill(name);
  return member;
}

/**
 * Sends the join form of a newcomer's page (see {@link openInvitation}); resolves once the home
 * screen says they belong to `cooperative`.
 */
export async function submitJoin(member: Member, cooperative: string): Promise<void> {
  await screenOf(member.page, 'join')
    .getByRole('button', { name: text('join.submit'), exact: true })
    .click();
  await screenOf(member.page, 'home')
    .getByText(memberOfText(cooperative))
    .waitFor({ timeout: 60_000 });
}

/** A newcomer opens `link` and joins as `name` through the join form. */
export async function joinThroughUi(
  browser: Browser,
  name: string,
  link: string,
  cooperative: string,
  viewport: { readonly width: number; readonly height: number } = PHONE,
): Promise<Member> {
  const member = await openInvitation(browser, name, link, viewport);
  await submitJoin(member, cooperative);
  return member;
}

/** A payment as a member types it. */
export interface PaymentInput {
  /** The payee's name as the screens show it. */
  readonly to: string;
  /** As typed in the member's language: `'12,50'`. */
  readonly amount: string;
  readonly memo?: string;
  /** Types the payee's name in the search field first (off by default). */
  readonly search?: boolean;
  /** The currency's code (the amount's label names it); `ECO` by default. */
  readonly code?: string;
}

/** Where {@link payThroughUi} is: the filled form, the confirmation, or done. */
export type PayStep = 'form' | 'confirmation' | 'done';

/**
 * Pays through the ledger screen: finds the payee by name, picks them, types the amount and
 * memo, reviews, confirms; resolves once the screen says the payment is signed and stored.
 * `atStep` runs at each step (screenshots).
 */
export async function payThroughUi(
  member: Member,
  payment: PaymentInput,
  atStep?: (step: PayStep) => Promise<void>,
): Promise<void> {
  const screen = await openScreen(member.page, 'ledger');
  // The search narrows the list by the names members gave (the founder has none to search by).
  if (payment.search === true) await screen.getByLabel(text('ledger.searchLabel')).fill(payment.to);
  await screen.getByRole('radio', { name: payment.to, exact: true }).check();
  await screen
    .getByLabel(text('ledger.amountLabel', { code: payment.code ?? ECO_CURRENCY.code }))
    .fill(payment.amount);
  await screen.getByLabel(text('ledger.memoLabel')).fill(payment.memo ?? '');
  await atStep?.('form');
  await screen.getByRole('button', { name: text('ledger.review') }).click();
  const confirmation = screen.getByRole('group', { name: text('ledger.confirmTitle') });
  await confirmation.waitFor();
  await atStep?.('confirmation');
  await confirmation.getByRole('button', { name: text('ledger.confirm'), exact: true }).click();
  await screen.getByText(text('ledger.paid')).waitFor();
  await atStep?.('done');
}

/** A member's line on the members screen. */
export interface MemberLine {
  readonly name: string;
  /** « Solde : 12,50 ECO ». */
  readonly balance: string;
}

/** Every member's balance as the members screen shows it, sorted by name. */
export async function readBalances(page: Page): Promise<MemberLine[]> {
  const screen = await openScreen(page, 'members');
  const lines = await screen.getByRole('listitem').evaluateAll((items) =>
    items.map((item) => {
      const name = item.querySelector('.name')?.cloneNode(true) as Element | undefined;
      // Leave out « (vous) »: each member sees it on their own line only.
      name?.querySelector('.muted')?.remove();
      return {
        name: name?.textContent?.trim() ?? '',
        balance: item.querySelector('.balance')?.textContent?.trim() ?? '',
      };
    }),
  );
  return lines.sort((a, b) => a.name.localeCompare(b.name));
}

/** The count of members the members screen states. */
export function membersCountText(count: number): string {
  return text('members.count', { count });
}

/** The ledger screen's history, one text per entry, whitespace folded, newest first. */
export async function readHistory(page: Page): Promise<string[]> {
  const screen = await openScreen(page, 'ledger');
  return screen
    .getByRole('heading', { name: text('ledger.historyTitle') })
    .locator('xpath=following-sibling::ul[1]')
    .getByRole('listitem')
    .evaluateAll((items) =>
      items.map((item) => (item as HTMLElement).innerText.replace(/\s+/g, ' ').trim()),
    );
}

/** This member's own balance sentence on the ledger screen. */
export function ownBalanceText(minor: number, currency = ECO_CURRENCY): string {
  return text('ledger.yourBalance', { amount: amountText(minor, currency) });
}

/** What the network screen says about this device's connection (its status line). */
export async function readNetworkStatus(page: Page): Promise<string> {
  const screen = await openScreen(page, 'network');
  // The connection's status line comes first; other parts of the screen have status lines too.
  return ((await screen.getByRole('status').first().textContent()) ?? '').trim();
}

/** Waits until the runtime of `page` reports `count` other members' devices connected. */
export async function untilConnectedTo(page: Page, count: number, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    (n) => (globalThis as unknown as HookGlobal).integrale.runtime.snapshot().connection.peers >= n,
    count,
    { timeout },
  );
}

/** Where the browser tests save their screenshots (the README shows some of them). */
export const SCREENSHOTS = join(ROOT, 'docs/screenshots');

/**
 * Saves a screenshot of `page` as `docs/screenshots/<name>.png`: the whole page, or with `around`
 * the screen's height from that element on (the ledger screen is long). A read-only checkout
 * only loses the picture: the test goes on.
 */
export async function saveScreenshot(page: Page, name: string, around?: Locator): Promise<void> {
  if (around !== undefined) {
    await around.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  }
  try {
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({
      path: join(SCREENSHOTS, `${name}.png`),
      fullPage: around === undefined,
    });
  } catch (error) {
    if (!/EROFS|EACCES|EPERM|read-only/i.test(String(error))) throw error;
  }
}
