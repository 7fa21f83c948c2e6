/*
 * Scenario helper for the ledger tests: deterministic personas (keys from fixed seeds), a fixed
 * clock, and builders that track each persona's feed head the way an honest device would.
 *
 *   const s = setup('alice', 'bob', 'chloé');   // alice founds ECO, invites and admits the others
 *   const p = s.pay('alice', 'bob', 500);
 *   const a = s.accept('bob', p);
 *   const ledger = newLedger(s.coop);
 *   await ledger.add(s.entries);
 *
 * Every builder appends what it writes to `entries` (in the order written) and returns it. The
 * `opts.head` option writes at a chosen position instead of the tracked head (a fork), and
 * `opts.advance: false` leaves the tracked head where it was.
 */
import {
  createSignatureVerifier,
  keyPairFromSeed,
  sha256Hex,
  signToText,
  utf8,
  type KeyPair,
  type SignatureVerifier,
} from '@integrale/identity';
import { createNodeCryptoBackend } from '@integrale/node-crypto';
import {
  createAccept,
  createGenesis,
  createInvite,
  createJoin,
  createLedger,
  createPay,
  entryId,
  itemId,
  signEntry,
  signingMessage,
  type AcceptEntry,
  type Entry,
  type FeedPosition,
  type GenesisEntry,
  type InviteEntry,
  type JoinEntry,
  type Ledger,
  type PayEntry,
  type UnsignedEntry,
} from '../../src/index.js';

/** Credit limit of every `setup` cooperative, in minor units (100.00 ECO). */
export const CREDIT_LIMIT = 10_000;

const keyCache = new Map<string, KeyPair>();

/** The key pair of a label, always the same: its seed is SHA-256 of the label. */
export function keyOf(label: string): KeyPair {
  let key = keyCache.get(label);
  if (key === undefined) {
    const seed = new Uint8Array(Buffer.from(sha256Hex(utf8('integrale-test/' + label)), 'hex'));
    key = keyPairFromSeed(seed);
    keyCache.set(label, key);
  }
  return key;
}

let sharedVerifier: SignatureVerifier | undefined;

/** The verifier of the tests: the format's rule over node:crypto (synchronous). */
export function verifier(): SignatureVerifier {
  sharedVerifier ??= createSignatureVerifier(createNodeCryptoBackend());
  return sharedVerifier;
}

/** An empty ledger of the cooperative `coop`, with the tests' verifier. */
export function newLedger(coop: string): Ledger {
  return createLedger({ coop, verifier: verifier() });
}

/** A ledger holding `items`, added in one batch. */
export async function ledgerWith(coop: string, items: readonly unknown[]): Promise<Ledger> {
  const ledger = newLedger(coop);
  await ledger.add(items);
  return ledger;
}

/** `ts` of the n-th tick of the tests' clock: one second apart from 2025-03-01T09:00:00.000Z. */
export function tick(n: number): string {
  return new Date(Date.UTC(2025, 2, 1, 9, 0, 0) + n * 1000).toISOString();
}

/** Signs any object as `key` without checking its shape (for crafted, malformed entries). */
export function signRaw(unsigned: Record<string, unknown>, key: KeyPair): Record<string, unknown> {
  return { ...unsigned, sig: signToText(key, signingMessage(unsigned)) };
}

/** A copy of `entry` with some fields changed after signing (its `sig` no longer matches). */
export function tamper(entry: object, changes: Record<string, unknown>): Record<string, unknown> {
  return { ...(entry as Record<string, unknown>), ...changes };
}

/** A copy of `entry` with a field removed. */
export function without(entry: object, field: string): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...(entry as Record<string, unknown>) };
  delete copy[field];
  return copy;
}

/** Where and how a builder writes. */
export interface WriteOptions {
  /** Write after this position instead of the persona's tracked head (to fork a feed). */
  readonly head?: FeedPosition;
  /** Move the tracked head to the new entry (default true). */
  readonly advance?: boolean;
  readonly ts?: string;
}

/** A cooperative under construction, with its personas' feeds. */
export interface Scenario {
  readonly coop: string;
  readonly genesis: GenesisEntry;
  /** Every entry written, in the order written. */
  readonly entries: Entry[];
  /** The founder's name. */
  readonly founder: string;
  key(name: string): KeyPair;
  did(name: string): string;
  /** The persona's tracked feed head (throws if it has written nothing). */
  head(name: string): FeedPosition;
  setHead(name: string, head: FeedPosition): void;
  /** The next tick of the scenario's clock. */
  ts(): string;
  /** An invite by `inviter` naming a fresh invitation key (deterministic from `label`). */
  invite(
    inviter: string,
    label?: string,
    opts?: WriteOptions,
  ): { entry: InviteEntry; invitationKey: KeyPair };
  /** `newcomer`'s join through `invite`, proved with `invitationKey`. */
  join(
    newcomer: string,
    invite: InviteEntry,
    invitationKey: KeyPair,
    opts?: WriteOptions & { readonly name?: string },
  ): JoinEntry;
  /** An invite by `inviter` and `newcomer`'s join through it. */
  admit(inviter: string, newcomer: string): { invite: InviteEntry; join: JoinEntry };
  pay(from: string, to: string, amount: number, memo?: string, opts?: WriteOptions): PayEntry;
  accept(payee: string, pay: PayEntry, opts?: WriteOptions): AcceptEntry;
  /**
   * An entry of `type` by `name` at its next position with `fields` as given (a wrong balance, a
   * self-pay…), signed but not required to be valid. Must be well-formed.
   */
  write<E extends Entry>(
    name: string,
    type: E['type'],
    fields: Record<string, unknown>,
    opts?: WriteOptions,
  ): E;
}

/**
 * A cooperative founded by the first name (genesis: currency ECO with 2 decimals, credit limit
 * 10000), every other name invited by the founder and joined.
 */
export function setup(founder: string, ...others: string[]): Scenario {
  let clock = 0;
  const heads = new Map<string, FeedPosition>();
  const entries: Entry[] = [];
  const ts = (): string => tick(clock++);
  const key = (name: string): KeyPair => keyOf('persona/' + name);

  function record<E extends Entry>(
    name: string,
    entry: E,
    balance: number,
    opts?: WriteOptions,
  ): E {
    entries.push(entry);
    if (opts?.advance !== false) heads.set(name, { id: entryId(entry), seq: entry.seq, balance });
    return entry;
  }
  function head(name: string): FeedPosition {
    const position = heads.get(name);
    if (position === undefined) throw new Error(`${name} has written nothing`);
    return position;
  }
  const from = (name: string, opts?: WriteOptions): FeedPosition => opts?.head ?? head(name);

  const genesis = createGenesis(key(founder), {
    name: 'Coopérative de test',
    currency: { code: 'ECO', name: 'Éco', decimals: 2 },
    creditLimit: CREDIT_LIMIT,
    ts: ts(),
  });
  const coop = entryId(genesis);
  record(founder, genesis, 0);

  let invitations = 0;
  const scenario: Scenario = {
    coop,
    genesis,
    entries,
    founder,
    key,
    did: (name) => key(name).did,
    head,
    setHead: (name, position) => void heads.set(name, position),
    ts,
    invite(inviter, label, opts) {
      const invitationKey = keyOf(`invitation/${label ?? String(invitations)}`);
      invitations++;
      const position = from(inviter, opts);
      const entry = createInvite(key(inviter), position, {
        coop,
        invitee: invitationKey.did,
        ts: opts?.ts ?? ts(),
      });
      return { entry: record(inviter, entry, position.balance, opts), invitationKey };
    },
    join(newcomer, invite, invitationKey, opts) {
      const entry = createJoin(key(newcomer), invitationKey, {
        coop,
        invite: entryId(invite),
        name: opts?.name ?? newcomer,
        ts: opts?.ts ?? ts(),
      });
      return record(newcomer, entry, 0, opts);
    },
    admit(inviter, newcomer) {
      const { entry: invite, invitationKey } = scenario.invite(inviter, newcomer);
      return { invite, join: scenario.join(newcomer, invite, invitationKey) };
    },
    pay(payer, payee, amount, memo = '', opts) {
      const position = from(payer, opts);
      const entry = createPay(key(payer), position, {
        coop,
        to: key(payee).did,
        amount,
        memo,
        ts: opts?.ts ?? ts(),
      });
      return record(payer, entry, entry.balance, opts);
    },
    accept(payee, pay, opts) {
      const entry = createAccept(key(payee), from(payee, opts), {
        coop,
        pay,
        ts: opts?.ts ?? ts(),
      });
      return record(payee, entry, entry.balance, opts);
    },
    write<E extends Entry>(
      name: string,
      type: E['type'],
      fields: Record<string, unknown>,
      opts?: WriteOptions,
    ): E {
      const position = from(name, opts);
      const unsigned = {
        v: 1,
        type,
        coop,
        author: key(name).did,
        seq: position.seq + 1,
        prev: position.id,
        ts: opts?.ts ?? ts(),
        ...fields,
      } as unknown as UnsignedEntry<E>;
      const entry = signEntry<E>(unsigned, key(name));
      const balance = 'balance' in entry ? (entry.balance as number) : position.balance;
      return record(name, entry, balance, opts);
    },
  };

  for (const other of others) scenario.admit(founder, other);
  return scenario;
}

/**
 * The verdict on an item in a ledger, as one short string: `valid`, `invalid:<reason>`,
 * `pending:<reason>`, or `absent`.
 */
export function verdict(ledger: Ledger, item: unknown): string {
  const status = ledger.status(itemId(item));
  if (status === undefined) return 'absent';
  return status.state === 'valid' ? 'valid' : `${status.state}:${status.reason}`;
}

/** The verdicts on named items. */
export function verdicts(ledger: Ledger, items: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(items).map(([name, item]) => [name, verdict(ledger, item)]),
  );
}

/** `entry` with some fields changed and signed again by `key` (a well-formed, validly signed variant). */
export function resign<E extends Entry>(
  entry: E,
  changes: Record<string, unknown>,
  key: KeyPair,
): E {
  const { sig: _sig, ...unsigned } = entry;
  return signEntry<E>({ ...unsigned, ...changes } as unknown as UnsignedEntry<E>, key);
}
