import type { Currency, MemberInfo } from '@integrale/ledger';

/*
 * What the screens need from the running cooperative, and nothing about how it is done. The
 * peer-to-peer runtime (packages/peer, packages/sync) will implement this interface and be given
 * to `<coop-app>`; until then the app runs without one and says so. Everything a screen shows is
 * read from one snapshot, so a render never sees half an update.
 */

/** The cooperative, as its valid genesis describes it. */
export interface CooperativeInfo {
  /** Id of the genesis entry. */
  readonly id: string;
  readonly name: string;
  readonly currency: Currency;
  /** No member's balance may go below −creditLimit (minor units). */
  readonly creditLimit: number;
}

/** How this device is connected to the others. */
export type ConnectionState = 'offline' | 'connecting' | 'online';

/** Everything the screens show, at one moment. Immutable: a change makes a new snapshot. */
export interface RuntimeSnapshot {
  /** `null` until this device is part of a cooperative and holds its valid genesis. */
  readonly cooperative: CooperativeInfo | null;
  /** This member's did:key; `null` before they have a key. */
  readonly self: string | null;
  /** Current members, sorted by did. */
  readonly members: readonly MemberInfo[];
  /** This member's balance in minor units (0 before any movement). */
  readonly balance: number;
  readonly connection: {
    readonly state: ConnectionState;
    /** Devices of other members connected right now. */
    readonly peers: number;
  };
}

/** A payment a member asks for. */
export interface PayRequest {
  /** did:key of the payee. */
  readonly to: string;
  /** Minor units, 1 … 10^12 (see `parseAmount`). */
  readonly amount: number;
  /** 0–280 characters. */
  readonly memo: string;
}

/** Why a payment was not made (each has a sentence in the UI). */
export type PayProblem =
  | 'not-ready'
  | 'not-member'
  | 'unknown-payee'
  | 'self-pay'
  | 'invalid-amount'
  | 'over-limit'
  | 'memo-too-long';

/** The outcome of {@link AppRuntime.pay}. */
export type PayResult =
  | { readonly ok: true; /** Id of the signed pay entry. */ readonly entry: string }
  | { readonly ok: false; readonly reason: PayProblem };

/** The running cooperative, as the UI sees it. */
export interface AppRuntime {
  /** The current state. Cheap: called on every render. */
  snapshot(): RuntimeSnapshot;
  /** Any member's balance in minor units, over every branch (0 for one with no movement). */
  balanceOf(did: string): number;
  /**
   * Signs a payment in this member's feed and shares it. Resolves with the reason when the
   * payment cannot be made; rejects only when the device itself fails (storage, say).
   */
  pay(request: PayRequest): Promise<PayResult>;
  /** Calls `listener` after each change of the snapshot; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/** The snapshot of a device that is part of no cooperative yet. */
export const EMPTY_SNAPSHOT: RuntimeSnapshot = {
  cooperative: null,
  self: null,
  members: [],
  balance: 0,
  connection: { state: 'offline', peers: 0 },
};

/** Most characters in a payment's memo (the ledger's bound). */
export const MAX_MEMO_LENGTH = 280;
