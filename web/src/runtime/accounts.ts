import type { DocHandle } from '@automerge/automerge-repo/slim';
import {
  ACCOUNT_KINDS,
  codePointLength,
  entryId,
  formatTimestamp,
  type Ledger,
} from '@integrale/ledger';
import {
  budgetDraftProblem,
  budgetMemo,
  createBudget,
  createBudgetBook,
  writeBudget,
  type BudgetRecord,
  type BudgetsDoc,
  type CooperativePeer,
  type RecordBook,
  type SpendRequestView,
} from '@integrale/peer';
import type {
  AccountForkView,
  AccountView,
  AccountsProblem,
  AccountsResult,
  AccountsRuntime,
  AccountsSnapshot,
  BudgetInput,
  BudgetView,
  OpenAccountInput,
  SpendInput,
  SpendRequestSummary,
} from '../app/runtime-accounts.js';
import { newestFirst, type AccountMovement } from '../budgets/movements.js';
import type { AccountsCall } from './accounts-calls.js';
import { followShownPeer, type Following, type SigningPartInit } from './signing-part.js';

/*
 * The browser runtime's part for collective accounts, spend requests and budgets, over the peer
 * whose data the screens show. Signing follows the payments' path: only the leader tab signs, in
 * turn with every other entry of the member's feed (`sign`); a follower tab hands the action to
 * the leader (`callLeader`). Every action is checked first against the ledger's rules, so a
 * member gets a reason, never an entry the ledger would leave invalid or pending.
 *
 * Spend requests and budgets are signed records of the root document, verified asynchronously
 * (signature checks may be); what the screens read is the last verified set, read again when the
 * root document or the ledger changes.
 */

/** What this part needs from the runtime around it (see signing-part.ts). */
export type AccountsSideInit = SigningPartInit<AccountsCall, AccountsResult>;

/** The accounts part, with what the leader runs for a follower tab. */
export interface AccountsSide extends AccountsRuntime {
  /** Leader: carries out an action (its own member's, or a follower tab's). */
  here(call: AccountsCall): Promise<AccountsResult>;
  stop(): void;
}

/** Most characters in a memo (the ledger's bound). */
const MAX_MEMO = 280;
const MAX_NAME = 80;
const MAX_STEWARDS = 50;

const EMPTY: AccountsSnapshot = { accounts: [], spendRequests: [], budgets: [], movements: [] };

const fail = (reason: AccountsProblem): AccountsResult => ({ ok: false, reason });

const isAmount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= 1e12;

const isText = (value: unknown, min: number, max: number): value is string =>
  typeof value === 'string' && codePointLength(value) >= min && codePointLength(value) <= max;

/** Every valid movement of every collective account, newest first. */
export function accountMovements(ledger: Ledger): AccountMovement[] {
  const movements: AccountMovement[] = [];
  const accounts = new Set(ledger.validGovernance('account').map(({ id }) => id));
  for (const { id, entry } of ledger.validGovernance('contribute')) {
    movements.push({
      id,
      account: entry.account,
      kind: 'contribution',
      direction: 'in',
      counterparty: entry.author,
      amount: entry.amount,
      memo: entry.memo,
      ts: entry.ts,
      decision: null,
      author: entry.author,
    });
  }
  for (const { id, entry } of ledger.validGovernance('spend')) {
    const common = {
      id,
      kind: 'spend' as const,
      amount: entry.amount,
      memo: entry.memo,
      ts: entry.ts,
      decision: entry.decision,
      author: entry.author,
    };
    movements.push({ ...common, account: entry.account, direction: 'out', counterparty: entry.to });
    if (accounts.has(entry.to)) {
      movements.push({
        ...common,
        account: entry.to,
        direction: 'in',
        counterparty: entry.account,
      });
    }
  }
  return movements.sort(newestFirst);
}

/** Two or more valid spends at one place of each account's chain. */
function accountForks(ledger: Ledger): Map<string, AccountForkView[]> {
  const seats = new Map<string, Map<number, string[]>>();
  for (const { id, entry } of ledger.validGovernance('spend')) {
    const chain = seats.get(entry.account) ?? new Map<number, string[]>();
    seats.set(entry.account, chain);
    chain.set(entry.accountSeq, [...(chain.get(entry.accountSeq) ?? []), id]);
  }
  const forks = new Map<string, AccountForkView[]>();
  for (const [account, chain] of seats) {
    const list = [...chain]
      .filter(([, ids]) => ids.length > 1)
      .map(([accountSeq, ids]) => ({ accountSeq, ids: ids.sort() }))
      .sort((a, b) => a.accountSeq - b.accountSeq);
    if (list.length > 0) forks.set(account, list);
  }
  return forks;
}

/**
 * What an account's next spend may take: what its chain has left, plus the contributions and
 * spends to it that its chain has not taken in yet (the next spend lists them as receipts).
 */
export function spendable(ledger: Ledger, account: string): number {
  const untaken = new Set(ledger.untakenReceipts(account));
  let total = ledger.accountAvailable(account);
  if (untaken.size === 0) return total;
  for (const { id, entry } of ledger.validGovernance('contribute'))
    if (untaken.has(id)) total += entry.amount;
  for (const { id, entry } of ledger.validGovernance('spend'))
    if (untaken.has(id)) total += entry.amount;
  return total;
}

/** Every valid account as the screens show it, by name. */
export function accountViews(ledger: Ledger, self: string | null): AccountView[] {
  const forks = accountForks(ledger);
  return ledger
    .validGovernance('account')
    .map(({ id, entry }) => {
      // The rules in force: the account entry's, or those a decision set and its chain took up.
      const rules = ledger.accountRules(id) ?? entry;
      return {
        id,
        name: entry.name,
        kind: entry.kind,
        scope: entry.scope,
        stewards: rules.stewards,
        threshold: rules.threshold,
        rules: ledger.accountRules(id)?.decision ?? null,
        balance: ledger.balanceOf(id),
        available: spendable(ledger, id),
        forks: forks.get(id) ?? [],
        steward: self !== null && rules.stewards.includes(self),
        author: entry.author,
        ts: entry.ts,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
}

/**
 * The decisions about budgets: for each budget id, the valid adopted outcome approving it (not
 * revoked by another adopted decision), and the open proposals to approve it.
 */
function budgetDecisions(ledger: Ledger): {
  approved: Map<string, string>;
  proposed: Map<string, string>;
} {
  const proposals = new Map(ledger.validGovernance('proposal').map((p) => [p.id, p.entry]));
  const outcomes = ledger.validGovernance('outcome');
  const closed = new Set(outcomes.map(({ entry }) => entry.proposal));
  const adopted = outcomes.filter(({ entry }) => entry.result === 'adopted');
  const revoked = new Set<string>();
  for (const { entry } of adopted) {
    const revokes = proposals.get(entry.proposal)?.effects.revokes;
    if (revokes !== undefined) revoked.add(revokes);
  }
  const approved = new Map<string, string>();
  for (const { id, entry } of adopted) {
    const budget = proposals.get(entry.proposal)?.effects.approvesBudget;
    if (budget !== undefined && !revoked.has(id) && !approved.has(budget)) approved.set(budget, id);
  }
  const proposed = new Map<string, string>();
  for (const [id, proposal] of proposals) {
    const budget = proposal.effects.approvesBudget;
    if (budget !== undefined && !closed.has(id)) proposed.set(budget, id);
  }
  return { approved, proposed };
}

function requestSummary(view: SpendRequestView, self: string | null): SpendRequestSummary {
  const spend = view.request.spend;
  return {
    id: view.id,
    account: spend.account,
    to: spend.to,
    amount: spend.amount,
    memo: spend.memo,
    by: view.request.by,
    ts: view.request.ts,
    approvedBy: view.approvedBy,
    threshold: view.rules.threshold,
    decision: spend.decision,
    state: view.state,
    entry: view.entry,
    canApprove:
      self !== null &&
      view.state === 'awaiting' &&
      view.rules.stewards.includes(self) &&
      !view.approvedBy.includes(self),
  };
}

/** What the part keeps about the peer it follows. */
interface AccountsState {
  readonly book: RecordBook<BudgetRecord>;
  requests: SpendRequestView[];
  budgets: Map<string, BudgetRecord>;
}
type Attached = AccountsState & Following;

/** Creates the accounts part of a browser runtime. */
export function createAccountsSide(init: AccountsSideInit): AccountsSide {
  let cached: AccountsSnapshot | undefined;
  const unsubscribe = init.subscribe(() => {
    cached = undefined;
  });

  function rootOf(peer: CooperativePeer): DocHandle<BudgetsDoc> {
    return peer.root() as unknown as DocHandle<BudgetsDoc>;
  }

  /** Reads requests and budgets again. */
  async function read(current: Attached): Promise<void> {
    try {
      const requests = await current.peer.spendRequests();
      const budgets = await current.book.read(rootOf(current.peer).doc()?.budgets);
      if (!following.isCurrent(current)) return;
      current.requests = requests;
      current.budgets = budgets;
      cached = undefined;
      init.changed();
    } catch (error) {
      init.log(`could not read spend requests: ${String(error)}`);
    }
  }

  /** Follows the shown peer (a new session brings a new peer). */
  const following = followShownPeer<AccountsState>({
    peer: init.peer,
    verifier: init.verifier,
    make: (peer, verifier) => ({
      book: createBudgetBook({ coop: peer.coop, verifier }),
      requests: [],
      budgets: new Map(),
    }),
    read,
    // A request turns ready or stale with what the ledger holds, not only with the root.
    onLedger: true,
  });
  const current = (): Attached | null => following.current();

  function build(here: Attached): AccountsSnapshot {
    const ledger = here.peer.ledger;
    const self = init.member()?.did ?? null;
    const { approved, proposed } = budgetDecisions(ledger);
    const budgets: BudgetView[] = [...here.budgets]
      .map(([id, record]) => ({
        id,
        account: record.account,
        title: record.title,
        from: record.from,
        to: record.to,
        lines: record.lines,
        author: record.author,
        ts: record.ts,
        approvedBy: approved.get(id) ?? null,
        proposedIn: proposed.get(id) ?? null,
      }))
      .filter((budget) => ledger.isMember(budget.author))
      .sort((a, b) => (a.ts !== b.ts ? (a.ts < b.ts ? 1 : -1) : a.id < b.id ? -1 : 1));
    return {
      accounts: accountViews(ledger, self),
      spendRequests: here.requests.map((view) => requestSummary(view, self)),
      budgets,
      movements: accountMovements(ledger),
    };
  }

  function snapshot(): AccountsSnapshot {
    const here = current();
    if (here === null) return EMPTY;
    cached ??= build(here);
    return cached;
  }

  function accountOf(ledger: Ledger, id: unknown) {
    if (typeof id !== 'string') return undefined;
    return ledger.validGovernance('account').find((account) => account.id === id)?.entry;
  }

  // ---- checks, as the ledger would judge the entry -----------------------------------------

  function openProblem(
    ledger: Ledger,
    self: string,
    input: OpenAccountInput,
  ): AccountsProblem | null {
    if (!isText(input.name?.trim?.(), 1, MAX_NAME)) return 'invalid-name';
    if (!isText(input.scope?.trim?.(), 1, MAX_NAME)) return 'invalid-scope';
    if (!(ACCOUNT_KINDS as readonly unknown[]).includes(input.kind)) return 'invalid-name';
    const stewards = input.stewards;
    if (!Array.isArray(stewards) || stewards.length < 1 || stewards.length > MAX_STEWARDS)
      return 'invalid-stewards';
    if (new Set(stewards).size !== stewards.length || !stewards.includes(self))
      return 'invalid-stewards';
    if (!stewards.every((did) => typeof did === 'string' && ledger.isMember(did)))
      return 'invalid-stewards';
    const threshold = input.threshold;
    if (!Number.isSafeInteger(threshold) || threshold < 1 || threshold > stewards.length)
      return 'invalid-threshold';
    return null;
  }

  function spendProblem(here: Attached, input: SpendInput): AccountsProblem | null {
    const ledger = here.peer.ledger;
    if (accountOf(ledger, input.account) === undefined) return 'unknown-account';
    if (input.to === input.account) return 'self-pay';
    const toAccount = accountOf(ledger, input.to) !== undefined;
    if (typeof input.to !== 'string' || (!toAccount && !ledger.isMember(input.to)))
      return 'unknown-payee';
    if (!isAmount(input.amount)) return 'invalid-amount';
    if (typeof input.memo !== 'string') return 'memo-too-long';
    if (input.budgetLine !== null) {
      const { budget, line } = input.budgetLine ?? {};
      const record = typeof budget === 'string' ? here.budgets.get(budget) : undefined;
      if (record?.account !== input.account || !record.lines.some((l) => l.id === line))
        return 'unknown-budget-line';
    }
    if (codePointLength(memoOf(input)) > MAX_MEMO) return 'memo-too-long';
    if (input.amount > spendable(ledger, input.account)) return 'insufficient-funds';
    return null;
  }

  function memoOf(input: SpendInput): string {
    if (input.budgetLine === null) return input.memo;
    // The marker is never cut; the member's words would be, past 280 characters — refused
    // earlier by the length check of the words themselves.
    return budgetMemo(input.memo, input.budgetLine.budget, input.budgetLine.line, 10_000);
  }

  // ---- actions ------------------------------------------------------------------------------

  async function act(call: AccountsCall): Promise<AccountsResult> {
    const here = current();
    const member = init.member();
    if (!init.ready() || here === null || member === null) return fail('not-ready');
    const ledger = here.peer.ledger;
    const self = member.did;
    if (!ledger.isMember(self) || ledger.feedHead(self) === undefined) return fail('not-member');
    const peer = here.peer;
    switch (call.kind) {
      case 'open': {
        const problem = openProblem(ledger, self, call.input);
        if (problem !== null) return fail(problem);
        const entry = await init.sign(peer, () =>
          peer.openAccount({
            name: call.input.name.trim(),
            kind: call.input.kind,
            scope: call.input.scope.trim(),
            stewards: [...call.input.stewards].sort(),
            threshold: call.input.threshold,
          }),
        );
        return { ok: true, id: entryId(entry) };
      }
      case 'contribute': {
        if (accountOf(ledger, call.account) === undefined) return fail('unknown-account');
        if (!isAmount(call.amount)) return fail('invalid-amount');
        if (!isText(call.memo, 0, MAX_MEMO)) return fail('memo-too-long');
        return init.sign(peer, async (): Promise<AccountsResult> => {
          const head = ledger.feedHead(self);
          if (head === undefined) return fail('not-member');
          if (head.balance - call.amount < -head.limit) return fail('over-limit');
          const entry = await peer.contribute(call.account, call.amount, call.memo);
          return { ok: true, id: entryId(entry) };
        });
      }
      case 'request-spend': {
        await here.reread();
        const problem = spendProblem(here, call.input);
        if (problem !== null) return fail(problem);
        const id = await init.sign(peer, () =>
          peer.requestSpend({
            account: call.input.account,
            to: call.input.to,
            amount: call.input.amount,
            memo: memoOf(call.input),
          }),
        );
        await here.reread();
        return { ok: true, id };
      }
      case 'approve': {
        await here.reread();
        const view = here.requests.find((request) => request.id === call.request);
        if (view === undefined) return fail('not-awaiting');
        if (!view.rules.stewards.includes(self)) return fail('not-steward');
        if (view.state !== 'awaiting' || view.approvedBy.includes(self))
          return fail('not-awaiting');
        await init.sign(peer, () => peer.approveSpend(call.request));
        await here.reread();
        return { ok: true, id: call.request };
      }
      case 'budget': {
        const input = call.input;
        if (accountOf(ledger, input.account) === undefined) return fail('unknown-account');
        const draft = {
          account: input.account,
          title: typeof input.title === 'string' ? input.title.trim() : input.title,
          from: input.from,
          to: input.to,
          lines: Array.isArray(input.lines)
            ? input.lines.map((line) => ({
                id: line?.id,
                label: typeof line?.label === 'string' ? line.label.trim() : line?.label,
                kind: line?.kind,
                planned: line?.planned,
              }))
            : input.lines,
        } as BudgetInput;
        if (budgetDraftProblem(draft) !== null) return fail('invalid-budget');
        const record = createBudget(member, {
          ...draft,
          coop: peer.coop,
          ts: formatTimestamp(new Date(init.clock())),
        });
        const id = writeBudget(rootOf(peer), record);
        await peer.repo.flush();
        await here.reread();
        return { ok: true, id };
      }
    }
  }

  async function run(call: AccountsCall): Promise<AccountsResult> {
    if (init.leading()) return act(call);
    if (!init.ready()) return fail('not-ready');
    const result = await init.callLeader(call);
    const peer = init.peer();
    if (result.ok && peer !== null && (call.kind === 'open' || call.kind === 'contribute')) {
      await init.untilHeld(peer, result.id);
    }
    return result;
  }

  return {
    accountsSnapshot: snapshot,
    openAccount: (input) => run({ kind: 'open', input }),
    contribute: (account, amount, memo) => run({ kind: 'contribute', account, amount, memo }),
    requestSpend: (input) => run({ kind: 'request-spend', input }),
    approveSpend: (request) => run({ kind: 'approve', request }),
    createBudget: (input) => run({ kind: 'budget', input }),
    here: act,
    stop() {
      unsubscribe();
      following.stop();
    },
  };
}
