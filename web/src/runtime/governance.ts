import {
  allowedChoices,
  checkShape,
  codePointLength,
  entryId,
  itemId,
  type Choice,
  type Entry,
  type EntryStatus,
  type Ledger,
  type OutcomeEntry,
  type ProposalEntry,
} from '@integrale/ledger';
import { countVote, type CooperativePeer } from '@integrale/peer';
import type {
  BallotView,
  CountView,
  DecisionView,
  GovernanceProblem,
  GovernanceResult,
  GovernanceRuntime,
  GovernanceSnapshot,
  OutcomeView,
  ProposalSummary,
  ProposalView,
  ProxyView,
} from '../app/runtime-governance.js';
import type { GovernanceCall } from '../governance/calls.js';
import { MAX_REASON, PROPOSAL_BOUNDS, draftProblem, normaliseDraft } from '../governance/draft.js';
import type { EntryIdCache } from './ledger-views.js';

/*
 * The browser runtime's part for proposals, votes, proxies and the decision log, over the peer
 * whose data the screens show. Signing follows the payments' path: only the leader tab signs,
 * in turn with every other entry of the member's feed (`sign`), and a follower tab hands the
 * action to the leader (`callLeader`), then waits until the signed entry reaches it. Every action
 * is checked first, here and again in the leader, so a member gets a reason instead of an entry
 * the ledger would leave pending or the count would ignore.
 *
 * "Results hidden until the close" is soft data (the signed format has no such field): a flag in
 * the root document's `proposalSettings`, honoured only when it names the proposal's author.
 * Ballots themselves are signed entries every member's device holds (protocol-governance.md §2).
 */

/** The root document's part this module writes. */
export interface ProposalSettingsDoc {
  proposalSettings?: Record<string, { hideResults: boolean; by: string }>;
}

/** What the governance part needs from the runtime around it. */
export interface GovernanceSideInit {
  /** The peer whose data the screens show, or `null`. */
  readonly peer: () => CooperativePeer | null;
  /** This member's did:key, once known. */
  readonly self: () => string | null;
  /** Whether this tab may act now (the cooperative is open, the key may sign). */
  readonly ready: () => boolean;
  /** Whether this tab is the one that signs. */
  readonly leading: () => boolean;
  /** Runs a signing task in the leader's turn (after the peer settled; flushed to storage). */
  readonly sign: <T>(peer: CooperativePeer, task: () => Promise<T>) => Promise<T>;
  /** Follower: hands the action to the leader tab. */
  readonly callLeader: (call: GovernanceCall) => Promise<GovernanceResult>;
  /** Resolves once this tab's ledger holds `id` (or after a while). */
  readonly untilHeld: (peer: CooperativePeer, id: string) => Promise<void>;
  /** Registers a listener called on each change of the runtime (caches go stale there). */
  readonly subscribe: (listener: () => void) => () => void;
  /** Milliseconds since 1970. */
  readonly clock: () => number;
  readonly entryIds?: EntryIdCache;
}

/** The governance part, with what the leader runs for a follower tab. */
export interface GovernanceSide extends GovernanceRuntime {
  /** Leader: carries out an action (its own member's, or a follower tab's). */
  here(call: GovernanceCall): Promise<GovernanceResult>;
}

const fail = (reason: GovernanceProblem): Extract<GovernanceResult, { ok: false }> => ({
  ok: false,
  reason,
});

/** The held entries of the governance extension, indexed once per change. */
interface GovernanceIndex {
  readonly proposals: { readonly id: string; readonly entry: ProposalEntry }[];
  readonly outcomes: { readonly id: string; readonly entry: OutcomeEntry }[];
}

function indexOf(ledger: Ledger, ids: EntryIdCache): GovernanceIndex {
  const proposals: GovernanceIndex['proposals'] = [];
  const outcomes: GovernanceIndex['outcomes'] = [];
  for (const item of ledger.items()) {
    const entry = checkShape(item);
    if (entry === null || (entry.type !== 'proposal' && entry.type !== 'outcome')) continue;
    let id = ids.get(entry);
    if (id === undefined) {
      id = itemId(entry);
      ids.set(entry, id);
    }
    if (entry.type === 'proposal') proposals.push({ id, entry });
    else outcomes.push({ id, entry });
  }
  const newestFirst = (a: { entry: Entry; id: string }, b: { entry: Entry; id: string }) =>
    a.entry.ts !== b.entry.ts ? (a.entry.ts < b.entry.ts ? 1 : -1) : a.id < b.id ? -1 : 1;
  proposals.sort(newestFirst);
  outcomes.sort(newestFirst);
  return { proposals, outcomes };
}

const PENDING_UNKNOWN: EntryStatus = { state: 'pending', reason: 'missing-reference' };

function statusOf(ledger: Ledger, id: string): EntryStatus {
  return ledger.status(id) ?? PENDING_UNKNOWN;
}

/** The valid proposal with this id. */
function validProposal(ledger: Ledger, id: string): ProposalEntry | undefined {
  if (ledger.status(id)?.state !== 'valid') return undefined;
  const entry = checkShape(ledger.get(id));
  return entry?.type === 'proposal' ? entry : undefined;
}

/** The valid outcome of a proposal (the earliest recorded, should two closers race). */
function validOutcomeOf(ledger: Ledger, proposal: string) {
  const outcomes = ledger
    .validGovernance('outcome')
    .filter(({ entry }) => entry.proposal === proposal)
    .sort((a, b) =>
      a.entry.ts !== b.entry.ts ? (a.entry.ts < b.entry.ts ? -1 : 1) : a.id < b.id ? -1 : 1,
    );
  return outcomes[0];
}

/** Why this member may not take the action now, or `null` (the ledger's and the count's rules). */
export function governanceProblem(
  ledger: Ledger,
  self: string,
  call: GovernanceCall,
  now: string,
): Extract<GovernanceResult, { ok: false }> | null {
  if (!ledger.isMember(self) || ledger.feedHead(self) === undefined) return fail('not-member');
  switch (call.kind) {
    case 'propose': {
      const field = draftProblem(call.input, {
        isMember: (did) => ledger.isMember(did),
        isProposal: (id) => validProposal(ledger, id) !== undefined,
        isOutcome: (id) =>
          ledger.status(id)?.state === 'valid' && checkShape(ledger.get(id))?.type === 'outcome',
      });
      return field === null ? null : { ok: false, reason: 'invalid-draft', field };
    }
    case 'vote': {
      const proposal = validProposal(ledger, call.proposal);
      if (proposal === undefined) return fail('not-held');
      if (validOutcomeOf(ledger, call.proposal) !== undefined || now > proposal.closes)
        return fail('closed');
      if (proposal.electorate !== null && !proposal.electorate.includes(self))
        return fail('not-in-electorate');
      if (!allowedChoices(proposal.method).includes(call.choice)) return fail('choice-not-allowed');
      if (typeof call.reason !== 'string' || codePointLength(call.reason) > MAX_REASON)
        return fail('reason-too-long');
      if (call.choice === 'block' && call.reason.trim() === '') return fail('reason-required');
      return null;
    }
    case 'proxy': {
      const { assembly, to } = call;
      const length = typeof assembly === 'string' ? codePointLength(assembly) : 0;
      if (length < 1 || length > PROPOSAL_BOUNDS.assembly) return fail('invalid-proxy');
      if (to !== null && (to === self || !ledger.isMember(to))) return fail('invalid-proxy');
      return null;
    }
    case 'close': {
      const proposal = validProposal(ledger, call.proposal);
      if (proposal === undefined) return fail('not-held');
      if (validOutcomeOf(ledger, call.proposal) !== undefined) return fail('closed');
      const proposer = proposal.author === self;
      // The proposer may withdraw at any time, and closes an advice process (they decide);
      // anyone may close once the closing time has passed; the proposer may also close early,
      // as an assembly does when everyone present has voted.
      if (call.withdraw || proposal.method.kind === 'advice' || now <= proposal.closes)
        return proposer ? null : fail('not-proposer');
      return null;
    }
  }
}

const byTime = <T extends { readonly ts: string; readonly id: string }>(a: T, b: T) =>
  a.ts !== b.ts ? (a.ts < b.ts ? -1 : 1) : a.id < b.id ? -1 : 1;

function outcomeView(ledger: Ledger, id: string, entry: OutcomeEntry): OutcomeView {
  return {
    id,
    author: entry.author,
    ts: entry.ts,
    result: entry.result,
    counts: entry.counts,
    status: statusOf(ledger, id),
  };
}

function hidden(root: ProposalSettingsDoc | undefined, id: string, author: string): boolean {
  const settings: unknown = root?.proposalSettings?.[id];
  if (typeof settings !== 'object' || settings === null) return false;
  const { hideResults, by } = settings as Record<string, unknown>;
  return hideResults === true && by === author;
}

/** A proposal with its ballots, proxies, count and outcomes, as this device holds them. */
export function proposalView(
  ledger: Ledger,
  index: GovernanceIndex,
  id: string,
  root: ProposalSettingsDoc | undefined,
): ProposalView | null {
  const entry = checkShape(ledger.get(id));
  if (entry === null || entry.type !== 'proposal') return null;
  const closing = countVote(ledger, id);
  const ignored = new Map(closing?.tally.ignored.map(({ id: ballot, reason }) => [ballot, reason]));
  const counted = new Set(closing?.tally.counted ?? []);
  const ballots: BallotView[] = ledger
    .validGovernance('ballot')
    .filter((ballot) => ballot.entry.proposal === id)
    .map(({ id: ballot, entry: b }) => ({
      id: ballot,
      voter: b.author,
      choice: b.choice,
      reason: b.reason,
      ts: b.ts,
      counted: counted.has(ballot),
      ignored: ignored.get(ballot) ?? null,
    }))
    .sort(byTime);
  const carried = new Set(closing?.tally.delegations.map((d) => d.proxy) ?? []);
  const latestProxy = new Map<string, { id: string; seq: number; view: ProxyView }>();
  if (entry.assembly !== '') {
    for (const { id: proxy, entry: p } of ledger.validGovernance('proxy')) {
      if (p.assembly !== entry.assembly) continue;
      const current = latestProxy.get(p.author);
      if (current !== undefined && current.seq >= p.seq) continue;
      latestProxy.set(p.author, {
        id: proxy,
        seq: p.seq,
        view: { id: proxy, from: p.author, to: p.to, ts: p.ts, carried: carried.has(proxy) },
      });
    }
  }
  const count: CountView | null =
    closing === null
      ? null
      : {
          result: closing.result,
          proposerDecides: closing.tally.result === 'proposer-decides',
          counts: closing.counts,
          participants: closing.tally.participants,
          blockers: closing.tally.blockers,
          conflicts: closing.tally.conflicts.map((conflict) => conflict.voter),
        };
  const outcomes = index.outcomes
    .filter((outcome) => outcome.entry.proposal === id)
    .map((outcome) => outcomeView(ledger, outcome.id, outcome.entry))
    .sort(byTime);
  return {
    id,
    author: entry.author,
    ts: entry.ts,
    status: statusOf(ledger, id),
    title: entry.title,
    text: entry.text,
    scope: entry.scope,
    assembly: entry.assembly,
    method: entry.method,
    quorum: entry.quorum,
    closes: entry.closes,
    electorate: entry.electorate,
    amends: entry.amends,
    effects: entry.effects,
    hideResults: hidden(root, id, entry.author),
    ballots,
    proxies: [...latestProxy.values()].map(({ view }) => view).sort(byTime),
    count,
    outcomes,
    amendedBy: index.proposals.filter((p) => p.entry.amends === id).map((p) => p.id),
    decided: outcomes.find((outcome) => outcome.status.state === 'valid') ?? null,
  };
}

/** Proposals, decisions and this member's limit, as this device verified them. */
export function governanceSnapshotOf(
  ledger: Ledger,
  index: GovernanceIndex,
  self: string | null,
): GovernanceSnapshot {
  const report = ledger.validGovernance('outcome').length > 0 ? ledger.report() : undefined;
  const rows = new Map((report?.decisions ?? []).map((row) => [row.id, row]));
  const proposalsById = new Map(index.proposals.map((p) => [p.id, p.entry]));
  const proposals: ProposalSummary[] = index.proposals.map(({ id, entry }) => ({
    id,
    title: entry.title,
    scope: entry.scope,
    assembly: entry.assembly,
    method: entry.method,
    closes: entry.closes,
    author: entry.author,
    ts: entry.ts,
    status: statusOf(ledger, id),
    result: validOutcomeOf(ledger, id)?.entry.result ?? null,
    amends: entry.amends,
  }));
  const decisions: DecisionView[] = index.outcomes.map(({ id, entry }) => {
    const proposal = proposalsById.get(entry.proposal);
    const row = rows.get(id);
    return {
      id,
      proposal: entry.proposal,
      author: entry.author,
      ts: entry.ts,
      scope: proposal?.scope ?? '',
      title: proposal?.title ?? '',
      method: proposal?.method ?? null,
      result: entry.result,
      counts: entry.counts,
      effects: proposal?.effects ?? {},
      status: statusOf(ledger, id),
      amends: proposal?.amends ?? null,
      revokedBy: row?.revokedBy ?? [],
      uncounted: row?.uncounted ?? [],
      conflicts: row?.conflicts.map((conflict) => conflict.voter) ?? [],
      entries: [entry.proposal, ...entry.ballots, ...entry.proxies, id],
    };
  });
  let limit: GovernanceSnapshot['limit'] = null;
  if (self !== null && ledger.genesis() !== undefined) {
    const inForce = ledger.limitOf(self);
    const decision =
      inForce.decision === null ? undefined : decisions.find((d) => d.id === inForce.decision);
    limit = { ...inForce, title: decision?.title ?? null };
  }
  return { proposals, decisions, limit };
}

/** Creates the governance part of a browser runtime. */
export function createGovernanceSide(init: GovernanceSideInit): GovernanceSide {
  const ids: EntryIdCache = init.entryIds ?? new WeakMap();
  const nowTs = () => new Date(init.clock()).toISOString();
  /** What was read since the last change: every screen reads the same views in one render. */
  let cache:
    | {
        ledger: Ledger;
        index: GovernanceIndex;
        snapshot?: GovernanceSnapshot;
        views: Map<string, ProposalView | null>;
        /** The root document the views read their soft settings from (immutable: a change makes a new one). */
        root?: ProposalSettingsDoc | undefined;
      }
    | undefined;
  init.subscribe(() => {
    cache = undefined;
  });

  function indexed(ledger: Ledger) {
    if (cache?.ledger !== ledger) cache = { ledger, index: indexOf(ledger, ids), views: new Map() };
    return cache;
  }

  function rootOf(peer: CooperativePeer): ProposalSettingsDoc | undefined {
    return peer.root().doc() as ProposalSettingsDoc | undefined;
  }

  /** Checks and signs in this (leader) tab. */
  async function here(call: GovernanceCall): Promise<GovernanceResult> {
    const peer = init.peer();
    const self = init.self();
    if (peer === null || self === null || !init.leading()) return fail('not-ready');
    return init.sign(peer, async (): Promise<GovernanceResult> => {
      const problem = governanceProblem(peer.ledger, self, call, nowTs());
      if (problem !== null) return problem;
      let entry: Entry;
      switch (call.kind) {
        case 'propose': {
          const { hideResults: _soft, ...draft } = normaliseDraft(call.input);
          entry = await peer.propose(draft);
          break;
        }
        case 'vote':
          entry = await peer.vote(call.proposal, call.choice, call.reason);
          break;
        case 'proxy':
          entry = await peer.giveProxy(call.assembly, call.to);
          break;
        case 'close':
          entry = await peer.close(call.proposal, { withdraw: call.withdraw });
          break;
      }
      return { ok: true, entry: entryId(entry) };
    });
  }

  /** Checks here (for a quick answer), then signs here or in the leader tab. */
  async function act(call: GovernanceCall): Promise<GovernanceResult> {
    const peer = init.peer();
    const self = init.self();
    if (peer === null || self === null || !init.ready()) return fail('not-ready');
    const problem = governanceProblem(peer.ledger, self, call, nowTs());
    if (problem !== null) return problem;
    if (init.leading()) return here(call);
    const result = await init.callLeader(call);
    if (result.ok) await init.untilHeld(peer, result.entry);
    return result;
  }

  return {
    here,
    governanceSnapshot() {
      const peer = init.peer();
      if (peer === null) return { proposals: [], decisions: [], limit: null };
      const current = indexed(peer.ledger);
      current.snapshot ??= governanceSnapshotOf(peer.ledger, current.index, init.self());
      return current.snapshot;
    },
    proposal(id) {
      const peer = init.peer();
      if (peer === null || typeof id !== 'string') return null;
      const current = indexed(peer.ledger);
      const root = rootOf(peer);
      if (current.root !== root) {
        current.root = root;
        current.views.clear();
      }
      if (!current.views.has(id))
        current.views.set(id, proposalView(peer.ledger, current.index, id, root));
      return current.views.get(id) ?? null;
    },
    async propose(input) {
      const result = await act({ kind: 'propose', input });
      const peer = init.peer();
      const self = init.self();
      if (result.ok && input.hideResults === true && peer !== null && self !== null) {
        const entry = result.entry;
        peer.root().change((doc) => {
          const root = doc as ProposalSettingsDoc;
          root.proposalSettings ??= {};
          root.proposalSettings[entry] = { hideResults: true, by: self };
        });
      }
      return result;
    },
    vote: (proposal, choice: Choice, reason) => act({ kind: 'vote', proposal, choice, reason }),
    giveProxy: (assembly, to) => act({ kind: 'proxy', assembly, to }),
    closeVote: (proposal, options = {}) =>
      act({ kind: 'close', proposal, withdraw: options.withdraw === true }),
    proxyOf(assembly) {
      const peer = init.peer();
      const self = init.self();
      if (peer === null || self === null) return null;
      let latest: { seq: number; to: string | null } | undefined;
      for (const { entry } of peer.ledger.validGovernance('proxy')) {
        if (entry.author !== self || entry.assembly !== assembly) continue;
        if (latest === undefined || entry.seq > latest.seq)
          latest = { seq: entry.seq, to: entry.to };
      }
      return latest?.to ?? null;
    },
  };
}
