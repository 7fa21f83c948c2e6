import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newMember, openPage, type Member } from './support/browser.js';
import {
  connections,
  didOf,
  found,
  invite,
  join,
  pay,
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
 * Issue item 7: two tabs of one browser profile. They share the documents over a BroadcastChannel;
 * only one of them — the holder of the profile's Web Lock — runs libp2p and is connected to the
 * other members; when it closes, the other tab takes the lock and starts libp2p.
 */

let relay: RelayProcess;
let browser: Browser;
let alice: Member;
let aliceTab2: Member;
let bob: Member;
const dids: Record<string, string> = {};

useBrowserSuite({
  members: () => [alice, aliceTab2, bob],
  started: (suite) => ({ relay, browser } = suite),
});

const roleOf = (member: Member): Promise<string> =>
  member.page.evaluate(() => (globalThis as unknown as HookGlobal).integrale.role());

describe('two tabs of one member', { timeout: 90_000 }, () => {
  it('share the documents while only the leader tab is connected to the others', async () => {
    alice = await newMember(browser, 'Alice', relay.url());
    await found(alice, 'Coopérative intégrale de Pantin');
    bob = await newMember(browser, 'Bob', relay.url());
    await join(bob, await invite(alice));
    await untilMembers(alice.page, 2);
    dids['Alice'] = await didOf(alice);
    dids['Bob'] = await didOf(bob);
    const alicePeer = await peerIdOf(alice);
    await untilDirectWebRTC(bob.page, alicePeer);

    // A second tab of Alice's profile (same context: same IndexedDB, locks, channels).
    aliceTab2 = { name: 'Alice (tab 2)', context: alice.context, page: alice.page, log: alice.log };
    aliceTab2.page = await openPage(aliceTab2, relay.url());
    expect(await roleOf(alice)).toBe('leader');
    expect(await roleOf(aliceTab2)).toBe('follower');
    expect(
      await aliceTab2.page.evaluate(() =>
        (globalThis as unknown as HookGlobal).integrale.leadership(),
      ),
    ).toBe('web-locks');
    const second = await snapshot(aliceTab2.page);
    expect(second.members.map((m) => m.did).sort()).toStrictEqual(
      [dids['Alice'], dids['Bob']].sort(),
    );
    expect(await connections(aliceTab2.page)).toStrictEqual([]);
    // The follower shows the network its leader reports.
    await aliceTab2.page.waitForFunction(
      (peer) =>
        (globalThis as unknown as HookGlobal).integrale.runtime
          .snapshot()
          .network.peers.some((p) => p.peerId === peer && p.direct),
      await peerIdOf(bob),
    );

    // A payment asked for in the follower tab is signed by the leader tab and reaches Bob.
    const fromTab2 = await pay(aliceTab2, dids['Bob']!, 700, 'courses');
    await untilValid(alice.page, fromTab2);
    await untilValid(bob.page, fromTab2);
    // One from Bob reaches both tabs.
    const fromBob = await pay(bob, dids['Alice']!, 250, 'graines');
    await untilValid(alice.page, fromBob);
    await untilValid(aliceTab2.page, fromBob);
    // Bob's device is connected to Alice's device once, not once per tab. (A relayed connection
    // may linger beside it: the WebRTC signalling went through it.)
    const toAlice = (await connections(bob.page)).filter(
      (c) => c.remotePeer === alicePeer && c.direct,
    );
    expect(toAlice).toHaveLength(1);
    expect(toAlice[0]).toMatchObject({ webrtc: true });
  });

  it('hands the network to the other tab when the leader tab closes', async () => {
    const alicePeer = await peerIdOf(alice);
    await alice.page.close();
    await aliceTab2.page.waitForFunction(
      () => (globalThis as unknown as HookGlobal).integrale.role() === 'leader',
    );
    expect(await peerIdOf(aliceTab2)).toBe(alicePeer);
    await untilDirectWebRTC(aliceTab2.page, await peerIdOf(bob));
    const fromBob = await pay(bob, dids['Alice']!, 100, 'tisane');
    await untilValid(aliceTab2.page, fromBob);
    const fromAlice = await pay(aliceTab2, dids['Bob']!, 50, 'merci');
    await untilValid(bob.page, fromAlice);
    expect((await snapshot(bob.page)).balance).toBe(700 - 250 - 100 + 50);
  });
});
