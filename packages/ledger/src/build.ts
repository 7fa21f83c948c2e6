import { signToText, type KeyPair } from '@integrale/identity';
import type {
  AcceptEntry,
  Currency,
  Entry,
  GenesisEntry,
  InviteEntry,
  JoinEntry,
  PayEntry,
  SpendEntry,
  UnsignedEntry,
} from './entry.js';
import { itemId, joinProofMessage, signingMessage } from './ids.js';
import { checkShape } from './shape.js';

/*
 * Building entries: what a member's device does to write to its own feed. Each builder takes the
 * member's key, the head of its feed (what the ledger says its last valid entry is) and the
 * entry's own fields, and returns a signed entry that passes the shape check, or throws.
 */

/** The fields given were not those of a well-formed entry (an amount of 0, a name too long…). */
export class InvalidEntryError extends Error {
  override name = 'InvalidEntryError';
}

/** Where a feed stands: its last valid entry. */
export interface FeedPosition {
  /** Id of the last entry. */
  readonly id: string;
  readonly seq: number;
  /** Running balance after it. */
  readonly balance: number;
}

/** The `ts` text of a moment: ISO 8601 UTC with milliseconds. */
export function formatTimestamp(date: Date): string {
  return date.toISOString();
}

/**
 * Signs an unsigned entry with the author's key.
 * @throws InvalidEntryError when the result is not well-formed.
 */
export function signEntry<E extends Entry>(unsigned: UnsignedEntry<E>, author: KeyPair): E {
  if (unsigned.author !== author.did)
    throw new InvalidEntryError('the author is not the signing key');
  let message: Uint8Array;
  try {
    message = signingMessage(unsigned);
  } catch {
    // Not even JSON (a NaN amount, say): say so in the package's own terms.
    throw new InvalidEntryError(`the ${String(unsigned.type)} entry is not well-formed`);
  }
  const entry = { ...unsigned, sig: signToText(author, message) } as unknown as E;
  if (checkShape(entry) === null) {
    throw new InvalidEntryError(`the ${String(unsigned.type)} entry is not well-formed`);
  }
  return entry;
}

/** The envelope of the next entry in `author`'s feed, after `head`. */
export function nextInFeed(
  author: KeyPair,
  head: FeedPosition,
  common: { readonly coop: string; readonly ts: string },
) {
  return {
    v: 1 as const,
    coop: common.coop,
    author: author.did,
    seq: head.seq + 1,
    prev: head.id,
    ts: common.ts,
  };
}

/** Ids (or dids) sorted by code units, without repeats: how entries list them. */
export function sortedIds(values: readonly string[]): string[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The id of an entry. */
export function entryId(entry: Entry): string {
  return itemId(entry);
}

/** Fields of a new cooperative. */
export interface GenesisFields {
  readonly name: string;
  readonly currency: Currency;
  readonly creditLimit: number;
  readonly ts: string;
}

/** The founder's genesis: creates the cooperative; its id is the cooperative's id. */
export function createGenesis(founder: KeyPair, fields: GenesisFields): GenesisEntry {
  return signEntry<GenesisEntry>(
    {
      v: 1,
      type: 'genesis',
      author: founder.did,
      seq: 1,
      prev: null,
      ts: fields.ts,
      name: fields.name,
      currency: {
        code: fields.currency.code,
        name: fields.currency.name,
        decimals: fields.currency.decimals,
      },
      creditLimit: fields.creditLimit,
    },
    founder,
  );
}

/** An invite naming a fresh one-time invitation key (`invitee` is its did:key). */
export function createInvite(
  inviter: KeyPair,
  head: FeedPosition,
  fields: { readonly coop: string; readonly invitee: string; readonly ts: string },
): InviteEntry {
  return signEntry<InviteEntry>(
    {
      v: 1,
      type: 'invite',
      coop: fields.coop,
      author: inviter.did,
      seq: head.seq + 1,
      prev: head.id,
      ts: fields.ts,
      invitee: fields.invitee,
    },
    inviter,
  );
}

/**
 * A newcomer's join: the first entry of its feed, with the proof that it holds the invitation
 * key named by the invite.
 */
export function createJoin(
  newcomer: KeyPair,
  invitationKey: KeyPair,
  fields: {
    readonly coop: string;
    readonly invite: string;
    readonly name: string;
    readonly ts: string;
  },
): JoinEntry {
  const proof = signToText(invitationKey, joinProofMessage(fields.coop, newcomer.did));
  return signEntry<JoinEntry>(
    {
      v: 1,
      type: 'join',
      coop: fields.coop,
      author: newcomer.did,
      seq: 1,
      prev: null,
      ts: fields.ts,
      invite: fields.invite,
      proof,
      name: fields.name,
    },
    newcomer,
  );
}

/** A payment of `amount` minor units to `to`; the running balance follows from the head. */
export function createPay(
  payer: KeyPair,
  head: FeedPosition,
  fields: {
    readonly coop: string;
    readonly to: string;
    readonly amount: number;
    readonly memo: string;
    readonly ts: string;
  },
): PayEntry {
  return signEntry<PayEntry>(
    {
      v: 1,
      type: 'pay',
      coop: fields.coop,
      author: payer.did,
      seq: head.seq + 1,
      prev: head.id,
      ts: fields.ts,
      to: fields.to,
      amount: fields.amount,
      memo: fields.memo,
      balance: head.balance - fields.amount,
    },
    payer,
  );
}

/** The payee's accept of a pay; the running balance follows from the head. */
export function createAccept(
  payee: KeyPair,
  head: FeedPosition,
  fields: {
    readonly coop: string;
    /** A payment, or a collective account's spend to this member (acct/1). */
    readonly pay: PayEntry | SpendEntry;
    readonly ts: string;
  },
): AcceptEntry {
  return signEntry<AcceptEntry>(
    {
      v: 1,
      type: 'accept',
      coop: fields.coop,
      author: payee.did,
      seq: head.seq + 1,
      prev: head.id,
      ts: fields.ts,
      pay: entryId(fields.pay),
      balance: head.balance + fields.pay.amount,
    },
    payee,
  );
}
