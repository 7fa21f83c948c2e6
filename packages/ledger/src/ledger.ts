import {
  canonicalJson,
  decodeSignatureText,
  didToPublicKeyOrNull,
  sha256Hex,
  utf8,
  type SignatureVerifier,
} from '@integrale/identity';
import type {
  AcceptEntry,
  BallotEntry,
  Currency,
  Entry,
  GenesisEntry,
  JoinEntry,
  LimitEntry,
  OutcomeEntry,
  AccountEntry,
  AccountsEntry,
  ContributeEntry,
  GovernanceEntry,
  PayEntry,
  ProposalEntry,
  ProxyEntry,
  SpendEntry,
} from './entry.js';
import { SPEND_APPROVAL_PREFIX } from './entry.js';
import { SIGNING_PREFIX } from './entry.js';
import { joinProofMessage, type Sha256Hex } from './ids.js';
import {
  compareCodeUnits,
  type OverLimitAccount,
  type ReportedEntry,
  type ReportedFork,
  type VerificationReport,
} from './report.js';
import { decisionRows, recountOutcome, type GovernanceView } from './governance-rules.js';
import { accountRows, accountForks, type AccountView } from './accounts-report.js';
import { checkShape, isAccountsType, isFormatInteger, isGovernanceType } from './shape.js';
import { isDidKey } from '@integrale/identity';
import type { EntryStatus, InvalidReason, PendingReason } from './status.js';

/*
 * The ledger of one cooperative, computed incrementally from the set of items it holds.
 *
 * Validity is the least fixed point of the rules of spec section 3. It is computed with a
 * worklist: an entry is evaluated when it arrives and again whenever something it waits on is
 * established (an entry by id, or a member by did); it becomes valid or invalid only when all it
 * depends on is established, so whatever waits on a cycle, or on something not held, stays
 * pending. Established verdicts never change as entries arrive — with one exception: a join
 * citing an already-used invite with a smaller id takes the invite from the current holder (the
 * smallest id wins). That rare case, which only a double use of one invitation can cause,
 * re-evaluates everything from the verdicts already kept; signatures are never checked twice.
 *
 * A signed entry is immutable and content-addressed: the same item always has the same id and
 * the same verdict, and holding it twice counts once.
 */

/** An item could not be taken at all (it is not JSON, or nests too deep to hash). */
export class UnusableItemError extends Error {
  override name = 'UnusableItemError';
}

/** Options of {@link createLedger}. */
export interface LedgerInit {
  /** The cooperative's id: the id of its genesis entry. */
  readonly coop: string;
  /** Checks signatures under the format's rule; see `@integrale/identity`. */
  readonly verifier: SignatureVerifier;
  /** SHA-256 to lowercase hex (default: @noble/hashes; Node may pass its native hash). */
  readonly sha256Hex?: Sha256Hex;
  /**
   * Whether the governance extension's entries count (default true); without it they are
   * malformed, as format v1 alone says.
   */
  readonly extensions?: boolean;
}

/** What one `add` did. */
export interface AddResult {
  /** Ids of the items that were new to this ledger, in the order given. */
  readonly added: readonly string[];
  /** How many items were already held (or repeated within the batch). */
  readonly duplicates: number;
  /** Items that could not be taken, by their index in the batch, with the reason. */
  readonly unusable: readonly { readonly index: number; readonly error: UnusableItemError }[];
}

/** A member, as the valid entries show them. */
export interface MemberInfo {
  readonly did: string;
  /** The name in their join; `null` for the founder (the genesis names the cooperative). */
  readonly name: string | null;
  /** The author of the invite they joined with; `null` for the founder. */
  readonly invitedBy: string | null;
  /** `ts` of their genesis or winning join (the author's clock: informative). */
  readonly since: string;
  /** Id of their genesis or winning join. */
  readonly entry: string;
}

/** The last valid entry of a feed: what a new entry of that feed builds on. */
export interface FeedHead {
  readonly id: string;
  readonly seq: number;
  /** Running balance after it. */
  readonly balance: number;
  /** The credit limit in force in this feed after it (the genesis's, or a decision's). */
  readonly limit: number;
  /** The decision (outcome id) that set {@link limit}; `null` for the genesis's. */
  readonly limitDecision: string | null;
}

/** The rules a collective account's spends follow, and the decision that set them. */
export interface AccountRulesInForce {
  readonly stewards: readonly string[];
  readonly threshold: number;
  readonly decision: string | null;
}

/** A member's credit limit, and where it comes from. */
export interface LimitInForce {
  readonly limit: number;
  /** The decision (outcome id) their feed took it from; `null` for the genesis's. */
  readonly decision: string | null;
}

/** The ledger of one cooperative: give it items in any order; ask it anything at any time. */
export interface Ledger {
  readonly coop: string;
  /**
   * Takes a batch of items (entries as received: untrusted JSON values). Never rejects for bad
   * input: an item that is not a valid entry is held and judged; one that cannot even be hashed
   * is returned in `unusable`. Calls are serialised.
   */
  add(items: readonly unknown[]): Promise<AddResult>;
  /** Whether an item with this id is held. */
  has(id: string): boolean;
  /** The item held under this id, as received. */
  get(id: string): unknown;
  /** Every item held, in the order first received. */
  items(): unknown[];
  /** The verdict on a held entry, or `undefined` when none has this id. */
  status(id: string): EntryStatus | undefined;
  /** The genesis, once it is held and valid. */
  genesis(): GenesisEntry | undefined;
  /** The currency the genesis names, once known. */
  currency(): Currency | undefined;
  /** The genesis's credit limit: no balance may go below −creditLimit (without a decision). */
  creditLimit(): number | undefined;
  /**
   * The credit limit in force in a member's feed: the genesis's, until their feed takes up one
   * a decision set (a `limit` entry).
   */
  limitOf(did: string): LimitInForce;
  isMember(did: string): boolean;
  member(did: string): MemberInfo | undefined;
  /** Current members, sorted by did. */
  members(): MemberInfo[];
  /** An account's balance in minor units, over every branch (0 for one with no movement). */
  balanceOf(did: string): number;
  /** The valid entry with the highest seq in a feed (on a fork, the smallest id among them). */
  feedHead(did: string): FeedHead | undefined;
  /** Valid pays to `did` that it has not validly accepted yet. */
  unacceptedPaysTo(did: string): (PayEntry | SpendEntry)[];
  /**
   * The report of spec section 4 (computed once per change of the ledger: callers share it and
   * must not modify it).
   */
  report(): VerificationReport;
  /** A number that changes whenever the ledger takes new items (for callers' own caches). */
  version(): number;
  /** Every valid entry of an extension type (gov/1, acct/1), with its id (kept indexed: cheap). */
  validGovernance<T extends ExtensionEntry['type']>(
    type: T,
  ): { readonly id: string; readonly entry: Extract<ExtensionEntry, { type: T }> }[];
  /** What a collective account may still spend along its chain of spends (0 before any). */
  accountAvailable(account: string): number;
  /**
   * The stewards and threshold an account's next spend follows: those of the decision its
   * chain took up last, or the account entry's (`decision: null`); `undefined` for no account.
   */
  accountRules(account: string): AccountRulesInForce | undefined;
  /** The spend at the head of an account's chain, if any (on a fork, the smallest id). */
  accountHead(account: string): { readonly id: string; readonly accountSeq: number } | undefined;
  /**
   * Valid contributions and spends to an account that its head's chain has not taken in yet:
   * what the next spend should list as `receipts` (sorted).
   */
  untakenReceipts(account: string): string[];
}

/** An entry of one of the extensions. */
type ExtensionEntry = GovernanceEntry | AccountsEntry;

const PENDING = 0;
const VALID = 1;
const INVALID = 2;
type State = typeof PENDING | typeof VALID | typeof INVALID;

/** What the ledger keeps about one held item. */
interface Held {
  readonly id: string;
  readonly item: unknown;
  /** The item as a well-formed entry, `null` when malformed. */
  readonly entry: Entry | null;
  /** Verdict of checks 1–3, which need nothing but the item: `null` when they pass. */
  stageReason: 'malformed' | 'wrong-coop' | 'bad-signature' | null;
  /** For a join: whether its proof is valid, once the invite it cites is known to be an invite. */
  proof: boolean | undefined;
  state: State;
  reason: InvalidReason | null;
  /** Running balance after this entry, when valid. */
  balance: number;
  /** Credit limit in force after this entry, when valid; `null`: the genesis's. */
  limit: number | null;
  /** The decision that set {@link limit}. */
  limitDecision: string | null;
  /** For a valid spend: what its account may still spend after it. */
  available: number;
  /** For a spend: the stewards' dids whose approval signatures are valid (checked once). */
  approvers: Set<string> | undefined;
}

/** Result of evaluating one entry against what is established now. */
type Evaluation =
  | {
      readonly kind: 'valid';
      readonly balance: number;
      /** A new credit limit for the feed (a `limit` entry); absent: the previous one goes on. */
      readonly limit?: { readonly value: number; readonly decision: string };
      /** For a spend: what its account may still spend after it. */
      readonly available?: number;
    }
  | { readonly kind: 'invalid'; readonly reason: InvalidReason }
  | { readonly kind: 'wait'; readonly id: string; readonly missing: PendingReason }
  | { readonly kind: 'wait-member'; readonly did: string };

const waitId = (id: string, missing: PendingReason): Evaluation => ({ kind: 'wait', id, missing });
const invalid = (reason: InvalidReason): Evaluation => ({ kind: 'invalid', reason });

/**
 * The canonical text of a well-formed entry without its `sig`, cut from the canonical text with
 * it. In canonical JSON a quote inside a string is always escaped, so `,"sig":"` can only be the
 * top-level member; a well-formed entry always has keys sorting before `sig` (`author`), so the
 * member is never first. This saves a second canonicalisation per entry; the fallback covers
 * anything unexpected.
 */
function canonicalWithoutSig(canonical: string, entry: Entry): string {
  const member = ',"sig":"' + entry.sig + '"';
  const at = canonical.indexOf(member);
  if (at > 0 && canonical.indexOf(member, at + 1) === -1) {
    return canonical.slice(0, at) + canonical.slice(at + member.length);
  }
  const { sig: _sig, ...unsigned } = entry;
  return canonicalJson(unsigned);
}

function authorOf(item: unknown): string | null {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return null;
  const author = (item as Record<string, unknown>)['author'];
  return typeof author === 'string' ? author : null;
}

function seqOf(item: unknown): number | null {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return null;
  const seq = (item as Record<string, unknown>)['seq'];
  return isFormatInteger(seq) ? seq : null;
}

/** The bytes a steward signs to approve a spend: everything the spend says but who writes it. */
export function spendApprovalMessage(
  spend: Pick<
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
  >,
): Uint8Array {
  const { coop, account, accountSeq, accountPrev, to, amount, memo, receipts, decision, rules } =
    spend;
  return utf8(
    SPEND_APPROVAL_PREFIX +
      canonicalJson({
        coop,
        account,
        accountSeq,
        accountPrev,
        to,
        amount,
        memo,
        receipts,
        decision,
        rules,
      }),
  );
}

/** Creates the ledger of the cooperative whose genesis id is `init.coop`. */
export function createLedger(init: LedgerInit): Ledger {
  const { coop, verifier } = init;
  const hash = init.sha256Hex ?? sha256Hex;
  const shapeOptions = { extensions: init.extensions !== false };
  /** How many governance entries are held: the report has its governance part only then. */
  let governanceHeld = 0;
  /** How many collective-accounts entries are held (the report's accounts part only then). */
  let accountsHeld = 0;

  const held = new Map<string, Held>();
  /** Joins by the invite id they cite, whether or not that invite is held. */
  const joinsByInvite = new Map<string, Held[]>();
  /** Records waiting on an id (`i:`) or a member (`m:`) to be established. */
  const waiters = new Map<string, string[]>();
  /** Author public keys, decoded once. */
  const keys = new Map<string, Uint8Array | null>();

  // Derived state, rebuilt from scratch by `reevaluateAll`.
  let genesisEntry: GenesisEntry | undefined;
  let members = new Map<string, MemberInfo>();
  let balances = new Map<string, bigint>();
  let acceptedBy = new Map<string, Set<string>>();
  let unaccepted = new Set<string>();
  let validAccepts = new Map<string, Held[]>();
  let heads = new Map<string, Held>();
  /** Valid governance entries by type, then id. */
  let governance = new Map<string, Map<string, ExtensionEntry>>();
  /** Spends that took each receipt into their account's chain. */
  let receiptsTaken = new Map<string, Held[]>();
  /** The spend at the head of each account's chain. */
  let accountHeads = new Map<string, Held>();
  let queue: Held[] = [];

  let serial: Promise<unknown> = Promise.resolve();

  function publicKey(did: string): Uint8Array | null {
    let key = keys.get(did);
    if (key === undefined) {
      key = didToPublicKeyOrNull(did);
      keys.set(did, key);
    }
    return key;
  }

  function wait(key: string, id: string): void {
    const list = waiters.get(key);
    if (list === undefined) waiters.set(key, [id]);
    else list.push(id);
  }

  function wake(key: string): void {
    const list = waiters.get(key);
    if (list === undefined) return;
    waiters.delete(key);
    for (const id of list) {
      const record = held.get(id);
      if (record !== undefined && record.state === PENDING) queue.push(record);
    }
  }

  /** The join that holds an invite: the smallest id among those whose proof is valid. */
  function inviteHolder(inviteId: string): Held | undefined {
    let winner: Held | undefined;
    for (const join of joinsByInvite.get(inviteId) ?? []) {
      if (join.stageReason !== null || join.proof !== true) continue;
      if (winner === undefined || join.id < winner.id) winner = join;
    }
    return winner;
  }

  /** Whether `ancestor` lies on the `prev` chain of `record` (all of which is valid). */
  function isAncestor(ancestor: Held, record: Held): boolean {
    const target = (ancestor.entry as Entry).seq;
    let current = held.get((record.entry as Entry).prev ?? '');
    while (current !== undefined && current.entry !== null && current.entry.seq > target) {
      current = held.get(current.entry.prev ?? '');
    }
    return current === ancestor;
  }

  /**
   * Checks 4–7 for an entry that passed checks 1–3, against what is established now. Pure: the
   * caller records the outcome.
   */
  function evaluate(record: Held): Evaluation {
    const entry = record.entry as Entry;

    // Check 4: feed linkage.
    let previousBalance = 0;
    let previous: Held | undefined;
    if (entry.seq === 1) {
      if (entry.prev !== null || (entry.type !== 'genesis' && entry.type !== 'join')) {
        return invalid('bad-prev');
      }
    } else {
      if (entry.prev === null) return invalid('bad-prev');
      previous = held.get(entry.prev);
      if (previous === undefined) return waitId(entry.prev, 'missing-prev');
      if (authorOf(previous.item) !== entry.author || seqOf(previous.item) !== entry.seq - 1) {
        return invalid('bad-prev');
      }
      if (previous.state === INVALID) return invalid('invalid-prev');
      if (previous.state === PENDING) return waitId(entry.prev, 'missing-prev');
      previousBalance = previous.balance;
    }

    // Check 5: membership.
    if (entry.type === 'genesis') return { kind: 'valid', balance: 0 };
    if (entry.type === 'join') return evaluateJoin(record, entry);
    if (!members.has(entry.author)) return { kind: 'wait-member', did: entry.author };

    switch (entry.type) {
      case 'invite':
        return { kind: 'valid', balance: previousBalance };
      case 'pay':
        return evaluatePay(entry, previousBalance, limitAfter(previous));
      case 'accept':
        return evaluateAccept(record, entry, previousBalance);
      case 'proposal':
        return evaluateProposal(entry, previousBalance);
      case 'ballot':
        return evaluateBallot(entry, previousBalance);
      case 'proxy':
        return evaluateProxy(entry, previousBalance);
      case 'outcome':
        return evaluateOutcome(entry, previousBalance);
      case 'limit':
        return evaluateLimit(entry, previousBalance);
      case 'account':
        return evaluateAccount(entry, previousBalance);
      case 'contribute':
        return evaluateContribute(entry, previousBalance, limitAfter(previous));
      case 'spend':
        return evaluateSpend(record, entry, previousBalance);
    }
  }

  function evaluateAccount(entry: AccountEntry, balance: number): Evaluation {
    if (!entry.stewards.includes(entry.author)) return invalid('not-steward');
    for (const did of entry.stewards) {
      if (!members.has(did)) return { kind: 'wait-member', did };
    }
    return { kind: 'valid', balance };
  }

  function evaluateContribute(
    entry: ContributeEntry,
    previousBalance: number,
    limit: number,
  ): Evaluation {
    const account = referenced(entry.account, 'account');
    if (isEvaluation(account)) return account;
    const balance = previousBalance - entry.amount;
    if (entry.balance !== balance) return invalid('bad-balance');
    if (balance < -limit) return invalid('over-limit');
    return { kind: 'valid', balance };
  }

  /** Whether spend `ancestor` lies on the `accountPrev` chain of spend `record`. */
  function isAccountAncestor(ancestor: Held, record: Held): boolean {
    const target = (ancestor.entry as SpendEntry).accountSeq;
    let current = held.get((record.entry as SpendEntry).accountPrev ?? '');
    while (current?.entry?.type === 'spend' && current.entry.accountSeq > target) {
      current = held.get(current.entry.accountPrev ?? '');
    }
    return current === ancestor;
  }

  /**
   * The stewards and threshold a spend follows: the account entry's, or those of the decision
   * its `rules` names. The rules move along the account's chain only to a decision that
   * revokes the previous one, so no spend can go back to looser rules (`bad-rules`).
   */
  function rulesOf(
    entry: SpendEntry,
    account: AccountEntry,
    previousRules: string | null,
  ): { stewards: readonly string[]; threshold: number } | Evaluation {
    if (entry.rules === null) {
      if (previousRules !== null) return invalid('bad-rules');
      return { stewards: account.stewards, threshold: account.threshold };
    }
    const decision = referenced(entry.rules, 'outcome');
    if (isEvaluation(decision)) return decision;
    const outcome = decision.entry as OutcomeEntry;
    if (outcome.result !== 'adopted') return invalid('not-adopted');
    const { effects } = held.get(outcome.proposal)?.entry as ProposalEntry;
    const rules = effects.accountRules;
    if (rules?.account !== entry.account) return invalid('bad-rules');
    if (entry.rules !== previousRules && (effects.revokes ?? null) !== previousRules)
      return invalid('bad-rules');
    return rules;
  }

  /** Whether a spend's authority holds: k stewards' approvals, or an adopted decision. */
  function authorises(
    record: Held,
    entry: SpendEntry,
    account: { readonly stewards: readonly string[]; readonly threshold: number },
  ): Held | Evaluation {
    if (entry.decision !== null) {
      const decision = referenced(entry.decision, 'outcome');
      if (isEvaluation(decision)) return decision;
      const outcome = decision.entry as OutcomeEntry;
      if (outcome.result !== 'adopted') return invalid('not-adopted');
      const granted = (held.get(outcome.proposal)?.entry as ProposalEntry).effects.spend;
      if (
        granted?.account !== entry.account ||
        granted.to !== entry.to ||
        granted.amount !== entry.amount
      )
        return invalid('not-approved');
      return decision;
    }
    let approvals = 0;
    for (const did of record.approvers ?? []) if (account.stewards.includes(did)) approvals++;
    return approvals >= account.threshold ? record : invalid('not-approved');
  }

  function evaluateSpend(record: Held, entry: SpendEntry, balance: number): Evaluation {
    const accountRecord = referenced(entry.account, 'account');
    if (isEvaluation(accountRecord)) return accountRecord;
    const account = accountRecord.entry as AccountEntry;
    // The account's own chain, as a feed's: each spend builds on the one before.
    let available = 0;
    let previousRules: string | null = null;
    if (entry.accountPrev !== null) {
      const previous = referenced(entry.accountPrev, 'spend');
      if (isEvaluation(previous)) return previous;
      const before = previous.entry as SpendEntry;
      if (before.account !== entry.account || before.accountSeq !== entry.accountSeq - 1)
        return invalid('bad-account-prev');
      available = previous.available;
      previousRules = before.rules;
    }
    if (entry.to === entry.account) return invalid('self-pay');
    if (isDidKey(entry.to)) {
      if (!members.has(entry.to)) return { kind: 'wait-member', did: entry.to };
    } else {
      const payee = referenced(entry.to, 'account');
      if (isEvaluation(payee)) return payee;
    }
    const rules = rulesOf(entry, account, previousRules);
    if (isEvaluation(rules)) return rules;
    const authority = authorises(record, entry, rules);
    if (isEvaluation(authority)) return authority;
    for (const id of entry.receipts) {
      const receipt = referenced(id, 'contribute', 'spend');
      if (isEvaluation(receipt)) return receipt;
      const taken = receipt.entry as ContributeEntry | SpendEntry;
      const into = taken.type === 'contribute' ? taken.account : taken.to;
      if (into !== entry.account) return invalid('bad-reference');
      for (const earlier of receiptsTaken.get(id) ?? []) {
        if (isAccountAncestor(earlier, record)) return invalid('double-receipt');
      }
      available += taken.amount;
    }
    available -= entry.amount;
    if (available < 0) return invalid('overdrawn');
    return { kind: 'valid', balance, available };
  }

  /** The credit limit in force after a feed's entry (the genesis's before any). */
  function limitAfter(record: Held | undefined): number {
    return record?.limit ?? (genesisEntry as GenesisEntry).creditLimit;
  }

  /**
   * A held, valid entry of one of `types` named by `id`, or what to do instead: wait for it
   * (not held, or pending), or say the reference is bad (invalid, or another type).
   */
  function referenced(id: string, ...types: Entry['type'][]): Held | Evaluation {
    const target = held.get(id);
    if (target === undefined || target.state === PENDING) return waitId(id, 'missing-reference');
    if (target.state === INVALID || target.entry === null || !types.includes(target.entry.type))
      return invalid('bad-reference');
    return target;
  }

  /** Whether a lookup gave what to do instead (an evaluation) rather than what it looked for. */
  const isEvaluation = <T extends object>(value: T | Evaluation): value is Evaluation =>
    'kind' in value;

  function evaluateProposal(entry: ProposalEntry, balance: number): Evaluation {
    if (entry.amends !== null) {
      const amended = referenced(entry.amends, 'proposal');
      if (isEvaluation(amended)) return amended;
    }
    const { memberLimit, revokes, removeMember } = entry.effects;
    if (revokes !== undefined) {
      const revoked = referenced(revokes, 'outcome');
      if (isEvaluation(revoked)) return revoked;
    }
    for (const did of [memberLimit?.member, removeMember]) {
      if (did !== undefined && !members.has(did)) return { kind: 'wait-member', did };
    }
    const { accountRules } = entry.effects;
    if (accountRules !== undefined) {
      const account = referenced(accountRules.account, 'account');
      if (isEvaluation(account)) return account;
      for (const did of accountRules.stewards) {
        if (!members.has(did)) return { kind: 'wait-member', did };
      }
    }
    return { kind: 'valid', balance };
  }

  function evaluateBallot(entry: BallotEntry, balance: number): Evaluation {
    const proposal = referenced(entry.proposal, 'proposal');
    if (isEvaluation(proposal)) return proposal;
    return { kind: 'valid', balance };
  }

  function evaluateProxy(entry: ProxyEntry, balance: number): Evaluation {
    if (entry.to !== null && !members.has(entry.to)) return { kind: 'wait-member', did: entry.to };
    return { kind: 'valid', balance };
  }

  function evaluateOutcome(entry: OutcomeEntry, balance: number): Evaluation {
    const proposal = referenced(entry.proposal, 'proposal');
    if (isEvaluation(proposal)) return proposal;
    const ballots: BallotEntry[] = [];
    for (const id of entry.ballots) {
      const ballot = referenced(id, 'ballot');
      if (isEvaluation(ballot)) return ballot;
      ballots.push(ballot.entry as BallotEntry);
    }
    const proxies: { id: string; entry: ProxyEntry }[] = [];
    for (const id of entry.proxies) {
      const proxy = referenced(id, 'proxy');
      if (isEvaluation(proxy)) return proxy;
      proxies.push({ id, entry: proxy.entry as ProxyEntry });
    }
    const problem = recountOutcome({
      outcome: entry,
      proposal: proposal.entry as ProposalEntry,
      proposalId: proposal.id,
      ballots: entry.ballots.map((id, index) => ({ id, entry: ballots[index] as BallotEntry })),
      proxies,
      members: new Set(members.keys()),
    });
    if (problem !== null) return invalid(problem);
    return { kind: 'valid', balance };
  }

  function evaluateLimit(entry: LimitEntry, balance: number): Evaluation {
    const decision = referenced(entry.decision, 'outcome');
    if (isEvaluation(decision)) return decision;
    const outcome = decision.entry as OutcomeEntry;
    if (outcome.result !== 'adopted') return invalid('not-adopted');
    const { effects } = held.get(outcome.proposal)?.entry as ProposalEntry;
    const set =
      effects.memberLimit?.member === entry.author
        ? effects.memberLimit.limit
        : effects.defaultLimit;
    if (set !== entry.limit) return invalid('bad-limit');
    return { kind: 'valid', balance, limit: { value: entry.limit, decision: decision.id } };
  }

  function evaluateJoin(record: Held, entry: JoinEntry): Evaluation {
    const invite = held.get(entry.invite);
    if (invite === undefined) return waitId(entry.invite, 'missing-invite');
    if (invite.state === PENDING) return waitId(entry.invite, 'missing-invite');
    if (invite.state === INVALID || invite.entry?.type !== 'invite')
      return invalid('bad-reference');
    if (record.proof !== true) return invalid('bad-proof');
    if (inviteHolder(entry.invite) !== record) return invalid('invite-used');
    return { kind: 'valid', balance: 0 };
  }

  function evaluatePay(entry: PayEntry, previousBalance: number, limit: number): Evaluation {
    if (!members.has(entry.to)) return { kind: 'wait-member', did: entry.to };
    if (entry.to === entry.author) return invalid('self-pay');
    const balance = previousBalance - entry.amount;
    if (entry.balance !== balance) return invalid('bad-balance');
    if (balance < -limit) return invalid('over-limit');
    return { kind: 'valid', balance };
  }

  function evaluateAccept(record: Held, entry: AcceptEntry, previousBalance: number): Evaluation {
    const pay = held.get(entry.pay);
    if (pay === undefined) return waitId(entry.pay, 'missing-pay');
    if (pay.state === PENDING) return waitId(entry.pay, 'missing-pay');
    // A payment, or a collective account's spend to a member (acct/1).
    if (pay.state === INVALID || (pay.entry?.type !== 'pay' && pay.entry?.type !== 'spend'))
      return invalid('bad-reference');
    if (pay.entry.to !== entry.author) return invalid('not-payee');
    for (const earlier of validAccepts.get(entry.author + ' ' + entry.pay) ?? []) {
      if (isAncestor(earlier, record)) return invalid('double-accept');
    }
    const balance = previousBalance + pay.entry.amount;
    if (entry.balance !== balance) return invalid('bad-balance');
    return { kind: 'valid', balance };
  }

  /** Records an entry's new verdict and what follows from it. */
  function establish(record: Held, evaluation: Evaluation): void {
    switch (evaluation.kind) {
      case 'wait':
        wait('i:' + evaluation.id, record.id);
        return;
      case 'wait-member':
        wait('m:' + evaluation.did, record.id);
        return;
      case 'invalid':
        record.state = INVALID;
        record.reason = evaluation.reason;
        wake('i:' + record.id);
        return;
      case 'valid': {
        record.state = VALID;
        record.balance = evaluation.balance;
        // The credit limit goes on along the feed, changed only by a `limit` entry.
        const entry = record.entry as Entry;
        const previous = entry.prev === null ? undefined : held.get(entry.prev);
        record.limit = evaluation.limit?.value ?? previous?.limit ?? null;
        record.limitDecision = evaluation.limit?.decision ?? previous?.limitDecision ?? null;
        record.available = evaluation.available ?? 0;
        onValid(record, entry);
        wake('i:' + record.id);
        return;
      }
    }
  }

  function onValid(record: Held, entry: Entry): void {
    const head = heads.get(entry.author);
    const headEntry = head?.entry;
    if (
      headEntry == null ||
      entry.seq > headEntry.seq ||
      (entry.seq === headEntry.seq && record.id < (head as Held).id)
    ) {
      heads.set(entry.author, record);
    }
    switch (entry.type) {
      case 'genesis':
        genesisEntry = entry;
        addMember({
          did: entry.author,
          name: null,
          invitedBy: null,
          since: entry.ts,
          entry: record.id,
        });
        break;
      case 'join': {
        const invite = held.get(entry.invite)?.entry as Entry;
        addMember({
          did: entry.author,
          name: entry.name,
          invitedBy: invite.author,
          since: entry.ts,
          entry: record.id,
        });
        break;
      }
      case 'pay':
        credit(entry.author, -BigInt(entry.amount));
        unaccepted.add(record.id);
        break;
      case 'accept': {
        const key = entry.author + ' ' + entry.pay;
        const list = validAccepts.get(key);
        if (list === undefined) validAccepts.set(key, [record]);
        else list.push(record);
        let received = acceptedBy.get(entry.author);
        if (received === undefined) acceptedBy.set(entry.author, (received = new Set()));
        // A pay accepted on two branches of a fork counts once.
        if (!received.has(entry.pay)) {
          received.add(entry.pay);
          credit(entry.author, BigInt((held.get(entry.pay)?.entry as PayEntry).amount));
        }
        unaccepted.delete(entry.pay);
        break;
      }
      case 'invite':
        break;
      case 'contribute':
        credit(entry.author, -BigInt(entry.amount));
        credit(entry.account, BigInt(entry.amount));
        indexExtension(record, entry);
        break;
      case 'spend': {
        credit(entry.account, -BigInt(entry.amount));
        // To a member: counted once they accept it, like a payment; to an account: at once.
        if (isDidKey(entry.to)) unaccepted.add(record.id);
        else credit(entry.to, BigInt(entry.amount));
        for (const id of entry.receipts) {
          const list = receiptsTaken.get(id);
          if (list === undefined) receiptsTaken.set(id, [record]);
          else list.push(record);
        }
        const head = accountHeads.get(entry.account);
        const headEntry = head?.entry as SpendEntry | undefined;
        if (
          headEntry === undefined ||
          entry.accountSeq > headEntry.accountSeq ||
          (entry.accountSeq === headEntry.accountSeq && record.id < (head as Held).id)
        )
          accountHeads.set(entry.account, record);
        indexExtension(record, entry);
        break;
      }
      default:
        indexExtension(record, entry);
        break;
    }
  }

  /** Keeps a valid extension entry in the index {@link Ledger.validGovernance} reads. */
  function indexExtension(record: Held, entry: ExtensionEntry): void {
    let byId = governance.get(entry.type);
    if (byId === undefined) governance.set(entry.type, (byId = new Map()));
    byId.set(record.id, entry);
  }

  function addMember(info: MemberInfo): void {
    const known = members.get(info.did);
    if (known === undefined) {
      members.set(info.did, info);
      wake('m:' + info.did);
    } else if (known.invitedBy !== null && info.invitedBy !== null && info.entry < known.entry) {
      // Someone with two valid joins (a fork at seq 1): describe them by the smallest id, so
      // what the directory shows does not depend on arrival order.
      members.set(info.did, info);
    }
  }

  function credit(did: string, amount: bigint): void {
    balances.set(did, (balances.get(did) ?? 0n) + amount);
  }

  function runQueue(): void {
    // First in, first out: a batch usually arrives in feed order, so each entry then finds what
    // it depends on already established instead of parking and being woken again.
    for (let next = 0; next < queue.length; next++) {
      const record = queue[next] as Held;
      if (record.state !== PENDING) continue;
      establish(record, evaluate(record));
    }
    queue = [];
  }

  /** Forgets every derived verdict and computes them again from the held items. */
  function reevaluateAll(): void {
    genesisEntry = undefined;
    members = new Map();
    balances = new Map();
    acceptedBy = new Map();
    unaccepted = new Set();
    validAccepts = new Map();
    heads = new Map();
    governance = new Map();
    receiptsTaken = new Map();
    accountHeads = new Map();
    waiters.clear();
    queue = [];
    for (const record of held.values()) {
      if (record.stageReason !== null) continue;
      record.state = PENDING;
      record.reason = null;
      queue.push(record);
    }
    runQueue();
  }

  /** Takes one item: hash, shape, cooperative. Returns the new record, or null for a duplicate. */
  function ingest(item: unknown): { record: Held; message: Uint8Array | null } | null {
    let canonical: string;
    try {
      canonical = canonicalJson(item);
    } catch (error) {
      // Deeper than the call stack, or not JSON at all (undefined, a function, a BigInt).
      throw new UnusableItemError(
        error instanceof RangeError ? 'the item nests too deeply' : 'the item is not a JSON value',
      );
    }
    if (typeof canonical !== 'string') throw new UnusableItemError('the item is not a JSON value');
    const id = hash(utf8(canonical));
    if (held.has(id)) return null;

    const entry = checkShape(item, shapeOptions);
    if (entry !== null && isGovernanceType(entry.type)) governanceHeld++;
    if (entry !== null && isAccountsType(entry.type)) accountsHeld++;
    const record: Held = {
      id,
      item,
      entry,
      stageReason: null,
      proof: undefined,
      state: PENDING,
      reason: null,
      balance: 0,
      limit: null,
      limitDecision: null,
      available: 0,
      approvers: undefined,
    };
    let message: Uint8Array | null = null;
    if (entry === null) {
      record.stageReason = 'malformed';
    } else if (entry.type === 'genesis' ? id !== coop : entry.coop !== coop) {
      record.stageReason = 'wrong-coop';
    } else {
      message = utf8(SIGNING_PREFIX + canonicalWithoutSig(canonical, entry));
    }
    held.set(id, record);
    if (entry?.type === 'join') {
      const list = joinsByInvite.get(entry.invite);
      if (list === undefined) joinsByInvite.set(entry.invite, [record]);
      else list.push(record);
    }
    return { record, message };
  }

  /** Runs verifications, collecting the asynchronous ones so they proceed together. */
  async function verifyAll(
    checks: {
      publicKey: Uint8Array | null;
      message: Uint8Array;
      signature: Uint8Array | null;
      done: (ok: boolean) => void;
    }[],
  ): Promise<void> {
    const pending: Promise<void>[] = [];
    for (const check of checks) {
      if (check.publicKey === null || check.signature === null) {
        check.done(false);
        continue;
      }
      const result = verifier.verify(check.publicKey, check.message, check.signature);
      if (typeof result === 'boolean') check.done(result);
      else pending.push(result.then(check.done));
    }
    await Promise.all(pending);
  }

  async function addBatch(items: readonly unknown[]): Promise<AddResult> {
    const added: string[] = [];
    const unusable: { index: number; error: UnusableItemError }[] = [];
    const fresh: Held[] = [];
    const signatureChecks: Parameters<typeof verifyAll>[0] = [];
    let duplicates = 0;

    items.forEach((item, index) => {
      let taken: ReturnType<typeof ingest>;
      try {
        taken = ingest(item);
      } catch (error) {
        unusable.push({ index, error: error as UnusableItemError });
        return;
      }
      if (taken === null) {
        duplicates++;
        return;
      }
      const { record, message } = taken;
      added.push(record.id);
      fresh.push(record);
      if (message !== null) {
        const entry = record.entry as Entry;
        signatureChecks.push({
          publicKey: publicKey(entry.author),
          message,
          signature: decodeSignatureText(entry.sig),
          done: (ok) => {
            if (!ok) record.stageReason = 'bad-signature';
          },
        });
      }
    });

    // Check 3, every new signature once.
    await verifyAll(signatureChecks);

    // Join proofs, for every join whose invite is now held as a well-formed invite of this
    // cooperative. Proofs are signatures too, so they are checked here, before the synchronous
    // evaluation, and the verdict is kept.
    const proofChecks: Parameters<typeof verifyAll>[0] = [];
    const needsProof = new Set<Held>();
    for (const record of fresh) {
      const entry = record.entry;
      if (entry?.type === 'join') needsProof.add(record);
      if (entry?.type === 'invite')
        for (const join of joinsByInvite.get(record.id) ?? []) needsProof.add(join);
    }
    for (const join of needsProof) {
      if (join.proof !== undefined || join.stageReason !== null) continue;
      const entry = join.entry as JoinEntry;
      const invite = held.get(entry.invite);
      if (invite?.entry?.type !== 'invite' || invite.stageReason !== null) continue;
      proofChecks.push({
        publicKey: publicKey(invite.entry.invitee),
        message: joinProofMessage(coop, entry.author),
        signature: decodeSignatureText(entry.proof),
        done: (ok) => {
          join.proof = ok;
        },
      });
    }
    await verifyAll(proofChecks);

    // Spend approvals: each steward's signature over the spend's own fields, checked once.
    const approvalChecks: Parameters<typeof verifyAll>[0] = [];
    for (const record of fresh) {
      if (record.entry?.type !== 'spend' || record.stageReason !== null) continue;
      const spend = record.entry;
      const message = spendApprovalMessage(spend);
      const approvers = new Set<string>();
      record.approvers = approvers;
      for (const [did, signature] of Object.entries(spend.approvals)) {
        approvalChecks.push({
          publicKey: publicKey(did),
          message,
          signature: decodeSignatureText(signature),
          done: (ok) => {
            if (ok) approvers.add(did);
          },
        });
      }
    }
    await verifyAll(approvalChecks);

    // A valid proof for an invite already held by a larger id takes the invite away from it.
    const takesInvite = fresh.some((record) => {
      if (record.entry?.type !== 'join' || record.stageReason !== null || record.proof !== true)
        return false;
      const holder = (joinsByInvite.get(record.entry.invite) ?? []).find(
        (join) => join.state === VALID,
      );
      return holder !== undefined && holder.id > record.id;
    });
    if (takesInvite) {
      for (const record of fresh) {
        if (record.stageReason !== null) {
          record.state = INVALID;
          record.reason = record.stageReason;
        }
      }
      reevaluateAll();
    } else {
      for (const record of fresh) {
        if (record.stageReason !== null) {
          establish(record, invalid(record.stageReason));
        } else {
          queue.push(record);
        }
        // Whoever waited for this id to be held looks again (it may be invalid, or pending).
        wake('i:' + record.id);
      }
      runQueue();
    }
    if (added.length > 0) version++;
    return { added, duplicates, unusable };
  }

  function pendingReason(record: Held): PendingReason {
    let current = record;
    // Ids are hashes of content, so a chain of id references cannot loop; membership waits end
    // the walk. The bound is only a guard.
    for (let steps = 0; steps <= held.size; steps++) {
      const evaluation = evaluate(current);
      if (evaluation.kind === 'wait-member') return 'missing-member';
      if (evaluation.kind !== 'wait') break;
      const next = held.get(evaluation.id);
      if (next === undefined) return evaluation.missing;
      current = next;
    }
    return 'missing-member';
  }

  function statusOf(record: Held): EntryStatus {
    if (record.state === VALID) return { state: 'valid', balance: record.balance };
    if (record.state === INVALID)
      return { state: 'invalid', reason: record.reason as InvalidReason };
    return { state: 'pending', reason: pendingReason(record) };
  }

  function balanceOf(did: string): number {
    return Number(balances.get(did) ?? 0n);
  }

  /** Bumped whenever a batch adds something: the report is computed once per version. */
  let version = 0;
  let cachedReport: { readonly version: number; readonly report: VerificationReport } | undefined;

  function report(): VerificationReport {
    if (cachedReport?.version !== version) cachedReport = { version, report: computeReport() };
    return cachedReport.report;
  }

  function computeReport(): VerificationReport {
    const invalidList: ReportedEntry<InvalidReason>[] = [];
    const pendingList: ReportedEntry<PendingReason>[] = [];
    let valid = 0;
    const seats = new Map<string, Map<number, string[]>>();
    for (const record of held.values()) {
      if (record.state === VALID) valid++;
      else {
        const row = { id: record.id, author: authorOf(record.item), seq: seqOf(record.item) };
        if (record.state === INVALID)
          invalidList.push({ ...row, reason: record.reason as InvalidReason });
        else pendingList.push({ ...row, reason: pendingReason(record) });
      }
      if (record.stageReason === null && record.entry !== null) {
        const { author, seq } = record.entry;
        let byAuthor = seats.get(author);
        if (byAuthor === undefined) seats.set(author, (byAuthor = new Map()));
        const ids = byAuthor.get(seq);
        if (ids === undefined) byAuthor.set(seq, [record.id]);
        else ids.push(record.id);
      }
    }
    const forks: ReportedFork[] = [];
    for (const [author, byAuthor] of seats) {
      for (const [seq, ids] of byAuthor) {
        if (ids.length > 1) forks.push({ author, seq, ids: [...ids].sort(compareCodeUnits) });
      }
    }
    forks.sort((a, b) => compareCodeUnits(a.author, b.author) || a.seq - b.seq);
    const byId = (a: { id: string }, b: { id: string }) => compareCodeUnits(a.id, b.id);

    const memberDids = [...members.keys()].sort(compareCodeUnits);
    const balanceTable: Record<string, number> = {};
    const overLimit: OverLimitAccount[] = [];
    for (const did of memberDids) {
      const balance = balanceOf(did);
      balanceTable[did] = balance;
      if (balance < -limitOf(did).limit) overLimit.push({ account: did, balance });
    }
    const core = {
      coop,
      entries: held.size,
      valid,
      invalid: invalidList.sort(byId),
      pending: pendingList.sort(byId),
      forks,
      members: memberDids,
      balances: balanceTable,
      unaccepted: [...unaccepted].sort(compareCodeUnits),
      overLimit,
    };
    // The extensions' parts, only where their entries are held: a ledger of format v1 alone
    // reports exactly what the spec says.
    let report: VerificationReport = core;
    if (governanceHeld > 0) {
      const limits: Record<string, LimitInForce> = {};
      for (const did of memberDids) limits[did] = limitOf(did);
      const decisions = decisionRows(governanceView(), new Set(members.keys()));
      report = { ...report, decisions, limits };
    }
    if (accountsHeld > 0) {
      const view: AccountView = {
        accounts: () => governanceView().validOfType('account'),
        rulesOf: (id) => accountRules(id),
        balanceOf,
        validSpends: () => governanceView().validOfType('spend'),
      };
      report = { ...report, accounts: accountRows(view), accountForks: accountForks(view) };
    }
    return report;
  }

  function accountRules(account: string): AccountRulesInForce | undefined {
    const entry = held.get(account);
    if (entry?.state !== VALID || entry.entry?.type !== 'account') return undefined;
    const head = accountHeads.get(account)?.entry as SpendEntry | undefined;
    const decision = head?.rules ?? null;
    if (decision !== null) {
      const outcome = held.get(decision)?.entry as OutcomeEntry;
      const rules = (held.get(outcome.proposal)?.entry as ProposalEntry).effects.accountRules;
      if (rules !== undefined)
        return { stewards: rules.stewards, threshold: rules.threshold, decision };
    }
    return { stewards: entry.entry.stewards, threshold: entry.entry.threshold, decision: null };
  }

  function limitOf(did: string): LimitInForce {
    const head = heads.get(did);
    const genesisLimit = genesisEntry?.creditLimit ?? 0;
    return head?.limit == null
      ? { limit: genesisLimit, decision: null }
      : { limit: head.limit, decision: head.limitDecision };
  }

  /** What the governance rules read of the ledger: valid entries by id. */
  function governanceView(): GovernanceView {
    return {
      valid(id) {
        const record = held.get(id);
        return record?.state === VALID ? (record.entry ?? undefined) : undefined;
      },
      *validOfType(type) {
        for (const record of held.values()) {
          if (record.state === VALID && record.entry?.type === type)
            yield { id: record.id, entry: record.entry as Extract<Entry, { type: typeof type }> };
        }
      },
    };
  }

  return {
    coop,
    add(items) {
      const run = serial.then(() => addBatch(items));
      serial = run.catch(() => undefined);
      return run;
    },
    has: (id) => held.has(id),
    get: (id) => held.get(id)?.item,
    items: () => [...held.values()].map((record) => record.item),
    status(id) {
      const record = held.get(id);
      return record === undefined ? undefined : statusOf(record);
    },
    genesis: () => genesisEntry,
    currency: () => genesisEntry?.currency,
    creditLimit: () => genesisEntry?.creditLimit,
    limitOf,
    isMember: (did) => members.has(did),
    member: (did) => members.get(did),
    members: () => [...members.values()].sort((a, b) => compareCodeUnits(a.did, b.did)),
    balanceOf,
    feedHead(did) {
      const head = heads.get(did);
      return head === undefined
        ? undefined
        : {
            id: head.id,
            seq: (head.entry as Entry).seq,
            balance: head.balance,
            limit: head.limit ?? genesisEntry?.creditLimit ?? 0,
            limitDecision: head.limitDecision,
          };
    },
    unacceptedPaysTo(did) {
      const pays: (PayEntry | SpendEntry)[] = [];
      for (const id of unaccepted) {
        const entry = held.get(id)?.entry as PayEntry | SpendEntry;
        if (entry.to === did) pays.push(entry);
      }
      return pays;
    },
    accountAvailable(account) {
      return accountHeads.get(account)?.available ?? 0;
    },
    untakenReceipts(account) {
      const taken = new Set<string>();
      let current = accountHeads.get(account);
      while (current?.entry?.type === 'spend') {
        for (const id of current.entry.receipts) taken.add(id);
        current = held.get(current.entry.accountPrev ?? '');
      }
      const receipts: string[] = [];
      for (const [id, entry] of governance.get('contribute') ?? []) {
        if (entry.type === 'contribute' && entry.account === account && !taken.has(id))
          receipts.push(id);
      }
      for (const [id, entry] of governance.get('spend') ?? []) {
        if (entry.type === 'spend' && entry.to === account && !taken.has(id)) receipts.push(id);
      }
      return receipts.sort(compareCodeUnits);
    },
    accountRules,
    accountHead(account) {
      const head = accountHeads.get(account);
      return head === undefined
        ? undefined
        : { id: head.id, accountSeq: (head.entry as SpendEntry).accountSeq };
    },
    report,
    version: () => version,
    validGovernance<T extends ExtensionEntry['type']>(type: T) {
      return [...(governance.get(type) ?? new Map<string, ExtensionEntry>())].map(
        ([id, entry]) => ({ id, entry: entry as Extract<ExtensionEntry, { type: T }> }),
      );
    },
  };
}
