import type { Browser, Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type Member } from './support/browser.js';
import { type RelayProcess } from './support/relay.js';
import { useBrowserSuite } from './support/suite.js';
import { scrollWidth } from './support/a11y.js';
import { PHONE, text, threeMembersOnPhones, openScreen } from './support/ui.js';

/*
 * Issue 5 items 1, 2 and 7 (the meeting): three members on phones (360 px). Alice creates the
 * circle "Montreuil" and an assembly there with an agenda of three typed items; Bob and Chloé
 * join the circle in one tap; all three check in (signed); Alice approves the agenda and moves
 * to the next item; Bob and Chloé type minutes at the same time and both texts reach all three;
 * Chloé's request for the floor shows on every phone. Founding and joining go through
 * `window.integrale` (sync.test.ts covers them); everything else through the screens.
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

/** Tomorrow at 18:30 in the page's time zone, as a datetime-local field takes it. */
function tomorrowEvening(): string {
  const day = new Date(Date.now() + 24 * 60 * 60 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}T18:30`;
}

const TITLE = 'Plénière du cercle de Montreuil';
/** A `gov/1` proposal id the decision item puts to the vote (the proposals screen shows it). */
const PROPOSAL = '7f'.repeat(32);
const ITEMS = [
  { title: 'Nouvelles de l’épicerie', kind: 'information', minutes: '5' },
  { title: 'Local partagé rue de Paris', kind: 'discussion', minutes: '20' },
  { title: 'Budget des paniers 2027', kind: 'decision', minutes: '15' },
] as const;

/** The meeting screen of `member`, opened from the assemblies list. */
async function openMeeting(member: Member): Promise<Locator> {
  const list = await openScreen(member.page, 'assemblies');
  await list.getByRole('link', { name: TITLE }).first().click({ timeout: 60_000 });
  const meeting = member.page.locator('coop-meeting-screen');
  await meeting.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  return meeting;
}

describe('a live meeting of a circle, on three phones', { timeout: 240_000 }, () => {
  it('founds a cooperative and admits two members', async () => {
    [alice, bob, chloe] = await threeMembersOnPhones(browser, relay.url(), 100_000);
  });

  it('lets Alice create a circle and an assembly with a typed agenda', async () => {
    const screen = await openScreen(alice.page, 'assemblies');
    await screen.getByLabel(text('circles.nameLabel')).fill('Montreuil');
    await screen.getByRole('button', { name: text('circles.create') }).click();
    await screen
      .locator('.circles li')
      .filter({ hasText: text('circles.joined') })
      .waitFor();

    await screen.getByText(text('assemblies.create')).click();
    const form = screen.locator('coop-assembly-form');
    await form.getByLabel(text('assemblies.scopeLabel')).selectOption({ label: 'Montreuil' });
    await form.getByLabel(text('assemblies.titleLabel'), { exact: true }).fill(TITLE);
    await form.getByLabel(text('assemblies.startsAtLabel')).fill(tomorrowEvening());
    await form.getByLabel(text('assemblies.placeLabel')).fill('Maison des Babayagas');
    for (const [index, item] of ITEMS.entries()) {
      const number = index + 1;
      if (index > 0) await form.getByRole('button', { name: text('assemblies.addItem') }).click();
      await form
        .getByLabel(text('assemblies.itemTitleLabel', { number }), { exact: true })
        .fill(item.title);
      await form.getByLabel(text('assemblies.itemKindLabel', { number })).selectOption(item.kind);
      await form.getByLabel(text('assemblies.itemMinutesLabel', { number })).fill(item.minutes);
      if (item.kind === 'decision') {
        await form.getByLabel(text('assemblies.itemProposalLabel', { number })).fill(PROPOSAL);
      }
    }
    await form.getByRole('button', { name: text('assemblies.submit') }).click();
    await form.getByText(text('assemblies.created')).waitFor();
    await screen.locator('.upcoming').getByRole('link', { name: TITLE }).waitFor();
  });

  it('lets Bob and Chloé join the circle in one tap and see its assembly', async () => {
    await Promise.all(
      [bob, chloe].map(async (member) => {
        const screen = await openScreen(member.page, 'assemblies');
        const join = screen.getByRole('button', { name: `${text('circles.join')} Montreuil` });
        await join.click({ timeout: 60_000 });
        await screen
          .locator('.upcoming')
          .getByRole('link', { name: TITLE })
          .waitFor({ timeout: 60_000 });
      }),
    );
    for (const member of everyone()) {
      await member.page.waitForFunction(
        () =>
          (
            globalThis as unknown as {
              integrale: {
                runtime: { assembliesSnapshot(): { circles: { members: string[] }[] } };
              };
            }
          ).integrale.runtime.assembliesSnapshot().circles[0]?.members.length === 3,
        undefined,
        { timeout: 60_000 },
      );
    }
  });

  it('runs the meeting: check-ins, agenda, minutes typed together, the speaking queue', async () => {
    const [aliceMeeting, bobMeeting, chloeMeeting] = await Promise.all(everyone().map(openMeeting));
    const meetings = [aliceMeeting!, bobMeeting!, chloeMeeting!];

    // The agenda's three typed items, in order; the decision item leaves the vote its slot.
    const items = aliceMeeting!.locator('.agenda > li');
    await expect.poll(() => items.count()).toBe(3);
    expect(
      await items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-kind'))),
    ).toStrictEqual(['information', 'discussion', 'decision']);
    await items.nth(2).locator('coop-meeting-vote').waitFor({ state: 'attached' });
    expect(
      await items
        .nth(2)
        .getByRole('link', { name: text('meeting.proposal') })
        .getAttribute('href'),
    ).toBe(`#/propositions?id=${PROPOSAL}`);

    // Everyone checks in; each phone counts three signed presences.
    for (const meeting of meetings) {
      await meeting.getByRole('button', { name: text('meeting.checkIn') }).click();
    }
    for (const meeting of meetings) {
      await meeting
        .locator('.present')
        .filter({ hasText: /^\s*3\u00a0présent·es/ })
        .waitFor({ timeout: 60_000 });
      await meeting.getByText(text('meeting.checkedIn')).waitFor();
    }

    // Alice approves the agenda, starts the first item, moves to the next.
    await aliceMeeting!.getByRole('button', { name: text('meeting.approveAgenda') }).click();
    await aliceMeeting!.getByRole('button', { name: text('meeting.start') }).click();
    await aliceMeeting!.locator('.current').getByText(ITEMS[0].title).waitFor();
    await aliceMeeting!.getByRole('button', { name: text('meeting.nextItem') }).click();
    for (const meeting of meetings) {
      await meeting.locator('.current').getByText(ITEMS[1].title).waitFor({ timeout: 60_000 });
      await meeting
        .locator('.agenda > li[aria-current="step"]')
        .getByText(ITEMS[1].title)
        .waitFor();
      await meeting.getByRole('timer').waitFor();
    }

    // Bob and Chloé type minutes at the same time.
    const bobWords = 'Bob : le local est disponible en janvier.';
    const chloeWords = 'Chloé : il faut prévoir les clés pour tous.';
    const editor = (meeting: Locator) => meeting.getByLabel(text('meeting.minutesLabel'));
    await Promise.all([
      editor(bobMeeting!).pressSequentially(bobWords, { delay: 15 }),
      editor(chloeMeeting!).pressSequentially(chloeWords, { delay: 15 }),
    ]);
    for (const meeting of meetings) {
      await expect
        .poll(() => editor(meeting).inputValue(), { timeout: 60_000 })
        .toSatisfy((value: string) => value.includes(bobWords) && value.includes(chloeWords));
    }
    const texts = await Promise.all(meetings.map((meeting) => editor(meeting).inputValue()));
    expect(new Set(texts).size).toBe(1);

    // Chloé asks for the floor: every phone shows her in the queue.
    await chloeMeeting!.getByRole('button', { name: text('meeting.requestFloor') }).click();
    for (const meeting of meetings) {
      await meeting.locator('.queue').getByText('Chloé').waitFor({ timeout: 60_000 });
    }
    await chloeMeeting!.getByRole('button', { name: text('meeting.withdrawFloor') }).waitFor();

    // Nothing is wider than the phone.
    for (const member of everyone()) {
      expect(await scrollWidth(member.page)).toBeLessThanOrEqual(PHONE.width);
    }
  });
});
