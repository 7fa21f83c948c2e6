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
 * The meeting on a LAN: the app served over plain HTTP from an address that is not loopback, as a
 * laptop's relay would serve it to the room. Chromium maps the test name `coop.test` to 127.0.0.1
 * (so the traffic stays on this host) but treats the page as what it would be on a LAN: not a
 * secure context — no `crypto.subtle` (signatures are checked with noble), no Web Locks (the tabs'
 * leader is chosen with a lease). The relay's `/relay.json` answers the address the page came
 * from, which the page dials.
 */

const HOST = 'coop.test';

let relay: RelayProcess;
let browser: Browser;
const members: Member[] = [];
const dids: Record<string, string> = {};

useBrowserSuite({
  chromiumArgs: [`--host-resolver-rules=MAP ${HOST} 127.0.0.1`],
  members: () => members,
  started: (suite) => ({ relay, browser } = suite),
});

describe('three members on a plain-HTTP origin that is not loopback', { timeout: 90_000 }, () => {
  it('runs the app outside a secure context, with the noble verifier and the lease', async () => {
    const alice = await newMember(browser, 'Alice', relay.url(HOST));
    members.push(alice);
    const facts = await alice.page.evaluate(() => {
      const page = globalThis as unknown as HookGlobal & {
        isSecureContext: boolean;
        crypto: { subtle?: unknown };
        navigator: { locks?: unknown };
      };
      return {
        secure: page.isSecureContext,
        subtle: page.crypto.subtle === undefined ? 'undefined' : 'present',
        locks: page.navigator.locks === undefined ? 'undefined' : 'present',
        verifier: page.integrale.verifier(),
      };
    });
    expect(facts).toStrictEqual({
      secure: false,
      subtle: 'undefined',
      locks: 'undefined',
      verifier: 'noble',
    });
  });

  it('founds and admits two members through invitation links on that origin', async () => {
    const [alice] = members as [Member];
    await found(alice, 'Coopérative intégrale du Val-de-Marne');
    expect(
      await alice.page.evaluate(() => (globalThis as unknown as HookGlobal).integrale.leadership()),
    ).toBe('lease');
    for (const name of ['Bob', 'Chloé']) {
      const link = await invite(alice);
      expect(link.startsWith(`http://${HOST}:${relay.webPort}/#/join?`)).toBe(true);
      expect(decodeURIComponent(link)).toContain(`relay=/dns/${HOST}/tcp/${relay.p2pPort}/ws/p2p/`);
      const member = await newMember(browser, name, relay.url(HOST));
      members.push(member);
      await join(member, link);
    }
    for (const member of members) {
      await untilMembers(member.page, 3);
      dids[member.name] = await didOf(member);
    }
  });

  it('dials the relay at the address the page came from', async () => {
    for (const member of members) {
      const toRelay = (await connections(member.page)).filter((c) => c.relay);
      expect(toRelay.length).toBeGreaterThan(0);
      for (const connection of toRelay) {
        expect(connection.remoteAddr.startsWith(`/dns/${HOST}/tcp/${relay.p2pPort}/ws`)).toBe(true);
      }
    }
  });

  it('lets a second tab follow the first one through the lease', async () => {
    const [alice] = members as [Member];
    const tab2: Member = {
      name: 'Alice (tab 2)',
      context: alice.context,
      page: alice.page,
      log: [],
    };
    members.push(tab2);
    tab2.page = await openPage(tab2, relay.url(HOST));
    const roles = await Promise.all(
      [alice, tab2].map((member) =>
        member.page.evaluate(() => {
          const { integrale } = globalThis as unknown as HookGlobal;
          return `${integrale.role()} ${integrale.leadership()}`;
        }),
      ),
    );
    expect(roles).toStrictEqual(['leader lease', 'follower lease']);
    expect(await connections(tab2.page)).toStrictEqual([]);
    const entry = await pay(tab2, dids['Chloé']!, 150, 'pommes');
    await untilValid(members[2]!.page, entry);
    await tab2.page.close();
    members.pop();
  });

  it('connects the browsers directly over WebRTC and carries payments, relay or not', async () => {
    const [alice, bob, chloe] = members as [Member, Member, Member];
    await untilDirectWebRTC(bob.page, await peerIdOf(chloe));
    await untilDirectWebRTC(chloe.page, await peerIdOf(bob));
    const first = await pay(bob, dids['Chloé']!, 2_000, 'confiture');
    for (const member of [alice, chloe]) await untilValid(member.page, first);

    expect(await relay.stop()).toBe(0);
    for (const member of members) {
      await member.page.waitForFunction(() =>
        (globalThis as unknown as HookGlobal).integrale.runtime
          .snapshot()
          .network.relays.every((r) => r.state === 'connecting'),
      );
    }
    const second = await pay(alice, dids['Bob']!, 500, 'réparation');
    for (const member of [bob, chloe]) await untilValid(member.page, second);
    await chloe.page.waitForFunction(
      (did) => (globalThis as unknown as HookGlobal).integrale.runtime.balanceOf(did) === -1_500,
      dids['Bob']!,
    );
    expect((await snapshot(chloe.page)).balance).toBe(150 + 2_000);
  });

  it('holds a meeting there: each member signs their check-in and every device sees all three', async () => {
    // The relay is stopped: the members' devices talk directly, as in a room on its LAN.
    type Assemblies = {
      integrale: {
        runtime: {
          createAssembly(draft: unknown): Promise<{ ok: boolean; id?: string }>;
          assembliesSnapshot(): { assemblies: { id: string }[] };
          meetingAction(scope: string, id: string, action: unknown): Promise<{ ok: boolean }>;
          meeting(scope: string, id: string): { present: string[] } | null;
        };
      };
    };
    const [alice] = members as [Member, Member, Member];
    const created = await alice.page.evaluate(() =>
      (globalThis as unknown as Assemblies).integrale.runtime.createAssembly({
        scope: 'federation',
        title: 'Plénière dans la salle',
        startsAt: new Date(Date.now() + 3_600_000).toISOString(),
        place: 'Salle des fêtes',
        online: '',
        agenda: [],
      }),
    );
    expect(created.ok).toBe(true);
    const id = created.id as string;
    for (const member of members) {
      await member.page.waitForFunction(
        (assembly) =>
          (globalThis as unknown as Assemblies).integrale.runtime
            .assembliesSnapshot()
            .assemblies.some((a) => a.id === assembly),
        id,
      );
      const checkedIn = await member.page.evaluate(
        (assembly) =>
          (globalThis as unknown as Assemblies).integrale.runtime.meetingAction(
            'federation',
            assembly,
            { type: 'check-in' },
          ),
        id,
      );
      expect(checkedIn.ok).toBe(true);
    }
    for (const member of members) {
      await member.page.waitForFunction(
        (assembly) =>
          (globalThis as unknown as Assemblies).integrale.runtime.meeting('federation', assembly)
            ?.present.length === 3,
        id,
      );
    }
  });
});
