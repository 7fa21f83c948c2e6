import type { DocHandle } from '@automerge/automerge-repo/slim';
import {
  MAX_AMOUNT,
  codePointLength,
  entryId,
  formatTimestamp,
  isId,
  type Ledger,
} from '@integrale/ledger';
import {
  COMMON_SERVICES,
  FUND_SERVICE,
  MAX_SERVICE_DESCRIPTION,
  contributionsTo,
  createOrder,
  createPurchaseBook,
  createRound,
  createRoundClose,
  fundLoans,
  isCommonService,
  isQuantities,
  loanMarker,
  loanText,
  openCommonServices,
  purchaseMarker,
  readServices,
  roundProblem,
  roundViews,
  scheduleProblem,
  serviceChangeText,
  validAccount,
  writePurchaseRecord,
  type CooperativePeer,
  type PurchaseRecord,
  type PurchasesRootDoc,
  type RecordBook,
  type RoundView,
  type ServiceView,
} from '@integrale/peer';
import type {
  EconomyProblem,
  EconomyResult,
  EconomySnapshot,
  FundInfo,
  LoanInfo,
  LoanInput,
  LoanStage,
  PurchaseRoundInfo,
  RoundInput,
  ServiceId,
  ServiceInfo,
  ServicesRuntime,
} from '../app/runtime-services.js';
import { scheduleStanding } from '../fund/instalments.js';
import { payableAmount, roundTotals } from '../purchases/totals.js';
import { followShownPeer, type Following, type SigningPartInit } from './signing-part.js';

/*
 * The browser runtime's part for the common services, the interest-free fund and grouped
 * purchases, over the peer whose data the screens show. Ledger entries (accounts, proposals,
 * contributions, spends) are signed only in the leader tab, in turn with every other entry of the
 * member's feed (`sign`); a follower tab hands the action over (`callLeader`). Every action is
 * checked first, so a member gets a reason instead of an entry the ledger would refuse.
 *
 * Purchase records are verified asynchronously (signature checks may be); what the screens read
 * is the last verified set, read again when the root document changes.
 */

/** An action of this area, as a follower tab hands it to the leader tab (checked again there). */
export type EconomyCall =
  | { readonly kind: 'create-services' }
  | {
      readonly kind: 'service-change';
      readonly service: ServiceId;
      readonly title: string;
      readonly description: string;
    }
  | { readonly kind: 'propose-loan'; readonly input: LoanInput }
  | { readonly kind: 'pay-out'; readonly loan: string }
  | { readonly kind: 'repay'; readonly loan: string; readonly amount: number }
  | { readonly kind: 'create-round'; readonly input: RoundInput }
  | {
      readonly kind: 'order';
      readonly round: string;
      readonly quantities: Readonly<Record<string, number>>;
    }
  | { readonly kind: 'close-round'; readonly round: string }
  | { readonly kind: 'pay-share'; readonly round: string };

const CALL_KINDS = new Set([
  'create-services',
  'service-change',
  'propose-loan',
  'pay-out',
  'repay',
  'create-round',
  'order',
  'close-round',
  'pay-share',
]);

/** Actions whose result is the id of a ledger entry. */
const ENTRY_RESULTS = new Set(['service-change', 'propose-loan', 'pay-share']);

/** Whether a tab message's `call` looks like an {@link EconomyCall} (its fields are re-checked). */
export function isEconomyCall(value: unknown): value is EconomyCall {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const kind = (value as Record<string, unknown>)['kind'];
  return typeof kind === 'string' && CALL_KINDS.has(kind);
}

/** What this part needs from the runtime around it (see signing-part.ts). */
export type ServicesSideInit = SigningPartInit<EconomyCall, EconomyResult>;

/** The part, with what the leader runs for a follower tab. */
export interface ServicesSide extends ServicesRuntime {
  here(call: EconomyCall): Promise<EconomyResult>;
  stop(): void;
}

const EMPTY: EconomySnapshot = {
  services: [],
  canCreateServices: false,
  fund: null,
  projectAccounts: [],
  rounds: [],
};

/** Most code points of a memo (the ledger's bound). */
const MAX_MEMO = 280;
const MAX_TITLE = 200;
const MAX_TEXT = 10_000;

const fail = (reason: EconomyProblem): EconomyResult => ({ ok: false, reason });

const isAmount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= MAX_AMOUNT;

const isText = (value: unknown, min: number, max: number): value is string =>
  typeof value === 'string' && codePointLength(value) >= min && codePointLength(value) <= max;

const TS = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$/;

/** A memo: `words` cut to leave room for the marker, then the marker. */
export function markedMemo(words: string, marker: string): string {
  const room = MAX_MEMO - marker.length - 1;
  const cut = [...words.trim()].slice(0, Math.max(0, room)).join('').trim();
  return cut === '' ? marker : `${cut} ${marker}`;
}

/** Today's date (`YYYY-MM-DD`, UTC) at `ms`. */
function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function serviceInfo(ledger: Ledger, view: ServiceView): ServiceInfo {
  const outcomes = new Map<string, ServiceInfo['proposals'][number]['result']>();
  for (const { entry } of ledger.validGovernance('outcome')) {
    if (!outcomes.has(entry.proposal)) outcomes.set(entry.proposal, entry.result);
  }
  const proposals = new Map(ledger.validGovernance('proposal').map((p) => [p.id, p.entry]));
  return {
    id: view.id,
    account: view.account,
    stewards: view.stewards,
    threshold: view.threshold,
    balance: view.balance,
    description: view.description,
    describedBy: view.describedBy,
    proposals: view.proposals.map((id) => ({
      id,
      title: proposals.get(id)?.title ?? '',
      ts: proposals.get(id)?.ts ?? '',
      result: outcomes.get(id) ?? null,
    })),
  };
}

function loanStage(
  result: LoanInfo['result'],
  payout: string | null,
  remaining: number,
): LoanStage {
  if (result === null) return 'voting';
  if (result !== 'adopted') return 'refused';
  if (payout === null) return 'adopted';
  return remaining === 0 ? 'repaid' : 'paid-out';
}

function fundInfo(ledger: Ledger, fund: ServiceView, self: string | null, today: string): FundInfo {
  const names = new Map(ledger.validGovernance('account').map((a) => [a.id, a.entry]));
  const loans = fundLoans(ledger, fund.account).map((loan): LoanInfo => {
    const standing = scheduleStanding(loan.schedule, loan.repayments, today);
    const stage = loanStage(loan.result, loan.payout, standing.remaining);
    const project = names.get(loan.to);
    return {
      id: loan.proposal,
      proposer: loan.proposer,
      title: loan.title,
      text: loan.text,
      ts: loan.ts,
      closes: loan.closes,
      to: loan.to,
      toName: project?.name ?? '',
      amount: loan.amount,
      stage,
      outcome: loan.outcome,
      result: loan.result,
      payout: loan.payout,
      instalments: standing.instalments,
      repaid: standing.repaid,
      remaining: standing.remaining,
      canPayOut: stage === 'adopted' && self !== null && fund.stewards.includes(self),
      canRepay: stage === 'paid-out' && self !== null && project?.stewards.includes(self) === true,
    };
  });
  return {
    account: fund.account,
    balance: fund.balance,
    stewards: fund.stewards,
    contributions: contributionsTo(ledger, fund.account).reverse(),
    loans,
  };
}

function roundInfo(round: RoundView, self: string | null): PurchaseRoundInfo {
  const orders = new Map([...round.orders].map(([did, order]) => [did, order.quantities]));
  const totals = roundTotals(round.suppliers, round.products, orders);
  const shares = [...totals.perMember]
    .map(([member, total]) => ({
      member,
      quantities: orders.get(member) ?? {},
      total,
      paid: round.paid.get(member) ?? 0,
    }))
    .sort((a, b) => (a.member < b.member ? -1 : 1));
  const mine = self === null ? undefined : shares.find((share) => share.member === self);
  const owed = mine === undefined ? 0n : mine.total - BigInt(mine.paid);
  return {
    id: round.id,
    organiser: round.organiser,
    title: round.title,
    closesAt: round.closesAt,
    closedAt: round.closedAt,
    closed: round.closed,
    account: round.account,
    suppliers: round.suppliers,
    products: round.products,
    shares,
    supplierTotals: totals.perSupplier,
    total: totals.total,
    mine: (self === null ? undefined : orders.get(self)) ?? {},
    myDue: round.closed && owed > 0n ? (payableAmount(owed) ?? 0) : 0,
  };
}

/** What the part keeps about the peer it follows. */
interface PurchasesState {
  readonly book: RecordBook<PurchaseRecord>;
  records: Map<string, PurchaseRecord>;
}
type Attached = PurchasesState & Following;

/** Creates this part of a browser runtime. */
export function createServicesSide(init: ServicesSideInit): ServicesSide {
  let cached: EconomySnapshot | undefined;
  const unsubscribe = init.subscribe(() => {
    cached = undefined;
  });

  function rootOf(peer: CooperativePeer): DocHandle<PurchasesRootDoc> {
    return peer.root() as unknown as DocHandle<PurchasesRootDoc>;
  }

  async function read(current: Attached): Promise<void> {
    try {
      const records = await current.book.read(rootOf(current.peer).doc()?.purchases);
      if (!following.isCurrent(current)) return;
      current.records = records;
      cached = undefined;
      init.changed();
    } catch (error) {
      init.log(`could not read purchase rounds: ${String(error)}`);
    }
  }

  /** Follows the shown peer (a new session brings a new peer). */
  const following = followShownPeer<PurchasesState>({
    peer: init.peer,
    verifier: init.verifier,
    make: (peer, verifier) => ({
      book: createPurchaseBook({ coop: peer.coop, verifier }),
      records: new Map(),
    }),
    read,
  });
  const current = (): Attached | null => following.current();

  function nowTs(): string {
    return formatTimestamp(new Date(init.clock()));
  }

  function build(here: Attached): EconomySnapshot {
    const ledger = here.peer.ledger;
    const self = init.member()?.did ?? null;
    const views = readServices(here.peer.root().doc(), ledger);
    const fund = views.find((view) => view.id === FUND_SERVICE);
    const projectAccounts = ledger
      .validGovernance('account')
      .filter(({ entry }) => entry.kind === 'project')
      .map(({ id, entry }) => ({
        id,
        name: entry.name,
        stewards: (ledger.accountRules(id) ?? entry).stewards,
        balance: ledger.balanceOf(id),
      }))
      .sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
    return {
      services: views.map((view) => serviceInfo(ledger, view)),
      canCreateServices:
        views.length < COMMON_SERVICES.length && self !== null && ledger.genesis()?.author === self,
      fund: fund === undefined ? null : fundInfo(ledger, fund, self, dayOf(init.clock())),
      projectAccounts,
      rounds: roundViews(here.records, ledger, nowTs()).map((round) => roundInfo(round, self)),
    };
  }

  function snapshot(): EconomySnapshot {
    const here = current();
    if (here === null) return EMPTY;
    cached ??= build(here);
    return cached;
  }

  /** The fund's service view and the loan `id`, or why not. */
  function loanOf(ledger: Ledger, root: unknown, id: string) {
    const fund = readServices(root, ledger).find((view) => view.id === FUND_SERVICE);
    if (fund === undefined) return null;
    const loan = fundLoans(ledger, fund.account).find((candidate) => candidate.proposal === id);
    return loan === undefined ? null : { fund, loan };
  }

  async function publish(here: Attached, record: PurchaseRecord): Promise<string> {
    const id = writePurchaseRecord(rootOf(here.peer), record);
    await here.peer.repo.flush();
    await here.reread();
    return id;
  }

  /** Signs a contribution of this member (checked against their limit in the signing turn). */
  function contributeHere(
    peer: CooperativePeer,
    self: string,
    account: string,
    amount: number,
    memo: string,
  ): Promise<EconomyResult> {
    return init.sign(peer, async (): Promise<EconomyResult> => {
      const head = peer.ledger.feedHead(self);
      if (head === undefined) return fail('not-member');
      if (head.balance - amount < -head.limit) return fail('over-limit');
      const entry = await peer.contribute(account, amount, memo);
      return { ok: true, id: entryId(entry) };
    });
  }

  async function act(call: EconomyCall): Promise<EconomyResult> {
    const here = current();
    const member = init.member();
    if (!init.ready() || here === null || member === null) return fail('not-ready');
    const { peer } = here;
    const ledger = peer.ledger;
    const self = member.did;
    if (!ledger.isMember(self) || ledger.feedHead(self) === undefined) return fail('not-member');
    const root = peer.root().doc();
    switch (call.kind) {
      case 'create-services': {
        if (ledger.genesis()?.author !== self) return fail('not-founder');
        if (readServices(root, ledger).length === COMMON_SERVICES.length)
          return fail('services-exist');
        const opened = await init.sign(peer, () => openCommonServices(peer, self, entryId));
        cached = undefined;
        init.changed();
        return { ok: true, id: opened.join(',') };
      }
      case 'service-change': {
        if (!isCommonService(call.service)) return fail('unknown-service');
        if (!readServices(root, ledger).some((view) => view.id === call.service))
          return fail('unknown-service');
        const title = typeof call.title === 'string' ? call.title.trim() : '';
        if (!isText(title, 1, MAX_TITLE)) return fail('invalid-title');
        const description = typeof call.description === 'string' ? call.description.trim() : '';
        if (!isText(description, 1, MAX_SERVICE_DESCRIPTION)) return fail('invalid-description');
        const closes = formatTimestamp(new Date(init.clock() + 7 * 24 * 3600 * 1000));
        const entry = await init.sign(peer, () =>
          peer.propose({
            title,
            text: serviceChangeText(call.service, description),
            scope: 'federation',
            assembly: '',
            method: { kind: 'consent' },
            quorum: 1,
            closes,
            electorate: null,
            amends: null,
            effects: {},
          }),
        );
        return { ok: true, id: entryId(entry) };
      }
      case 'propose-loan': {
        const input = call.input;
        const fund = readServices(root, ledger).find((view) => view.id === FUND_SERVICE);
        if (fund === undefined) return fail('no-fund');
        if (typeof input !== 'object' || input === null) return fail('invalid-title');
        const title = typeof input.title === 'string' ? input.title.trim() : '';
        if (!isText(title, 1, MAX_TITLE)) return fail('invalid-title');
        if (typeof input.to !== 'string' || validAccount(ledger, input.to)?.kind !== 'project')
          return fail('unknown-account');
        if (!isAmount(input.amount)) return fail('invalid-amount');
        if (scheduleProblem(input.schedule, input.amount) !== null) return fail('invalid-schedule');
        const schedule = input.schedule.map(({ due, amount }) => ({ due, amount }));
        const text = loanText(typeof input.text === 'string' ? input.text : '', schedule);
        if (typeof input.text !== 'string' || !isText(text, 0, MAX_TEXT))
          return fail('invalid-text');
        if (typeof input.closes !== 'string' || !TS.test(input.closes) || input.closes <= nowTs())
          return fail('invalid-closing');
        const entry = await init.sign(peer, () =>
          peer.propose({
            title,
            text,
            scope: 'federation',
            assembly: '',
            method: { kind: 'consent' },
            quorum: 1,
            closes: input.closes,
            electorate: null,
            amends: null,
            effects: { spend: { account: fund.account, to: input.to, amount: input.amount } },
          }),
        );
        return { ok: true, id: entryId(entry) };
      }
      case 'pay-out': {
        const found = typeof call.loan === 'string' ? loanOf(ledger, root, call.loan) : null;
        if (found === null) return fail('not-adopted');
        const { fund, loan } = found;
        if (loan.result !== 'adopted' || loan.outcome === null) return fail('not-adopted');
        if (loan.payout !== null) return fail('already-paid-out');
        if (!fund.stewards.includes(self)) return fail('not-steward');
        if (ledger.balanceOf(fund.account) < loan.amount) return fail('insufficient-funds');
        const decision = loan.outcome;
        const id = await init.sign(peer, async () => {
          const request = await peer.requestSpend({
            account: fund.account,
            to: loan.to,
            amount: loan.amount,
            memo: markedMemo(loan.title, loanMarker(decision)),
            decision,
          });
          // The spend is written by this device as soon as it sees the request (a decision
          // needs no approvals): let it happen inside this signing turn.
          await peer.settled();
          return request;
        });
        return { ok: true, id };
      }
      case 'repay': {
        const found = typeof call.loan === 'string' ? loanOf(ledger, root, call.loan) : null;
        if (found === null || found.loan.outcome === null || found.loan.payout === null)
          return fail('nothing-to-repay');
        const { fund, loan } = found;
        const decision = found.loan.outcome;
        const standing = scheduleStanding(loan.schedule, loan.repayments, dayOf(init.clock()));
        if (standing.remaining === 0) return fail('nothing-to-repay');
        if (!isAmount(call.amount) || call.amount > standing.remaining)
          return fail('invalid-amount');
        const project = validAccount(ledger, loan.to);
        const projectStewards =
          project === undefined ? [] : (ledger.accountRules(loan.to) ?? project).stewards;
        if (!projectStewards.includes(self)) return fail('not-steward');
        if (ledger.balanceOf(loan.to) < call.amount) return fail('insufficient-funds');
        const id = await init.sign(peer, async () => {
          const request = await peer.requestSpend({
            account: loan.to,
            to: fund.account,
            amount: call.amount,
            memo: markedMemo(loan.title, loanMarker(decision)),
          });
          await peer.settled();
          return request;
        });
        return { ok: true, id };
      }
      case 'create-round': {
        const input = call.input;
        if (typeof input !== 'object' || input === null) return fail('invalid-round');
        const placeholder = { ...input, account: '0'.repeat(64) };
        if (roundProblem(placeholder) !== null) return fail('invalid-round');
        if (input.closesAt <= nowTs()) return fail('invalid-closing');
        const title = input.title.trim();
        const account = await init.sign(peer, () =>
          peer.openAccount({
            name: [...title].slice(0, 80).join('').trim(),
            kind: 'purchase',
            scope: 'federation',
            stewards: [self],
            threshold: 1,
          }),
        );
        const record = createRound(member, {
          title,
          closesAt: input.closesAt,
          account: entryId(account),
          suppliers: input.suppliers,
          products: input.products,
          coop: peer.coop,
          ts: nowTs(),
        });
        return { ok: true, id: await publish(here, record) };
      }
      case 'order': {
        await here.reread();
        const round = roundViews(here.records, ledger, nowTs()).find((r) => r.id === call.round);
        if (round === undefined) return fail('unknown-round');
        if (round.closed) return fail('round-closed');
        const products = new Set(round.products.map((product) => product.id));
        if (!isQuantities(call.quantities, products)) return fail('invalid-quantities');
        const record = createOrder(member, {
          coop: peer.coop,
          round: round.id,
          quantities: call.quantities,
          ts: nowTs(),
        });
        return { ok: true, id: await publish(here, record) };
      }
      case 'close-round': {
        await here.reread();
        const round = roundViews(here.records, ledger, nowTs()).find((r) => r.id === call.round);
        if (round === undefined) return fail('unknown-round');
        if (round.organiser !== self) return fail('not-organiser');
        if (round.closed) return fail('round-closed');
        const record = createRoundClose(member, { coop: peer.coop, round: round.id, ts: nowTs() });
        return { ok: true, id: await publish(here, record) };
      }
      case 'pay-share': {
        await here.reread();
        const round = roundViews(here.records, ledger, nowTs()).find((r) => r.id === call.round);
        if (round === undefined) return fail('unknown-round');
        if (!round.closed) return fail('round-open');
        const info = roundInfo(round, self);
        const share = info.shares.find((candidate) => candidate.member === self);
        if (share === undefined) return fail('nothing-to-pay');
        const owed = share.total - BigInt(share.paid);
        if (owed <= 0n) return fail('nothing-to-pay');
        const amount = payableAmount(owed);
        if (amount === null) return fail('total-too-large');
        return contributeHere(
          peer,
          self,
          round.account,
          amount,
          markedMemo(round.title, purchaseMarker(round.id)),
        );
      }
    }
  }

  async function run(call: EconomyCall): Promise<EconomyResult> {
    if (init.leading()) return act(call);
    if (!init.ready()) return fail('not-ready');
    const result = await init.callLeader(call);
    const peer = init.peer();
    // Ledger entries come back through the ledger; records and spend requests through the root.
    if (result.ok && peer !== null && ENTRY_RESULTS.has(call.kind) && isId(result.id))
      await init.untilHeld(peer, result.id);
    return result;
  }

  return {
    economySnapshot: snapshot,
    createCommonServices: () => run({ kind: 'create-services' }),
    proposeServiceChange: (service, title, description) =>
      run({ kind: 'service-change', service, title, description }),
    proposeLoan: (input) => run({ kind: 'propose-loan', input }),
    payOutLoan: (loan) => run({ kind: 'pay-out', loan }),
    repayLoan: (loan, amount) => run({ kind: 'repay', loan, amount }),
    createPurchaseRound: (input) => run({ kind: 'create-round', input }),
    orderInRound: (round, quantities) => run({ kind: 'order', round, quantities }),
    closePurchaseRound: (round) => run({ kind: 'close-round', round }),
    payPurchaseShare: (round) => run({ kind: 'pay-share', round }),
    here: act,
    stop() {
      unsubscribe();
      following.stop();
    },
  };
}
