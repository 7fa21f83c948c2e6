import { ImmutableString, type DocHandle } from '@automerge/automerge-repo';
import {
  canonicalJson,
  createNobleBackend,
  createSignatureVerifier,
  keyPairFromSeed,
  type KeyPair,
} from '@integrale/identity';
import { createJoin, entryId, type Entry, type JoinEntry } from '@integrale/ledger';
import { foundCooperative, type CooperativePeer, type LedgerDoc } from '@integrale/peer';
import { createNodePeer, type IntegraleNode } from '@integrale/sync';

/*
 * A real cooperative for the tests of the browser runtime's parts (accounts, requests,
 * governance, projects, services): Alice's peer over real Automerge documents, real signatures
 * and the real ledger, as a Node process would run it, with Bob already joined. Another member's
 * entries arrive by `carry`, as a sync from their device would bring them. Unit tests only: the
 * browser tests run the whole runtime in Chromium.
 */

/** The noble verifier: what a plain-HTTP page runs (and deterministic here). */
export const verifier = createSignatureVerifier(createNobleBackend());

/** A key pair from a one-byte seed. */
export const seeded = (n: number): KeyPair => keyPairFromSeed(new Uint8Array(32).fill(n));

export const alice = seeded(1);
export const bob = seeded(2);
/** Someone who is not a member. */
export const stranger = seeded(3);

let random = 10;
/** Deterministic "randomness" for invitation keys. */
export const randomBytes = (length: number): Uint8Array => new Uint8Array(length).fill(random++);

/** Alice's running peer, with Bob's join carried in. */
export interface RealCooperative {
  readonly node: IntegraleNode;
  readonly peer: CooperativePeer;
  readonly ledgerDoc: DocHandle<LedgerDoc>;
  readonly bobJoin: JoinEntry;
  /** Carries entries into the ledger document, as a sync from another device would. */
  carry(...entries: Entry[]): Promise<void>;
  /** Waits until `check` holds (parts read signed records asynchronously); throws if never. */
  until(check: () => boolean): Promise<void>;
  /** What a part needs to sign and notify, as the browser runtime gives it (leader tab). */
  readonly signing: {
    readonly peer: () => CooperativePeer;
    readonly member: () => KeyPair;
    readonly self: () => string;
    readonly verifier: () => typeof verifier;
    readonly ready: () => boolean;
    readonly leading: () => boolean;
    sign<T>(peer: CooperativePeer, task: () => Promise<T>): Promise<T>;
    untilHeld(): Promise<void>;
    subscribe(listener: () => void): () => void;
    changed(): void;
    log(): void;
  };
  stop(): Promise<void>;
}

/** Options of {@link startRealCooperative}. */
export interface RealCooperativeOptions {
  /** The genesis's credit limit (minor units). @default 10_000 */
  readonly creditLimit?: number;
  /** The clock of the peer's entries. */
  readonly clock?: () => number;
  /** Open the six common services at founding. @default false (fewer entries to sign) */
  readonly commonServices?: boolean;
}

/** Founds Alice's cooperative on a Node peer that never goes online, and lets Bob in. */
export async function startRealCooperative(
  options: RealCooperativeOptions = {},
): Promise<RealCooperative> {
  const clock = options.clock ?? (() => Date.parse('2026-11-26T10:00:00.000Z'));
  const node = await createNodePeer({ relays: [], start: false, listen: [] });
  const peer = await foundCooperative({
    node,
    member: alice,
    verifier,
    name: 'Coopérative intégrale de Montreuil',
    currency: { code: 'ECO', name: 'Éco', decimals: 2 },
    creditLimit: options.creditLimit ?? 10_000,
    clock: () => new Date(clock()),
    commonServices: options.commonServices ?? false,
  });
  const ledgerDoc = await peer.repo.find<LedgerDoc>(peer.root().doc().ledger);
  const carry = async (...entries: Entry[]): Promise<void> => {
    ledgerDoc.change((doc) => {
      for (const entry of entries)
        doc.entries[entryId(entry)] = new ImmutableString(canonicalJson(entry));
    });
    await peer.settled();
  };
  const { invite, invitationKey } = await peer.invite(randomBytes);
  const bobJoin = createJoin(bob, invitationKey, {
    coop: peer.coop,
    invite: entryId(invite),
    name: 'Bob',
    ts: new Date(clock()).toISOString(),
  });
  await carry(bobJoin);
  const listeners = new Set<() => void>();
  return {
    node,
    peer,
    ledgerDoc,
    bobJoin,
    carry,
    async until(check) {
      for (let i = 0; i < 200 && !check(); i++) {
        await peer.settled();
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      if (!check()) throw new Error('the condition never held');
    },
    signing: {
      peer: () => peer,
      member: () => alice,
      self: () => alice.did,
      verifier: () => verifier,
      ready: () => true,
      leading: () => true,
      async sign(signer, task) {
        await signer.settled();
        const result = await task();
        await signer.repo.flush();
        return result;
      },
      untilHeld: () => Promise.resolve(),
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      changed() {
        for (const listener of [...listeners]) listener();
      },
      log: () => undefined,
    },
    async stop() {
      await peer.stop();
      await node.stop();
    },
  };
}
