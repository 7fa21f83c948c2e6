import type { BudgetInput, OpenAccountInput, SpendInput } from '../app/runtime-accounts.js';

/*
 * The actions on collective accounts a follower tab hands to the leader tab: opening an account
 * and contributing are entries of the member's feed (only the leader signs them, or two tabs
 * could sign at one seq — a fork); spend requests, approvals and budgets are signed records of
 * the root document, routed the same way so that one tab prepares and writes each spend. The
 * messages come from the same origin but are still checked for shape; the leader then checks
 * them as it checks its own member's actions.
 */

/** An action on accounts to take in the leader tab. */
export type AccountsCall =
  | { readonly kind: 'open'; readonly input: OpenAccountInput }
  | {
      readonly kind: 'contribute';
      readonly account: string;
      readonly amount: number;
      readonly memo: string;
    }
  | { readonly kind: 'request-spend'; readonly input: SpendInput }
  | { readonly kind: 'approve'; readonly request: string }
  | { readonly kind: 'budget'; readonly input: BudgetInput };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a message's `call` has the shape of an {@link AccountsCall} (fields are re-checked). */
export function isAccountsCall(value: unknown): value is AccountsCall {
  if (!isRecord(value)) return false;
  switch (value['kind']) {
    case 'open':
    case 'request-spend':
    case 'budget':
      return isRecord(value['input']);
    case 'contribute':
      return (
        typeof value['account'] === 'string' &&
        typeof value['amount'] === 'number' &&
        typeof value['memo'] === 'string'
      );
    case 'approve':
      return typeof value['request'] === 'string';
    default:
      return false;
  }
}
