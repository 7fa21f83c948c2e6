import type { Libp2p } from '@libp2p/interface';
import * as lp from 'it-length-prefixed';
import type { JoinEntry, Ledger } from '@integrale/ledger';
import { entryId } from '@integrale/ledger';
import { afterEach, describe, expect, it } from 'vitest';
import { handleJoinRequests, JOIN_PROTOCOL, requestJoin } from '../src/index.js';
import { foundCooperative } from './helpers/cooperative.js';
import { tcpNode } from './helpers/nodes.js';

const ROOT = 'automerge:4NMNnkMhL8jXrdJ9jamS58PAVdXu';
let nodes: Libp2p[] = [];
afterEach(async () => {
  await Promise.all(nodes.map((node) => node.stop()));
  nodes = [];
});

async function memberAndNewcomer() {
  const coop = foundCooperative();
  const ledger: Ledger = coop.newLedger();
  const admitted: JoinEntry[] = [];
  const { invite, invitationKey } = coop.invite('bob');
  await ledger.add(coop.entries);
  const member = await tcpNode();
  const newcomer = await tcpNode();
  nodes.push(member, newcomer);
  await handleJoinRequests({
    node: member,
    ledger,
    admit: async (join) => {
      admitted.push(join);
    },
    rootUrl: () => ROOT,
    timeoutMs: 2_000,
  });
  return { coop, ledger, admitted, invite, invitationKey, member, newcomer };
}

describe('the invitation handshake', () => {
  it('admits a newcomer with a valid join and gives them the root document', async () => {
    const { coop, ledger, admitted, invite, invitationKey, member, newcomer } =
      await memberAndNewcomer();
    const { key, join } = coop.join('bob', invite, invitationKey);
    const answer = await requestJoin(newcomer, member.getMultiaddrs()[0]!, join);
    expect(answer).toStrictEqual({ ok: true, root: ROOT });
    expect(admitted).toStrictEqual([join]);
    expect(ledger.isMember(key.did)).toBe(true);
  });

  it('refuses a second newcomer on the same invitation', async () => {
    const { coop, invite, invitationKey, member, newcomer } = await memberAndNewcomer();
    const first = coop.join('bob', invite, invitationKey);
    const second = coop.join('zoé', invite, invitationKey);
    const [a, b] = [first.join, second.join].sort((x, y) => (entryId(x) < entryId(y) ? -1 : 1));
    expect(await requestJoin(newcomer, member.getMultiaddrs()[0]!, a!)).toMatchObject({ ok: true });
    expect(await requestJoin(newcomer, member.getMultiaddrs()[0]!, b!)).toStrictEqual({
      ok: false,
      reason: 'invite-used',
    });
  });

  it('says the invitation is unknown when the member does not hold it', async () => {
    const { coop, member, newcomer } = await memberAndNewcomer();
    const { invite, invitationKey } = coop.invite('carol'); // written, but never reached this member
    const { join } = coop.join('carol', invite, invitationKey);
    expect(await requestJoin(newcomer, member.getMultiaddrs()[0]!, join)).toStrictEqual({
      ok: false,
      reason: 'unknown-invite',
    });
  });

  it('refuses a join whose proof was not made with the invitation key', async () => {
    const { coop, invite, member, newcomer } = await memberAndNewcomer();
    const { join } = coop.join('bob', invite, coop.founder);
    expect(await requestJoin(newcomer, member.getMultiaddrs()[0]!, join)).toStrictEqual({
      ok: false,
      reason: 'bad-proof',
    });
  });

  it.each([
    [
      'an entry that is not a join',
      (coop: ReturnType<typeof foundCooperative>) => ({ join: coop.genesis }),
      'not-a-join',
    ],
    ['a malformed join', () => ({ join: { type: 'join' } }), 'malformed'],
    ['no join at all', () => ({ hello: 1 }), 'malformed'],
  ])('answers %s with a refusal', async (_label, request, reason) => {
    const { coop, member, newcomer } = await memberAndNewcomer();
    const stream = await newcomer.dialProtocol(member.getMultiaddrs()[0]!, JOIN_PROTOCOL);
    stream.send(lp.encode.single(new TextEncoder().encode(JSON.stringify(request(coop)))));
    for await (const frame of lp.decode(stream)) {
      expect(JSON.parse(new TextDecoder().decode(frame.subarray()))).toStrictEqual({
        ok: false,
        reason,
      });
      break;
    }
  });

  it('drops a peer that sends garbage or an oversized frame, and keeps serving others', async () => {
    const { coop, invite, invitationKey, member, newcomer } = await memberAndNewcomer();
    for (const bytes of [new Uint8Array([0xff, 0xfe, 0x00]), new Uint8Array(64 * 1024)]) {
      const stream = await newcomer.dialProtocol(member.getMultiaddrs()[0]!, JOIN_PROTOCOL);
      stream.send(lp.encode.single(bytes));
      const answers: unknown[] = [];
      await expect(
        (async () => {
          for await (const frame of lp.decode(stream)) answers.push(frame);
        })(),
      ).rejects.toThrow();
      expect(answers).toStrictEqual([]);
    }
    const { join } = coop.join('bob', invite, invitationKey);
    expect(await requestJoin(newcomer, member.getMultiaddrs()[0]!, join)).toMatchObject({
      ok: true,
    });
  });

  it('gets no admission from a peer that runs no join handler, such as the relay', async () => {
    const { coop, invite, invitationKey, newcomer } = await memberAndNewcomer();
    const relayLike = await tcpNode();
    nodes.push(relayLike);
    const { join } = coop.join('bob', invite, invitationKey);
    expect(
      await requestJoin(newcomer, relayLike.getMultiaddrs()[0]!, join, { timeoutMs: 2_000 }),
    ).toStrictEqual({
      ok: false,
      reason: 'unreachable',
    });
  });
});
