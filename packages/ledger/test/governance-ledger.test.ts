/*
 * The governance extension in the ledger (docs/protocol-governance.md): proposals, ballots,
 * proxies and outcomes as signed entries, outcomes recounted by every peer, and credit limits
 * that only an adopted decision can change. Every scenario is also checked to give the same
 * report whatever the arrival order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkShape,
  createLedger,
  entryId,
  type BallotEntry,
  type Entry,
  type Ledger,
  type OutcomeEntry,
  type ProposalEntry,
  type VerificationReport,
} from '../src/index.js';
import {
  CREDIT_LIMIT,
  newLedger,
  setup,
  verdict,
  verifier,
  type Scenario,
} from './helpers/personas.js';

const plain = (report: VerificationReport): unknown => JSON.parse(JSON.stringify(report));

/** The report of `items` in one batch, checked against one at a time in reverse order. */
async function settled(coop: string, items: readonly unknown[]): Promise<Ledger> {
  const ledger = newLedger(coop);
  await ledger.add(items);
  const reversed = newLedger(coop);
  for (const item of [...items].reverse()) await reversed.add([item]);
  expect(plain(reversed.report())).toStrictEqual(plain(ledger.report()));
  return ledger;
}

const CLOSES = '2025-03-02T09:00:00.000Z';
const NO_VOTES = { agree: 0, disagree: 0, abstain: 0, 'stand-aside': 0, block: 0 };

interface ProposalOptions {
  readonly method?: ProposalEntry['method'];
  readonly quorum?: number;
  readonly effects?: ProposalEntry['effects'];
  readonly electorate?: readonly string[] | null;
  readonly assembly?: string;
  readonly amends?: string | null;
}

function propose(s: Scenario, name: string, options: ProposalOptions = {}): ProposalEntry {
  return s.write<ProposalEntry>(name, 'proposal', {
    title: 'Relever la limite de Bob',
    text: 'Bob lance la boulangerie.',
    scope: 'federation',
    assembly: options.assembly ?? 'ag-2025-03',
    method: options.method ?? { kind: 'consent' },
    quorum: options.quorum ?? 2,
    closes: CLOSES,
    electorate: options.electorate ?? null,
    amends: options.amends ?? null,
    effects: options.effects ?? { memberLimit: { member: s.did('bob'), limit: 50_000 } },
  });
}

function vote(
  s: Scenario,
  name: string,
  proposal: ProposalEntry,
  choice: BallotEntry['choice'],
  reason = '',
  ts?: string,
): BallotEntry {
  return s.write<BallotEntry>(
    name,
    'ballot',
    { proposal: entryId(proposal), choice, reason },
    ts === undefined ? {} : { ts },
  );
}

function close(
  s: Scenario,
  name: string,
  proposal: ProposalEntry,
  ballots: readonly Entry[],
  result: OutcomeEntry['result'],
  counts: Partial<OutcomeEntry['counts']>,
  proxies: readonly Entry[] = [],
): OutcomeEntry {
  return s.write<OutcomeEntry>(name, 'outcome', {
    proposal: entryId(proposal),
    ballots: ballots.map(entryId).sort(),
    proxies: proxies.map(entryId).sort(),
    result,
    counts: { ...NO_VOTES, ...counts },
  });
}

/** Alice founds, Bob and Chloé join; Bob raises his limit to 500.00 by consent. */
function raisedLimit() {
  const s = setup('alice', 'bob', 'chloe');
  const proposal = propose(s, 'alice');
  const ballots = [vote(s, 'alice', proposal, 'agree'), vote(s, 'chloe', proposal, 'agree')];
  const outcome = close(s, 'alice', proposal, ballots, 'adopted', { agree: 2 });
  return { s, proposal, ballots, outcome };
}

describe('credit limits set by decisions', () => {
  it('refuses a payment past the genesis limit, and takes it once a decision raised the limit', async () => {
    const before = setup('alice', 'bob');
    const tooMuch = before.pay('bob', 'alice', CREDIT_LIMIT + 1);
    expect(verdict(await settled(before.coop, before.entries), tooMuch)).toBe('invalid:over-limit');

    const { s, outcome } = raisedLimit();
    const limit = s.write('bob', 'limit', {
      decision: entryId(outcome),
      limit: 50_000,
    });
    const pay = s.pay('bob', 'alice', 40_000);
    const ledger = await settled(s.coop, s.entries);
    expect(verdict(ledger, outcome)).toBe('valid');
    expect(verdict(ledger, limit)).toBe('valid');
    expect(verdict(ledger, pay)).toBe('valid');
    expect(ledger.limitOf(s.did('bob'))).toStrictEqual({
      limit: 50_000,
      decision: entryId(outcome),
    });
    expect(ledger.limitOf(s.did('chloe'))).toStrictEqual({ limit: CREDIT_LIMIT, decision: null });
    const report = ledger.report();
    expect(report.limits?.[s.did('bob')]).toStrictEqual({
      limit: 50_000,
      decision: entryId(outcome),
    });
    expect(report.decisions?.map((row) => row.id)).toStrictEqual([entryId(outcome)]);
    expect(report.overLimit).toStrictEqual([]);
  });

  it('refuses a limit change that no adopted decision sets', async () => {
    const s = setup('alice', 'bob', 'chloe');
    const proposal = propose(s, 'alice', { method: { kind: 'consensus' } });
    const block = vote(s, 'chloe', proposal, 'block', 'Trop tôt pour ce montant.');
    const agree = vote(s, 'alice', proposal, 'agree');
    const blocked = close(s, 'alice', proposal, [agree, block], 'blocked', { agree: 1, block: 1 });
    const notAdopted = s.write(
      'bob',
      'limit',
      { decision: entryId(blocked), limit: 50_000 },
      { advance: false },
    );
    const notAnOutcome = s.write(
      'bob',
      'limit',
      { decision: entryId(proposal), limit: 50_000 },
      { advance: false },
    );
    const missing = s.write(
      'bob',
      'limit',
      { decision: 'a'.repeat(64), limit: 50_000 },
      { advance: false },
    );
    const ledger = await settled(s.coop, s.entries);
    expect(verdict(ledger, blocked)).toBe('valid');
    expect(verdict(ledger, notAdopted)).toBe('invalid:not-adopted');
    expect(verdict(ledger, notAnOutcome)).toBe('invalid:bad-reference');
    expect(verdict(ledger, missing)).toBe('pending:missing-reference');
  });

  it('refuses a limit other than the one decided, or one decided for someone else', async () => {
    const { s, outcome } = raisedLimit();
    const wrongAmount = s.write(
      'bob',
      'limit',
      { decision: entryId(outcome), limit: 90_000 },
      { advance: false },
    );
    const notForChloe = s.write('chloe', 'limit', { decision: entryId(outcome), limit: 50_000 });
    const ledger = await settled(s.coop, s.entries);
    expect(verdict(ledger, wrongAmount)).toBe('invalid:bad-limit');
    expect(verdict(ledger, notForChloe)).toBe('invalid:bad-limit');
  });

  it('applies a default limit to whoever takes it up, and keeps old payments valid after a lowering', async () => {
    const s = setup('alice', 'bob', 'chloe');
    const raise = propose(s, 'alice', { effects: { defaultLimit: 20_000 } });
    const votes = [vote(s, 'alice', raise, 'agree'), vote(s, 'bob', raise, 'agree')];
    const raised = close(s, 'bob', raise, votes, 'adopted', { agree: 2 });
    s.write('chloe', 'limit', { decision: entryId(raised), limit: 20_000 });
    const spend = s.pay('chloe', 'alice', 15_000);
    const lower = propose(s, 'bob', { effects: { defaultLimit: 5_000, revokes: entryId(raised) } });
    const votes2 = [vote(s, 'alice', lower, 'agree'), vote(s, 'bob', lower, 'agree')];
    const lowered = close(s, 'alice', lower, votes2, 'adopted', { agree: 2 });
    const takeUp = s.write('chloe', 'limit', { decision: entryId(lowered), limit: 5_000 });
    const more = s.pay('chloe', 'alice', 1);
    const ledger = await settled(s.coop, s.entries);
    // A signed payment never becomes invalid: the lowering governs what comes after it in the feed.
    expect(verdict(ledger, spend)).toBe('valid');
    expect(verdict(ledger, takeUp)).toBe('valid');
    expect(verdict(ledger, more)).toBe('invalid:over-limit');
    const report = ledger.report();
    expect(report.overLimit).toStrictEqual([{ account: s.did('chloe'), balance: -15_000 }]);
    const raisedRow = report.decisions?.find((row) => row.id === entryId(raised));
    expect(raisedRow?.revokedBy).toStrictEqual([entryId(lowered)]);
  });
});

describe('outcomes are recounted', () => {
  it('rejects an outcome whose counts or result are not those of its ballots', async () => {
    const s = setup('alice', 'bob', 'chloe');
    const proposal = propose(s, 'alice', {
      method: { kind: 'majority', num: 1, den: 2 },
      quorum: 3,
    });
    const ballots = [
      vote(s, 'alice', proposal, 'agree'),
      vote(s, 'bob', proposal, 'disagree'),
      vote(s, 'chloe', proposal, 'disagree'),
    ];
    const lie = close(s, 'alice', proposal, ballots, 'adopted', { agree: 1, disagree: 2 }, []);
    const ledger = await settled(s.coop, s.entries);
    expect(verdict(ledger, lie)).toBe('invalid:bad-outcome');

    const t = setup('alice', 'bob', 'chloe');
    const p2 = propose(t, 'alice', { method: { kind: 'majority', num: 1, den: 2 }, quorum: 3 });
    const b2 = [
      vote(t, 'alice', p2, 'agree'),
      vote(t, 'bob', p2, 'agree'),
      vote(t, 'chloe', p2, 'disagree'),
    ];
    const wrongCounts = close(t, 'bob', p2, b2, 'adopted', { agree: 3 }, []);
    const right = close(t, 'chloe', p2, b2, 'adopted', { agree: 2, disagree: 1 });
    const ledger2 = await settled(t.coop, t.entries);
    expect(verdict(ledger2, wrongCounts)).toBe('invalid:bad-outcome');
    expect(verdict(ledger2, right)).toBe('valid');
  });

  it('counts a quorum, and a vote signed after the closing time not at all', async () => {
    const s = setup('alice', 'bob', 'chloe');
    const proposal = propose(s, 'alice', { quorum: 3 });
    const onTime = [vote(s, 'alice', proposal, 'agree'), vote(s, 'bob', proposal, 'agree')];
    const late = vote(s, 'chloe', proposal, 'agree', '', '2025-03-03T09:00:00.000Z');
    const noQuorum = close(s, 'alice', proposal, [...onTime, late], 'no-quorum', { agree: 2 });
    const ledger = await settled(s.coop, s.entries);
    expect(verdict(ledger, noQuorum)).toBe('valid');
  });

  it('lets only the proposer withdraw or decide after advice', async () => {
    const s = setup('alice', 'bob', 'chloe');
    const advice = propose(s, 'bob', { method: { kind: 'advice' }, quorum: 0 });
    const ballots = [vote(s, 'alice', advice, 'disagree', 'Attention au coût.')];
    const byOther = close(s, 'alice', advice, ballots, 'adopted', { disagree: 1 });
    const byProposer = close(s, 'bob', advice, ballots, 'adopted', { disagree: 1 });
    const ledger = await settled(s.coop, s.entries);
    expect(verdict(ledger, byOther)).toBe('invalid:not-proposer');
    expect(verdict(ledger, byProposer)).toBe('valid');

    const t = setup('alice', 'bob', 'chloe');
    const consent = propose(t, 'alice', { quorum: 0 });
    const withdrawnByOther = close(t, 'bob', consent, [], 'withdrawn', {});
    const withdrawn = close(t, 'alice', consent, [], 'withdrawn', {});
    const ledger2 = await settled(t.coop, t.entries);
    expect(verdict(ledger2, withdrawnByOther)).toBe('invalid:not-proposer');
    expect(verdict(ledger2, withdrawn)).toBe('valid');
  });

  it('counts a proxy given for the assembly, and reports ballots the closer left out', async () => {
    const s = setup('alice', 'bob', 'chloe');
    const proposal = propose(s, 'alice', {
      quorum: 3,
      method: { kind: 'majority', num: 2, den: 3 },
    });
    const proxy = s.write('chloe', 'proxy', { assembly: 'ag-2025-03', to: s.did('alice') });
    const ballots = [vote(s, 'alice', proposal, 'agree'), vote(s, 'bob', proposal, 'disagree')];
    // Alice carries Chloé's vote: 2 of 3 agree.
    const outcome = close(s, 'alice', proposal, ballots, 'adopted', { agree: 2, disagree: 1 }, [
      proxy,
    ]);
    const leftOut = vote(s, 'chloe', proposal, 'disagree');
    const ledger = await settled(s.coop, s.entries);
    expect(verdict(ledger, proxy)).toBe('valid');
    expect(verdict(ledger, outcome)).toBe('valid');
    const row = ledger.report().decisions?.[0];
    expect(row?.uncounted).toStrictEqual([entryId(leftOut)]);
  });

  it('keeps a changed vote: the later ballot in the feed replaces the earlier one', async () => {
    const s = setup('alice', 'bob', 'chloe');
    const proposal = propose(s, 'alice', { method: { kind: 'consensus' }, quorum: 2 });
    const first = vote(s, 'bob', proposal, 'block', 'Pas comme ça.');
    const second = vote(s, 'bob', proposal, 'agree');
    const alice = vote(s, 'alice', proposal, 'agree');
    const outcome = close(s, 'chloe', proposal, [first, second, alice], 'adopted', { agree: 2 });
    const ledger = await settled(s.coop, s.entries);
    expect(verdict(ledger, outcome)).toBe('valid');
  });
});

describe('references and pending', () => {
  it('waits for a proposal or ballot not held yet, and names the reason', async () => {
    const { s, proposal, ballots, outcome } = raisedLimit();
    const withoutProposal = s.entries.filter((entry) => entry !== proposal);
    const ledger = await settled(s.coop, withoutProposal);
    expect(verdict(ledger, ballots[1] as Entry)).toBe('pending:missing-reference');
    // Alice's outcome follows the proposal in her own feed: it waits for it as its prev.
    expect(verdict(ledger, outcome)).toBe('pending:missing-prev');
    await ledger.add([proposal]);
    expect(verdict(ledger, outcome)).toBe('valid');
  });

  it('calls a ballot on something that is not a proposal a bad reference', async () => {
    const s = setup('alice', 'bob');
    const pay = s.pay('alice', 'bob', 100);
    const ballot = s.write('bob', 'ballot', {
      proposal: entryId(pay),
      choice: 'agree',
      reason: '',
    });
    const ledger = await settled(s.coop, s.entries);
    expect(verdict(ledger, ballot)).toBe('invalid:bad-reference');
  });
});

describe('format v1 alone', () => {
  it('reports exactly the spec fields when no governance entry is held', async () => {
    const s = setup('alice', 'bob');
    s.pay('alice', 'bob', 100);
    const ledger = await settled(s.coop, s.entries);
    expect(Object.keys(ledger.report())).toStrictEqual([
      'coop',
      'entries',
      'valid',
      'invalid',
      'pending',
      'forks',
      'members',
      'balances',
      'unaccepted',
      'overLimit',
    ]);
  });

  it('sees governance entries as malformed when the extension is off', async () => {
    const { s, outcome } = raisedLimit();
    const ledger = createLedger({ coop: s.coop, verifier: verifier(), extensions: false });
    await ledger.add(s.entries);
    expect(ledger.status(entryId(outcome))).toStrictEqual({
      state: 'invalid',
      reason: 'malformed',
    });
    expect(checkShape(outcome, { extensions: false })).toBeNull();
    expect(checkShape(outcome)).not.toBeNull();
  });
});

describe('hostile governance entries', () => {
  it('finds malformed every field out of shape', () => {
    const { s, proposal, outcome } = raisedLimit();
    const broken: Record<string, unknown>[] = [
      { ...proposal, method: { kind: 'majority', num: 3, den: 2 } },
      { ...proposal, method: { kind: 'majority', num: 0, den: 2 } },
      { ...proposal, method: { kind: 'vote' } },
      { ...proposal, method: { kind: 'consent', extra: 1 } },
      { ...proposal, quorum: -1 },
      { ...proposal, quorum: 1.5 },
      { ...proposal, closes: 'demain' },
      { ...proposal, electorate: [s.did('bob'), s.did('alice')].sort().reverse() },
      { ...proposal, electorate: [s.did('bob'), s.did('bob')] },
      { ...proposal, electorate: ['not a did'] },
      { ...proposal, effects: { memberLimit: { member: s.did('bob'), limit: -5 } } },
      { ...proposal, effects: { spend: 10 } },
      { ...proposal, effects: { approvesBudget: '' } },
      { ...proposal, effects: { approvesBudget: 'b'.repeat(65) } },
      { ...proposal, title: '' },
      { ...proposal, title: 'x'.repeat(201) },
      { ...proposal, text: '\ud800' },
      { ...outcome, ballots: 'all' },
      { ...outcome, ballots: [...outcome.ballots].reverse() },
      { ...outcome, counts: { ...outcome.counts, agree: -1 } },
      { ...outcome, counts: { agree: 2 } },
      { ...outcome, result: 'passed' },
      { ...outcome, proxies: null },
    ];
    for (const item of broken)
      expect(checkShape(item), JSON.stringify(item).slice(0, 200)).toBeNull();
  });

  it('gives the same report in any arrival order', async () => {
    const { s } = raisedLimit();
    s.write('bob', 'limit', { decision: entryId(s.entries.at(-1) as Entry), limit: 50_000 });
    s.pay('bob', 'chloe', 30_000);
    const expected = plain((await settled(s.coop, s.entries)).report());
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(s.entries, { minLength: s.entries.length }),
        async (order) => {
          const ledger = newLedger(s.coop);
          for (const entry of order) await ledger.add([entry]);
          expect(plain(ledger.report())).toStrictEqual(expected);
        },
      ),
      { numRuns: 50 },
    );
  });
});
