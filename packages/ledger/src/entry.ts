/**
 * The entry types of ledger format v1 (spec `docs/spec/ledger-v1.md`, section 2). A value of
 * these types has passed the shape check (`checkShape`): it is well-formed, nothing more.
 */

/** The format version every entry carries. */
export const FORMAT_VERSION = 1;

/** Prefix of the bytes an entry's author signs. */
export const SIGNING_PREFIX = 'integrale/v1\n';

/** Prefix of the bytes an invitation key signs in a join's proof. */
export const JOIN_PROOF_PREFIX = 'integrale/v1/join\n';

/** The largest amount of one payment, and the largest credit limit, in minor units. */
export const MAX_AMOUNT = 1_000_000_000_000;

/** Entry types, in the order a feed's life meets them. */
export const ENTRY_TYPES = ['genesis', 'invite', 'join', 'pay', 'accept'] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];

/** Fields every entry has. */
export interface EntryBase {
  readonly v: 1;
  readonly type: EntryType;
  /** did:key of the signer. */
  readonly author: string;
  /** Position in the author's feed: 1, 2, 3 … */
  readonly seq: number;
  /** Id of the author's entry at `seq − 1`; `null` on a feed's first entry. */
  readonly prev: string | null;
  /** The author's clock, informative only. */
  readonly ts: string;
  /** base64url Ed25519 signature over {@link SIGNING_PREFIX} + JCS(entry without `sig`). */
  readonly sig: string;
}

/** The cooperative's currency, named by its genesis. */
export interface Currency {
  /** 1–8 of A–Z and 0–9, e.g. `ECO`. */
  readonly code: string;
  /** 1–40 characters, e.g. `Éco`. */
  readonly name: string;
  /** 0–4: how many minor units make one unit is 10^decimals. */
  readonly decimals: number;
}

/** Creates the cooperative; its id is the cooperative's id and its author the founder. */
export interface GenesisEntry extends EntryBase {
  readonly type: 'genesis';
  readonly name: string;
  readonly currency: Currency;
  /** No member's balance may go below −creditLimit (minor units). */
  readonly creditLimit: number;
}

/** A member invites someone by naming a fresh one-time invitation key. */
export interface InviteEntry extends EntryBase {
  readonly type: 'invite';
  readonly coop: string;
  /** did:key of the one-time invitation key. */
  readonly invitee: string;
}

/** A newcomer's first entry: proves possession of an invitation key. */
export interface JoinEntry extends EntryBase {
  readonly type: 'join';
  readonly coop: string;
  /** Id of the invite entry. */
  readonly invite: string;
  /** Signature by the invitation key over {@link JOIN_PROOF_PREFIX} + coop + "\n" + author. */
  readonly proof: string;
  /** The newcomer's display name. */
  readonly name: string;
}

/** A payment, signed by the payer. */
export interface PayEntry extends EntryBase {
  readonly type: 'pay';
  readonly coop: string;
  /** did:key of the payee. */
  readonly to: string;
  /** Minor units, 1 … 10^12. */
  readonly amount: number;
  /** 0–280 characters. */
  readonly memo: string;
  /** The payer's running balance after this entry. */
  readonly balance: number;
}

/** The payee's receipt of a payment. */
export interface AcceptEntry extends EntryBase {
  readonly type: 'accept';
  readonly coop: string;
  /** Id of the pay entry received. */
  readonly pay: string;
  /** The payee's running balance after this entry. */
  readonly balance: number;
}

/** Any well-formed entry. */
export type Entry = GenesisEntry | InviteEntry | JoinEntry | PayEntry | AcceptEntry;

/** An entry before signing: everything but `sig` (distributed over the union of types). */
export type UnsignedEntry<E extends Entry = Entry> = E extends Entry ? Omit<E, 'sig'> : never;
