import { randomBytes } from 'node:crypto';
import { entryId } from '@integrale/ledger';
import type { Libp2p } from '@libp2p/interface';
import {
  foundCooperative,
  joinCooperative,
  type CooperativePeer,
  type CooperativePeerBase,
} from '../../src/index.js';
import { keyOf, verifier } from './cooperative.js';
import { tcpNode } from './nodes.js';

/*
 * Members' peers over real libp2p (loopback TCP) and real repos, for scenario tests: a founder,
 * newcomers admitted through the join handshake, and a wait on a condition. Call `stopAll` after
 * each test.
 */

const CURRENCY = { code: 'ECO', name: 'Éco', decimals: 2 };
const random = (n: number) => new Uint8Array(randomBytes(n));

/** One member's running peer and its node. */
export interface RunningMember {
  readonly peer: CooperativePeer;
  readonly node: Libp2p;
  readonly did: string;
}

/** A cooperative of running members; everything started is stopped by {@link stopAll}. */
export interface Cooperative {
  readonly founder: RunningMember;
  /** Invites `name` from `inviter` and runs the join handshake from a fresh node. */
  admit(name: string, inviter?: RunningMember): Promise<RunningMember>;
  /** Waits until `check` holds, letting the given peers process what they received. */
  until(check: () => boolean, members?: readonly RunningMember[]): Promise<void>;
  stopAll(): Promise<void>;
}

/** Founds a cooperative (credit limit 10000) run by `founderName`'s peer. */
export async function startCooperative(
  founderName: string,
  extra: Partial<CooperativePeerBase> = {},
): Promise<Cooperative> {
  const nodes: Libp2p[] = [];
  const peers: CooperativePeer[] = [];
  const base = (name: string, node: Libp2p): CooperativePeerBase => ({
    node,
    member: keyOf(name),
    verifier,
    readyTimeoutMs: 500,
    ...extra,
  });
  const founderNode = await tcpNode();
  nodes.push(founderNode);
  const founderPeer = await foundCooperative({
    ...base(founderName, founderNode),
    name: 'Coopérative intégrale de Montreuil',
    currency: CURRENCY,
    creditLimit: 10_000,
  });
  peers.push(founderPeer);
  const founder = { peer: founderPeer, node: founderNode, did: keyOf(founderName).did };
  const all = [founder];

  const cooperative: Cooperative = {
    founder,
    async admit(name, inviter = founder) {
      const { invite, invitationKey } = await inviter.peer.invite(random);
      const node = await tcpNode();
      nodes.push(node);
      await node.dial(inviter.node.getMultiaddrs()[0]!);
      const peer = await joinCooperative({
        ...base(name, node),
        coop: inviter.peer.coop,
        invite: entryId(invite),
        invitationKey,
        name,
      });
      peers.push(peer);
      const member = { peer, node, did: keyOf(name).did };
      all.push(member);
      return member;
    },
    async until(check, members = all) {
      while (!check()) {
        await Promise.all(members.map((member) => member.peer.settled()));
        if (check()) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async stopAll() {
      await Promise.allSettled(peers.map((peer) => peer.stop()));
      await Promise.allSettled(nodes.map((node) => node.stop()));
    },
  };
  return cooperative;
}
