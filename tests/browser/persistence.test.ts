import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newMember, openPage, type Member } from './support/browser.js';
import {
  didOf,
  found,
  invite,
  join,
  peerIdOf,
  snapshot,
  untilDirectWebRTC,
  untilMembers,
  untilValid,
  type HookGlobal,
} from './support/hook.js';
import { type RelayProcess } from './support/relay.js';
import { useBrowserSuite } from './support/suite.js';

/*
 * Issue item 6: nothing is lost. A payment signed just before its page closes — the page closed
 * the moment the write resolved, before any debounced save could run — is in the ledger when the
 * page is opened again, and reaches the payee, who was offline when it was signed.
 */

/** What the test uses of the page besides the hook. */
interface PageWithStorage {
  readonly localStorage: {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
  };
  readonly location: { replace(url: string): void };
}

/** Where the closing page leaves the ids of the entries it signed. */
const IDS_KEY = 'integrale.test.signed-before-close';

let relay: RelayProcess;
let browser: Browser;
let alice: Member;
let bob: Member;

useBrowserSuite({
  members: () => [alice, bob],
  started: (suite) => ({ relay, browser } = suite),
});

describe('an entry signed just before the page closes', { timeout: 90_000 }, () => {
  it('is in the ledger when the page opens again, and reaches the others', async () => {
    alice = await newMember(browser, 'Alice', relay.url());
    await found(alice, 'Coopérative intégrale de Saint-Denis');
    bob = await newMember(browser, 'Bob', relay.url());
    await join(bob, await invite(alice));
    await untilMembers(alice.page, 2);
    await untilMembers(bob.page, 2);
    const bobDid = await didOf(bob);

    // Bob is offline: the payments can only reach him from Alice's storage, later. Two in a row,
    // and the app's document goes away in the same task as the second one resolves (the page
    // navigates away: a script may not close a tab it did not open), then the tab closes.
    // automerge-repo saves a changed document on a later turn — 100 ms later for a second change
    // soon after a save — so a payment must not resolve before it is stored. (The ids go
    // through localStorage: the document is gone before `evaluate` could answer.)
    await bob.page.close();
    const left = alice.page.waitForURL('about:blank');
    void alice.page
      .evaluate(
        async ({ to, key }) => {
          const page = globalThis as unknown as HookGlobal & PageWithStorage;
          const ids: string[] = [];
          for (const [amount, memo] of [
            [1_000, 'pain'],
            [3_200, 'bois de chauffage'],
          ] as const) {
            const result = await page.integrale.runtime.pay({ to, amount, memo });
            if (!result.ok) throw new Error(result.reason);
            ids.push(result.entry as string);
          }
          page.localStorage.setItem(key, JSON.stringify(ids));
          page.location.replace('about:blank');
        },
        { to: bobDid, key: IDS_KEY },
      )
      .catch(() => undefined); // the document goes away under it
    await left;
    await alice.page.close({ runBeforeUnload: false });

    alice.page = await openPage(alice, relay.url());
    const signed = await alice.page.evaluate(
      (key) =>
        JSON.parse(
          (globalThis as unknown as PageWithStorage).localStorage.getItem(key) ?? '[]',
        ) as string[],
      IDS_KEY,
    );
    expect(signed).toHaveLength(2);
    const entry = signed[1] ?? '';
    expect(
      await alice.page.evaluate(
        (ids) => ids.map((id) => (globalThis as unknown as HookGlobal).integrale.entryState(id)),
        signed,
      ),
    ).toStrictEqual(['valid', 'valid']);
    expect((await snapshot(alice.page)).balance).toBe(-4_200);

    bob.page = await openPage(bob, relay.url());
    await untilDirectWebRTC(bob.page, await peerIdOf(alice));
    await untilValid(bob.page, entry);
    // Bob's device accepts it, and Alice's page sees the accept.
    await alice.page.waitForFunction(
      (id) =>
        (globalThis as unknown as HookGlobal).integrale.runtime
          .snapshot()
          .entries.some((e) => e.accepts === id && e.status.state === 'valid'),
      entry,
    );
    expect((await snapshot(bob.page)).balance).toBe(4_200);
  });
});
