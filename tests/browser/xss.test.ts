/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type Member } from './support/browser.js';
import { type RelayProcess } from './support/relay.js';
import { useBrowserSuite } from './support/suite.js';
import {
  DESKTOP,
  PHONE,
  fillCreateForm,
  inviteThroughUi,
  memberOfText,
  newUiMember,
  openInvitation,
  openScreen,
  payThroughUi,
  screenOf,
  submitJoin,
  text,
  type CooperativeDetails,
  type ScreenId,
} from './support/ui.js';

/*
 * Issue 4 item 9: user text is rendered as text. Script and HTML payloads, a `javascript:` URL,
 * right-to-left overrides and emoji go in through the cooperative's and the founder's names
 * (create form), the members' names (join form) and memos (pay form); every screen that shows them is then visited
 * in all three browser contexts. Nothing runs, no element is made from them, the text shows as
 * typed. Names far over the bound are refused with a sentence, and the form keeps them.
 */

/** `window.__xss` is what every payload would set; `alert` is trapped too. */
const PAYLOADS = {
  img: '<img src=x onerror="window.__xss=1">',
  script: '<script>window.__xss=1</script>',
  svg: '"><svg onload=window.__xss=1>',
  url: 'javascript:alert(1)',
  rtl: '\u202Egnp.exe\u202C',
  emoji: '🌻👩🏽‍🌾',
} as const;

const COOPERATIVE = `${PAYLOADS.img} ${PAYLOADS.emoji}`;
/** The founder's own name (create form, their signed profile). */
const ALICE = `${PAYLOADS.url} ${PAYLOADS.svg}`;
const BOB = PAYLOADS.script;
const CHLOE = `${PAYLOADS.svg} ${PAYLOADS.rtl}`;
const BOBS_MEMO = `${PAYLOADS.img}${PAYLOADS.script}${PAYLOADS.svg} ${PAYLOADS.url}`;
const CHLOES_MEMO = `${PAYLOADS.url} ${PAYLOADS.rtl} ${PAYLOADS.emoji} <b>gras</b>`;

const HOSTILE: CooperativeDetails = {
  name: COOPERATIVE,
  founderName: ALICE,
  code: 'ECO',
  currencyName: `<i>Éco</i> ${PAYLOADS.emoji}`,
  decimals: '2',
  creditLimit: '100',
};

let relay: RelayProcess;
let browser: Browser;
let alice: Member;
let bob: Member;
let chloe: Member;

useBrowserSuite({
  members: () => [alice, bob, chloe],
  started: (suite) => ({ relay, browser } = suite),
});

/** A member whose pages record any `alert` (a payload's `javascript:alert(1)`). */
async function trapped(member: Member): Promise<Member> {
  await member.context.addInitScript(() => {
    const trap = globalThis as unknown as { __alerts: string[]; alert: (m?: string) => void };
    trap.__alerts = [];
    trap.alert = (message?: string) => void trap.__alerts.push(String(message));
  });
  return member;
}

/** What the payloads could have left in a page. */
interface Traces {
  readonly xss: unknown;
  readonly alerts: readonly string[];
  /** Elements (in any shadow root) carrying an event handler attribute or the payload's marks. */
  readonly planted: readonly string[];
}

function traces(page: Page): Promise<Traces> {
  return page.evaluate(() => {
    const planted: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const element of Array.from(root.querySelectorAll('*'))) {
        const attributes = Array.from(element.attributes);
        const marked =
          attributes.some(
            (a) => a.name.startsWith('on') || a.value.includes('__xss') || a.value === 'x',
          ) ||
          (element.tagName === 'SCRIPT' && (element.textContent ?? '').includes('__xss')) ||
          element.tagName === 'B' ||
          element.tagName === 'I';
        if (marked) planted.push(element.outerHTML.slice(0, 200));
        if (element.shadowRoot !== null) visit(element.shadowRoot);
      }
    };
    visit(document);
    const trap = globalThis as unknown as { __xss?: unknown; __alerts?: string[] };
    return { xss: trap.__xss ?? null, alerts: trap.__alerts ?? [], planted };
  });
}

const CLEAN: Traces = { xss: null, alerts: [], planted: [] };

/** Whether `literal` is shown as text somewhere on the screen (exact characters). */
async function shows(page: Page, id: ScreenId, literal: string): Promise<boolean> {
  return (await screenOf(page, id).getByText(literal).count()) > 0;
}

describe('user text is rendered as text', { timeout: 120_000 }, () => {
  it('would see a payload that ran, even inside a shadow root (the check itself)', async () => {
    alice = await trapped(await newUiMember(browser, 'Alice', relay.url(), PHONE));
    const page = await alice.context.newPage();
    await page.setContent('<div id="host"></div>');
    await page.evaluate((payload) => {
      const host = document.getElementById('host');
      const root = host?.attachShadow({ mode: 'open' });
      if (root !== undefined) root.innerHTML = payload;
    }, PAYLOADS.img);
    await page.waitForFunction(() => (globalThis as { __xss?: unknown }).__xss === 1);
    const seen = await traces(page);
    expect(seen.xss).toBe(1);
    expect(seen.planted).toHaveLength(1);
    await page.close();
  });

  it('refuses a 10 000-character name with a sentence, keeping what was typed', async () => {
    const long = 'A'.repeat(10_000);
    const screen = await fillCreateForm(alice.page, { ...HOSTILE, name: long });
    await screen.getByRole('button', { name: text('create.submit') }).click();
    await screen.getByText(text('create.nameTooLong')).waitFor();
    const field = screen.getByLabel(text('create.nameLabel'));
    expect(await field.inputValue()).toBe(long);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    // Focus goes to the field to fix.
    expect(await field.evaluate((el) => el.matches(':focus'))).toBe(true);
  });

  it('creates, joins and pays with hostile names and memos, which nothing executes', async () => {
    const screen = await fillCreateForm(alice.page, HOSTILE);
    await screen.getByRole('button', { name: text('create.submit') }).click();
    await screenOf(alice.page, 'home').getByText(memberOfText(COOPERATIVE)).waitFor();

    // Bob's link carries the cooperative's name: the join screen shows it as text.
    bob = await trapped(await openInvitation(browser, BOB, await inviteThroughUi(alice), DESKTOP));
    expect(await shows(bob.page, 'join', COOPERATIVE)).toBe(true);
    expect(await traces(bob.page)).toStrictEqual(CLEAN);
    // A 10 000-character member name is refused too; the join form keeps it.
    const name = screenOf(bob.page, 'join').getByLabel(text('join.nameLabel'));
    await name.fill('B'.repeat(10_000));
    await screenOf(bob.page, 'join')
      .getByRole('button', { name: text('join.submit'), exact: true })
      .click();
    await screenOf(bob.page, 'join').getByText(text('joinProblem.invalidName')).waitFor();
    expect((await name.inputValue()).length).toBe(10_000);
    await name.fill(BOB);
    await submitJoin(bob, COOPERATIVE);

    chloe = await trapped(
      await openInvitation(browser, CHLOE, await inviteThroughUi(alice), PHONE),
    );
    await submitJoin(chloe, COOPERATIVE);

    await payThroughUi(bob, { to: CHLOE, amount: '5', memo: BOBS_MEMO });
    await payThroughUi(chloe, { to: BOB, amount: '2', memo: CHLOES_MEMO });
  });

  it('shows every name and memo literally on every screen, in all three contexts', async () => {
    for (const member of [alice, bob, chloe]) {
      const page = member.page;
      await openScreen(page, 'home');
      expect(await shows(page, 'home', memberOfText(COOPERATIVE))).toBe(true);
      expect(await page.locator('coop-app header').getByText(COOPERATIVE).count()).toBe(1);
      expect(await page.title()).toContain(COOPERATIVE);

      await openScreen(page, 'members');
      for (const shown of [ALICE, BOB, CHLOE]) {
        await expect.poll(() => shows(page, 'members', shown), { timeout: 60_000 }).toBe(true);
      }

      await openScreen(page, 'ledger');
      for (const memo of [BOBS_MEMO, CHLOES_MEMO]) {
        await expect.poll(() => shows(page, 'ledger', memo), { timeout: 60_000 }).toBe(true);
      }
      for (const id of ['network', 'keys', 'join', 'create'] as const) await openScreen(page, id);
      expect(await traces(page)).toStrictEqual(CLEAN);
    }
  });
});
