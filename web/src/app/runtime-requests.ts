import type { LedgerAlert } from '../ledger/alerts.js';
import type { Movement } from '../ledger/statement.js';
import type { PayResult } from './runtime.js';

/*
 * What the screens need for payment requests, statements, the ledger export and the integrity
 * alerts. Part of `AppRuntime` (runtime.ts); kept here so this area's additions stay in one file.
 */

/** Where a payment request stands (see packages/peer payment-requests.ts). */
export type PaymentRequestState = 'open' | 'declined' | 'paid';

/** A verified payment request as the screens show it. */
export interface PaymentRequestView {
  /** The request record's id. */
  readonly id: string;
  /** did:key of the requester (who would be paid). */
  readonly from: string;
  /** did:key of the member asked to pay. */
  readonly to: string;
  /** Minor units. */
  readonly amount: number;
  readonly memo: string;
  /** The requester's clock. */
  readonly ts: string;
  readonly state: PaymentRequestState;
  /** The valid pay entry that answered it, when paid (checked against the ledger). */
  readonly payEntry: string | null;
}

/** What a member gives to ask another for a payment. */
export interface PaymentRequestInput {
  /** did:key of the member asked to pay. */
  readonly to: string;
  /** Minor units, 1 … 10^12. */
  readonly amount: number;
  /** 0–200 characters. */
  readonly memo: string;
}

/** Why a request could not be made, answered or declined. */
export type RequestProblem =
  | 'not-ready'
  | 'not-member'
  | 'unknown-member'
  | 'self-request'
  | 'invalid-amount'
  | 'memo-too-long'
  /** The request is not open, or not addressed to this member. */
  | 'not-open';

/** The outcome of asking or declining. */
export type RequestResult =
  | { readonly ok: true; /** The record's id. */ readonly id: string }
  | { readonly ok: false; readonly reason: RequestProblem };

/** The outcome of approving: the payment's, or why the request cannot be paid. */
export type ApproveResult = PayResult | { readonly ok: false; readonly reason: 'not-open' };

/** The runtime's part for this area. */
export interface RequestsRuntime {
  /** Verified requests this member sent or was sent, newest first. Cheap: cached per change. */
  paymentRequests(): readonly PaymentRequestView[];
  /** Signs a request to another member and shares it. */
  requestPayment(input: PaymentRequestInput): Promise<RequestResult>;
  /** Pays an open request addressed to this member (a signed `pay` naming the request). */
  approveRequest(id: string): Promise<ApproveResult>;
  /** Signs this member's decline of an open request addressed to them. */
  declineRequest(id: string): Promise<RequestResult>;
  /** Every movement of this member's account (valid pays and accepts), in no particular order. */
  movements(): readonly Movement[];
  /** Forks and accounts over the limit in the ledger this device verified. Cached per change. */
  ledgerAlerts(): readonly LedgerAlert[];
  /** The whole ledger this device holds, as JSON Lines (spec section 4). */
  exportLedger(): string;
}
