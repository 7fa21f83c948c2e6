import { createHash } from 'node:crypto';
import { createSignatureVerifier, keyPairFromSeed, type KeyPair } from '@integrale/identity';
import {
  createGenesis,
  createInvite,
  createJoin,
  createLedger,
  createPay,
  entryId,
  type Entry,
  type FeedPosition,
  type JoinEntry,
  type Ledger,
} from '@integrale/ledger';
import { createNodeCryptoBackend } from '@integrale/node-crypto';

/** A deterministic key for a persona. */
export function keyOf(label: string): KeyPair {
  return keyPairFromSeed(new Uint8Array(createHash('sha256').update(label).digest()));
}

export const verifier = createSignatureVerifier(createNodeCryptoBackend());

const TS = '2026-11-26T18:00:00.000Z';

/** A small cooperative: a founder with a genesis, and helpers to invite, join and pay. */
export function foundCooperative(founderName = 'alice') {
  const founder = keyOf(founderName);
  const genesis = createGenesis(founder, {
    name: 'Coopérative intégrale de Montreuil',
    currency: { code: 'ECO', name: 'Éco', decimals: 2 },
    creditLimit: 10_000,
    ts: TS,
  });
  const coop = entryId(genesis);
  const heads = new Map<string, FeedPosition>([[founder.did, { id: coop, seq: 1, balance: 0 }]]);
  const entries: Entry[] = [genesis];

  function advance(author: KeyPair, entry: Entry, balance: number): void {
    heads.set(author.did, { id: entryId(entry), seq: entry.seq, balance });
    entries.push(entry);
  }

  return {
    founder,
    genesis,
    coop,
    entries,
    /** The founder (or `inviter`) invites; returns the invite and its one-time key. */
    invite(label: string, inviter: KeyPair = founder) {
      const invitationKey = keyOf('invitation:' + label);
      const head = heads.get(inviter.did)!;
      const invite = createInvite(inviter, head, { coop, invitee: invitationKey.did, ts: TS });
      advance(inviter, invite, head.balance);
      return { invite, invitationKey };
    },
    /** A newcomer's join through an invite (not added to `entries`: the handshake carries it). */
    join(label: string, invite: Entry, invitationKey: KeyPair): { key: KeyPair; join: JoinEntry } {
      const key = keyOf(label);
      const join = createJoin(key, invitationKey, {
        coop,
        invite: entryId(invite),
        name: label,
        ts: TS,
      });
      return { key, join };
    },
    admitted(key: KeyPair, join: JoinEntry) {
      advance(key, join, 0);
    },
    pay(from: KeyPair, to: KeyPair, amount: number) {
      const head = heads.get(from.did)!;
      const pay = createPay(from, head, {
        coop,
        to: to.did,
        amount,
        memo: 'panier de légumes',
        ts: TS,
      });
      advance(from, pay, head.balance - amount);
      return pay;
    },
    newLedger(): Ledger {
      return createLedger({ coop, verifier });
    },
  };
}
