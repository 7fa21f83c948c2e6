import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newMember, openPage, type Member } from './support/browser.js';
import {
  didOf,
  found,
  peerIdOf,
  invite,
  join,
  pay,
  snapshot,
  untilDirectWebRTC,
  untilMembers,
  untilValid,
  type HookGlobal,
} from './support/hook.js';
import { type RelayProcess } from './support/relay.js';
import { useBrowserSuite } from './support/suite.js';

/*
 * Issue item 9, end to end: the relay process serving the built app on localhost, three members in
 * three browser contexts (separate storage), real IndexedDB, real WebRTC. The steps run in order
 * and share the cooperative; each waits on a condition in the pages, never on time.
 */

let relay: RelayProcess;
let browser: Browser;
let alice: Member;
let bob: Member;
let chloe: Member;
const dids: Record<string, string> = {};

useBrowserSuite({
  members: () => [alice, bob, chloe],
  started: (suite) => ({ relay, browser } = suite),
});

describe('three members on a relay on localhost', { timeout: 90_000 }, () => {
  it('founds a cooperative and admits two members who open their invitation links', async () => {
    alice = await newMember(browser, 'Alice', relay.url());
    const coop = await found(alice, 'Coopérative intégrale de Montreuil');
    bob = await newMember(browser, 'Bob', relay.url());
    await join(bob, await invite(alice));
    chloe = await newMember(browser, 'Chloé', relay.url());
    await join(chloe, await invite(alice));

    for (const member of [alice, bob, chloe]) {
      await untilMembers(member.page, 3);
      dids[member.name] = await didOf(member);
      const seen = await snapshot(member.page);
      expect(seen.cooperative?.id).toBe(coop);
      expect(seen.network.role).toBe('leader');
    }
    // The app shell shows the cooperative the runtime opened.
    await expect
      .poll(() => alice.page.locator('coop-app header .brand').textContent())
      .toContain('Coopérative intégrale de Montreuil');
  });

  it('connects two newcomers’ browsers directly over WebRTC, not through the relay', async () => {
    const bobPeer = await peerIdOf(bob);
    const chloePeer = await peerIdOf(chloe);
    const fromBob = await untilDirectWebRTC(bob.page, chloePeer);
    const fromChloe = await untilDirectWebRTC(chloe.page, bobPeer);
    expect(fromBob).toMatchObject({ direct: true, webrtc: true, relay: false });
    expect(fromChloe).toMatchObject({ direct: true, webrtc: true, relay: false });
    const bobSees = (await snapshot(bob.page)).network.peers.find((p) => p.peerId === chloePeer);
    expect(bobSees).toMatchObject({ direct: true, transport: 'webrtc', member: dids['Chloé'] });
  });

  it('carries a payment made in one page to the others, whose payee accepts it', async () => {
    const entry = await pay(bob, dids['Chloé']!, 1_250, 'panier de légumes');
    for (const member of [alice, chloe]) await untilValid(member.page, entry);
    // Chloé's device accepts on its own; everyone ends with the same balances.
    for (const member of [alice, bob, chloe]) {
      await member.page.waitForFunction(
        ([payee]) =>
          (globalThis as unknown as HookGlobal).integrale.runtime
            .snapshot()
            .entries.some((e) => e.type === 'accept' && e.status.state === 'valid') &&
          (globalThis as unknown as HookGlobal).integrale.runtime.balanceOf(payee!) === 1_250,
        [dids['Chloé']],
      );
    }
    expect((await snapshot(bob.page)).balance).toBe(-1_250);
    expect((await snapshot(chloe.page)).balance).toBe(1_250);
  });

  it('keeps its data when a page is reloaded, with no one else online to resend it', async () => {
    const before = await snapshot(bob.page);
    // Alice and Chloé close the app: whatever Bob's page shows after reloading comes from its own
    // IndexedDB.
    await Promise.all([alice.page.close(), chloe.page.close()]);
    await bob.page.reload();
    await bob.page.waitForFunction(
      () => (globalThis as unknown as HookGlobal).integrale?.runtime.snapshot().phase === 'ready',
    );
    const after = await snapshot(bob.page);
    expect(after.network.peers.filter((peer) => peer.member !== null)).toStrictEqual([]);
    expect(after.cooperative).toStrictEqual(before.cooperative);
    expect(after.members).toStrictEqual(before.members);
    expect(after.balance).toBe(-1_250);
    expect(after.entries.map((e) => [e.id, e.status.state])).toStrictEqual(
      before.entries.map((e) => [e.id, e.status.state]),
    );
    // They come back (their pages open from their own storage) and find each other again.
    alice.page = await openPage(alice, relay.url());
    chloe.page = await openPage(chloe, relay.url());
    for (const [member, others] of [
      [alice, [bob, chloe]],
      [bob, [alice, chloe]],
      [chloe, [alice, bob]],
    ] as const) {
      for (const other of others) await untilDirectWebRTC(member.page, await peerIdOf(other));
    }
  });

  it('keeps syncing between the pages after the relay process is stopped', async () => {
    expect(await relay.stop()).toBe(0);
    for (const member of [alice, bob, chloe]) {
      await member.page.waitForFunction(() =>
        (globalThis as unknown as HookGlobal).integrale.runtime
          .snapshot()
          .network.relays.every((r) => r.state === 'connecting'),
      );
    }
    const entry = await pay(chloe, dids['Alice']!, 300, 'atelier vélo');
    for (const member of [alice, bob]) await untilValid(member.page, entry);
    await alice.page.waitForFunction(
      (did) => (globalThis as unknown as HookGlobal).integrale.runtime.balanceOf(did) === 950,
      dids['Chloé']!,
    );
    // Alice's automatic accept travels back too: the three copies of each document converge.
    const heads = () =>
      Promise.all(
        [alice, bob, chloe].map((member) =>
          member.page.evaluate(() =>
            JSON.stringify((globalThis as unknown as HookGlobal).integrale.heads()),
          ),
        ),
      );
    await expect.poll(async () => new Set(await heads()).size, { timeout: 30_000 }).toBe(1);
    expect(JSON.parse((await heads())[0]!)).toMatchObject({
      root: [expect.any(String)],
      ledger: expect.arrayContaining([expect.any(String)]),
    });
  });
});
