import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newMember, printLogsOnFailure, type Member } from './support/browser.js';
import { ROOT, ensureBuilt } from './support/build.js';
import { didOf, found, invite, join as joinWith, snapshot, untilMembers } from './support/hook.js';
import { startRelay, type RelayProcess } from './support/relay.js';
import { seriousViolations, scrollWidth } from './support/a11y.js';
import { ECO_CURRENCY, PHONE, amountText, openScreen, text } from './support/ui.js';

/*
 * Issue 4 item 6, the parts driven through the screens: Bob asks Alice for a payment, Alice
 * settles it in one tap and a confirmation, both see the payment; a second request is declined;
 * the ledger Alice downloads through the ledger screen passes the compiled `integrale verify`,
 * with the members and balances her page shows; her statement downloads as CSV. Founding and
 * joining go through `window.integrale` (sync.test.ts covers them); everything else through the
 * screens, by role and accessible name.
 */

/** The command as a user runs it (verify-command.test.ts runs the same bin). */
const CLI = join(ROOT, 'packages/cli/bin/integrale.js');

let relay: RelayProcess;
let browser: Browser;
let alice: Member;
let bob: Member;
let dir: string;
const dids: Record<string, string> = {};

beforeAll(async () => {
  await ensureBuilt();
  relay = await startRelay();
  browser = await launchChromium();
  dir = await mkdtemp(join(tmpdir(), 'integrale-requests-'));
}, 180_000);

afterEach(printLogsOnFailure(() => [alice, bob]));

afterAll(async () => {
  await browser?.close();
  await relay?.stop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

function verify(file: string): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, 'verify', file, '--json'], (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ status, stdout, stderr });
    });
  });
}

/** The request line of `screen` that contains `words`. */
function requestLine(screen: Locator, words: string): Locator {
  return screen.locator('coop-payment-requests li').filter({ hasText: words });
}

/** Asks `name` for `amount` through the ledger screen of `member`. */
async function requestThroughUi(
  member: Member,
  name: string,
  amount: string,
  memo: string,
): Promise<Locator> {
  const screen = await openScreen(member.page, 'ledger');
  await screen
    .getByLabel(text('requests.memberLabel'), { exact: true })
    .selectOption({ label: name });
  await screen.getByLabel(text('requests.amountLabel', { code: ECO_CURRENCY.code })).fill(amount);
  await screen.getByLabel(text('requests.memoLabel')).fill(memo);
  await screen.getByRole('button', { name: text('requests.submit') }).click();
  await screen.getByText(text('requests.sent')).waitFor();
  return screen;
}

describe('payment requests between two members', { timeout: 120_000 }, () => {
  it('founds a cooperative and admits a second member', async () => {
    alice = await newMember(browser, 'Alice', relay.url());
    await found(alice, 'Coopérative intégrale de Montreuil');
    bob = await newMember(browser, 'Bob', relay.url());
    await joinWith(bob, await invite(alice));
    for (const member of [alice, bob]) {
      await untilMembers(member.page, 2);
      dids[member.name] = await didOf(member);
    }
  });

  it('lets Bob ask Alice, Alice settle it with a confirmation, and both see the payment', async () => {
    const memo = 'panier, « bio » = 2 kg';
    const bobScreen = await requestThroughUi(bob, text('members.founderName'), '12,50', memo);
    const amount = amountText(1_250, ECO_CURRENCY);
    await requestLine(
      bobScreen,
      text('requests.outgoingLine', { name: text('members.founderName'), amount }),
    )
      .getByText(text('requests.stateOpen'))
      .waitFor();

    const aliceScreen = await openScreen(alice.page, 'ledger');
    const incoming = requestLine(
      aliceScreen,
      text('requests.incomingLine', { name: 'Bob', amount }),
    );
    await incoming.getByText(text('requests.memo', { memo })).waitFor({ timeout: 60_000 });
    await incoming.getByRole('button', { name: text('requests.approve') }).click();
    const confirmation = incoming.getByRole('group', { name: text('requests.confirmTitle') });
    await confirmation.getByText(text('requests.confirmText', { amount, name: 'Bob' })).waitFor();
    await confirmation.getByRole('button', { name: text('requests.confirm') }).click();
    await aliceScreen.getByText(text('requests.settled')).waitFor();

    // Bob's page sees the request paid (checked against his own ledger) and the money arrive.
    await requestLine(
      bobScreen,
      text('requests.outgoingLine', { name: text('members.founderName'), amount }),
    )
      .getByText(text('requests.statePaid', { entry: '' }).trim())
      .waitFor({ timeout: 60_000 });
    await bob.page.waitForFunction(
      () =>
        (
          globalThis as unknown as { integrale: { runtime: { snapshot(): { balance: number } } } }
        ).integrale.runtime.snapshot().balance === 1_250,
      undefined,
      { timeout: 60_000 },
    );
    expect((await snapshot(alice.page)).balance).toBe(-1_250);
    // The history line of the payment says it was verified on this device, and by whom signed.
    await aliceScreen
      .getByText(text('alerts.verified', { name: text('members.founderName') }))
      .first()
      .waitFor();
  });

  it('shows Alice a second request on her home screen, which she declines in one tap', async () => {
    const amount = amountText(300, ECO_CURRENCY);
    const bobScreen = await requestThroughUi(bob, text('members.founderName'), '3', '=cmd|calc');
    const home = await openScreen(alice.page, 'home');
    await home.getByText(text('requests.awaitingYou', { count: 1 })).waitFor({ timeout: 60_000 });
    await home.getByRole('link', { name: text('requests.seeLedger') }).click();
    const aliceScreen = alice.page.locator('coop-ledger-screen');
    const incoming = requestLine(
      aliceScreen,
      text('requests.incomingLine', { name: 'Bob', amount }),
    );
    await incoming.getByRole('button', { name: text('requests.decline') }).click();
    await aliceScreen.getByText(text('requests.declined')).waitFor();
    await incoming.getByText(text('requests.stateDeclined'), { exact: true }).waitFor();
    await requestLine(
      bobScreen,
      text('requests.outgoingLine', { name: text('members.founderName'), amount }),
    )
      .getByText(text('requests.stateDeclined'), { exact: true })
      .waitFor({ timeout: 60_000 });
    // Nothing moved.
    expect((await snapshot(alice.page)).balance).toBe(-1_250);
  });

  it('keeps the ledger screen, requests included, accessible and within a 360 px phone', async () => {
    await alice.page.setViewportSize(PHONE);
    const screen = await openScreen(alice.page, 'ledger');
    await screen.getByRole('heading', { name: text('requests.title') }).waitFor();
    expect(await seriousViolations(alice.page)).toStrictEqual([]);
    expect(await scrollWidth(alice.page)).toBeLessThanOrEqual(PHONE.width);
  });

  it('downloads the whole ledger, which the compiled verify command accepts', async () => {
    const screen = await openScreen(alice.page, 'ledger');
    const [download] = await Promise.all([
      alice.page.waitForEvent('download'),
      screen.getByRole('button', { name: text('export.download') }).click(),
    ]);
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(
      /^integrale-[0-9a-f]{8}-\d{4}-\d{2}-\d{2}\.jsonl$/,
    );
    const result = await verify(file);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as {
      coop: string;
      members: string[];
      balances: Record<string, number>;
      forks: unknown[];
    };
    const seen = await snapshot(alice.page);
    expect(report.coop).toBe(seen.cooperative?.id);
    expect(report.members).toStrictEqual(seen.members.map((m) => m.did).sort());
    expect(report.balances).toStrictEqual({
      [dids['Alice']!]: -1_250,
      [dids['Bob']!]: 1_250,
    });
  });

  it('downloads this month’s statement as CSV, with the payment’s memo and balances', async () => {
    const screen = await openScreen(bob.page, 'ledger');
    await screen
      .getByText(text('statement.closing', { amount: amountText(1_250, ECO_CURRENCY) }))
      .waitFor();
    const [download] = await Promise.all([
      bob.page.waitForEvent('download'),
      screen.getByRole('button', { name: text('statement.download') }).click(),
    ]);
    const file = join(dir, 'statement.csv');
    await download.saveAs(file);
    const csv = (await readFile(file, 'utf8')).replace(/^\ufeff/, '');
    const lines = csv.split('\r\n').filter((line) => line !== '');
    expect(lines[0]).toBe(
      ['colDate', 'colCounterparty', 'colMemo', 'colAmount', 'colBalance']
        .map((key) => text(`statement.${key}`))
        .join(','),
    );
    expect(csv).toContain('"panier, « bio » = 2 kg [request:');
    expect(csv).toContain(',12.50,12.50');
    expect(csv).toContain(`${text('statement.rowClosing')},,,12.50`);
  });
});
