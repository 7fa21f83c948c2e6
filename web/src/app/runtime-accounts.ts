import type { AccountKind } from '@integrale/ledger';
import type { AccountMovement } from '../budgets/movements.js';

export type { AccountMovement } from '../budgets/movements.js';

/*
 * What the screens need for collective accounts (acct/1, docs/protocol-accounts.md), their spend
 * requests and their budgets. Part of `AppRuntime` (runtime.ts); kept here so this area's
 * additions stay in one file. Everything is what THIS device verified: balances and forks from
 * its ledger, approvals from signatures it checked, budgets from records it checked.
 */

/** Two valid spends at one place of an account's chain (approved twice: both count). */
export interface AccountForkView {
  readonly accountSeq: number;
  readonly ids: readonly string[];
}

/** A collective account as the screens show it. */
export interface AccountView {
  /** The account entry's id. */
  readonly id: string;
  readonly name: string;
  readonly kind: AccountKind;
  readonly scope: string;
  /** did:keys, sorted. */
  readonly stewards: readonly string[];
  /** Approvals a spend needs (k of n). */
  readonly threshold: number;
  /** The decision that set these stewards and threshold, or `null` for the account's own. */
  readonly rules: string | null;
  /** Minor units, over every branch (negative only after a fork). */
  readonly balance: number;
  /** What its chain may still spend. */
  readonly available: number;
  readonly forks: readonly AccountForkView[];
  /** This member is one of its stewards. */
  readonly steward: boolean;
  /** Who opened it, and when (their clock). */
  readonly author: string;
  readonly ts: string;
}

/** Where a spend request stands (packages/peer spend-requests.ts). */
export type SpendRequestState = 'awaiting' | 'ready' | 'written' | 'stale';

/** A spend request as the screens show it. */
export interface SpendRequestSummary {
  readonly id: string;
  readonly account: string;
  /** A member's did:key or an account's id. */
  readonly to: string;
  readonly amount: number;
  readonly memo: string;
  /** Who prepared it (their device writes it). */
  readonly by: string;
  readonly ts: string;
  /** Stewards whose approval signatures verify, sorted. */
  readonly approvedBy: readonly string[];
  readonly threshold: number;
  readonly decision: string | null;
  readonly state: SpendRequestState;
  /** The spend entry, once written. */
  readonly entry: string | null;
  /** This member is a steward who has not approved it yet, and it still waits. */
  readonly canApprove: boolean;
}

/** One line of a budget. */
export interface BudgetLineView {
  readonly id: string;
  readonly label: string;
  readonly kind: 'income' | 'spending';
  readonly planned: number;
}

/** A budget as the screens show it. */
export interface BudgetView {
  /** Its id: what a decision's `approvesBudget` names. */
  readonly id: string;
  readonly account: string;
  readonly title: string;
  readonly from: string;
  readonly to: string;
  readonly lines: readonly BudgetLineView[];
  readonly author: string;
  readonly ts: string;
  /** The valid adopted decision (outcome id) approving it, or `null`. */
  readonly approvedBy: string | null;
  /** A proposal to approve it is held and not closed yet (its id), or `null`. */
  readonly proposedIn: string | null;
}

/** The area's data at one moment. */
export interface AccountsSnapshot {
  /** Every valid account, by name. */
  readonly accounts: readonly AccountView[];
  /** Every verified spend request, newest first. */
  readonly spendRequests: readonly SpendRequestSummary[];
  /** Every verified budget, newest first. */
  readonly budgets: readonly BudgetView[];
  /** Every valid movement of every account, newest first. */
  readonly movements: readonly AccountMovement[];
}

/** What a member gives to open an account (they must be among the stewards). */
export interface OpenAccountInput {
  readonly name: string;
  readonly kind: AccountKind;
  /** `federation` or a circle's name. */
  readonly scope: string;
  readonly stewards: readonly string[];
  readonly threshold: number;
}

/** A spend a member asks for. */
export interface SpendInput {
  readonly account: string;
  /** A member's did:key or another account's id. */
  readonly to: string;
  readonly amount: number;
  readonly memo: string;
  /** The budget line it counts for (its marker is added to the memo), or `null`. */
  readonly budgetLine: { readonly budget: string; readonly line: string } | null;
}

/** A budget a member writes. */
export interface BudgetInput {
  readonly account: string;
  readonly title: string;
  readonly from: string;
  readonly to: string;
  readonly lines: readonly BudgetLineView[];
}

/** Why an action on accounts was not taken (each has a sentence in the UI). */
export type AccountsProblem =
  | 'not-ready'
  | 'not-member'
  | 'invalid-name'
  | 'invalid-scope'
  /** A steward is not a member, repeated, or this member is not among them. */
  | 'invalid-stewards'
  | 'invalid-threshold'
  | 'unknown-account'
  | 'unknown-payee'
  | 'self-pay'
  | 'invalid-amount'
  | 'memo-too-long'
  | 'over-limit'
  /** The account's chain may not spend that much. */
  | 'insufficient-funds'
  | 'unknown-budget-line'
  /** Not a steward of the account, or the request does not wait for approvals. */
  | 'not-steward'
  | 'not-awaiting'
  | 'invalid-budget';

/** The outcome of an action: the id of what was signed, or why not. */
export type AccountsResult =
  | { readonly ok: true; /** The entry's, request's or budget's id. */ readonly id: string }
  | { readonly ok: false; readonly reason: AccountsProblem };

/** The runtime's part for collective accounts and budgets. */
export interface AccountsRuntime {
  /** Accounts, requests, budgets and movements. Cheap: cached per change. */
  accountsSnapshot(): AccountsSnapshot;
  /** Signs an account entry (this member among the stewards). */
  openAccount(input: OpenAccountInput): Promise<AccountsResult>;
  /** Signs a contribution of this member into an account. */
  contribute(account: string, amount: number, memo: string): Promise<AccountsResult>;
  /** Prepares a spend and puts it up for the stewards' approval (a steward approves at once). */
  requestSpend(input: SpendInput): Promise<AccountsResult>;
  /** Approves a spend request as a steward of its account. */
  approveSpend(requestId: string): Promise<AccountsResult>;
  /** Signs a budget and shares it; its approval is then proposed as a decision. */
  createBudget(input: BudgetInput): Promise<AccountsResult>;
}
