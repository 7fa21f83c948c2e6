import { signToText, type KeyPair } from '@integrale/identity';
import { nextInFeed, signEntry, sortedIds, type FeedPosition } from './build.js';
import type { AccountEntry, AccountKind, ContributeEntry, SpendEntry } from './entry.js';
import { spendApprovalMessage } from './ledger.js';

/*
 * Building the collective-accounts extension's entries (docs/protocol-accounts.md). A spend is
 * prepared first (its fields, without the envelope), approved by stewards one by one — each
 * signs the prepared spend, on their own device — and written into a member's feed once it holds
 * enough approvals.
 */

interface Common {
  readonly coop: string;
  readonly ts: string;
}

/** A collective account with its stewards (the author among them) and its threshold. */
export function createAccount(
  author: KeyPair,
  head: FeedPosition,
  fields: Common & {
    readonly name: string;
    readonly kind: AccountKind;
    readonly scope: string;
    readonly stewards: readonly string[];
    readonly threshold: number;
  },
): AccountEntry {
  return signEntry<AccountEntry>(
    {
      ...nextInFeed(author, head, fields),
      type: 'account',
      name: fields.name,
      kind: fields.kind,
      scope: fields.scope,
      stewards: sortedIds(fields.stewards),
      threshold: fields.threshold,
    },
    author,
  );
}

/** A payment into a collective account; the running balance follows from the head. */
export function createContribution(
  member: KeyPair,
  head: FeedPosition,
  fields: Common & { readonly account: string; readonly amount: number; readonly memo: string },
): ContributeEntry {
  return signEntry<ContributeEntry>(
    {
      ...nextInFeed(member, head, fields),
      type: 'contribute',
      account: fields.account,
      amount: fields.amount,
      memo: fields.memo,
      balance: head.balance - fields.amount,
    },
    member,
  );
}

/** A spend as stewards approve it: everything but the envelope and the approvals. */
export type PreparedSpend = Pick<
  SpendEntry,
  | 'coop'
  | 'account'
  | 'accountSeq'
  | 'accountPrev'
  | 'to'
  | 'amount'
  | 'memo'
  | 'receipts'
  | 'decision'
  | 'rules'
>;

/** Prepares a spend (receipts sorted, without repeats). */
export function prepareSpend(fields: PreparedSpend): PreparedSpend {
  return { ...fields, receipts: sortedIds(fields.receipts) };
}

/** A steward's approval of a prepared spend: their signature, to put under their did. */
export function approveSpend(steward: KeyPair, spend: PreparedSpend): string {
  return signToText(steward, spendApprovalMessage(spend));
}

/** Writes an approved spend into `author`'s feed. */
export function createSpend(
  author: KeyPair,
  head: FeedPosition,
  spend: PreparedSpend,
  approvals: Readonly<Record<string, string>>,
  ts: string,
): SpendEntry {
  return signEntry<SpendEntry>(
    {
      ...nextInFeed(author, head, { coop: spend.coop, ts }),
      type: 'spend',
      account: spend.account,
      accountSeq: spend.accountSeq,
      accountPrev: spend.accountPrev,
      to: spend.to,
      amount: spend.amount,
      memo: spend.memo,
      receipts: sortedIds(spend.receipts),
      decision: spend.decision,
      rules: spend.rules,
      approvals: { ...approvals },
    },
    author,
  );
}
