/*
 * Writes the test vectors of the governance extension gov/1 (docs/protocol-governance.md) to
 * docs/spec/vectors-extensions/: `governance.json` ({description, input, expected}, as the
 * format v1 vectors) and `governance.notes.json` (what each entry shows, in input order).
 * Deterministic: fixed keys (seeds from labels), a fixed clock, Ed25519's deterministic
 * signatures — running it again writes the same bytes. `npm run vectors:extensions`.
 *
 * The expected report is this implementation's; every verdict in it is also asserted one by one
 * in packages/ledger/test/extension-vectors.test.ts against the notes, so a reviewer can check
 * the rules, not just the bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  approveSpend,
  entryId,
  prepareSpend,
  type AccountEntry,
  type BallotEntry,
  type ContributeEntry,
  type Entry,
  type OutcomeEntry,
  type PreparedSpend,
  type ProposalEntry,
  type SpendEntry,
} from '../src/index.js';
import { ledgerWith, setup, verdict, type Scenario } from '../test/helpers/personas.js';

const OUT = fileURLToPath(new URL('../../../docs/spec/vectors-extensions/', import.meta.url));
const CLOSES = '2025-03-01T10:00:00.000Z';
const LATE = '2025-03-01T11:00:00.000Z';
const NONE = { agree: 0, disagree: 0, abstain: 0, 'stand-aside': 0, block: 0 };

/** An entry written, what it should be found to be, and why. */
interface Noted {
  readonly entry: Entry;
  readonly expect: string;
  readonly note: string;
}

/** A vector file's content, with the notes that go to its own file. */
interface Vector {
  description: string;
  input: Entry[];
  expected: unknown;
  notes: { id: string; expect: string; note: string }[];
}

/** Notes entries as they are written; `vector` checks every note against the ledger. */
function notebook() {
  const noted: Noted[] = [];
  return {
    note<E extends Entry>(entry: E, expect: string, text: string): E {
      noted.push({ entry, expect, note: text });
      return entry;
    },
    async vector(s: Scenario, description: string): Promise<Vector> {
      const ledger = await ledgerWith(s.coop, s.entries);
      for (const { entry, expect } of noted) {
        const found = verdict(ledger, entry);
        if (found !== expect)
          throw new Error(`${entryId(entry)}: expected ${expect}, found ${found}`);
      }
      return {
        description,
        input: s.entries,
        expected: JSON.parse(JSON.stringify(ledger.report())) as unknown,
        notes: noted.map(({ entry, expect, note: text }) => ({
          id: entryId(entry),
          expect,
          note: text,
        })),
      };
    },
  };
}

/** Writing proposals, ballots and outcomes in a scenario's feeds. */
function governanceWriters(s: Scenario) {
  return {
    propose: (name: string, fields: Partial<ProposalEntry>): ProposalEntry =>
      s.write<ProposalEntry>(name, 'proposal', {
        title: 'Proposition',
        text: '',
        scope: 'federation',
        assembly: 'ag-2025-03',
        method: { kind: 'consent' },
        quorum: 2,
        closes: CLOSES,
        electorate: null,
        amends: null,
        effects: {},
        ...fields,
      }),
    vote: (
      name: string,
      proposal: Entry,
      choice: BallotEntry['choice'],
      reason = '',
      ts?: string,
    ): BallotEntry =>
      s.write<BallotEntry>(
        name,
        'ballot',
        { proposal: entryId(proposal), choice, reason },
        ts === undefined ? {} : { ts },
      ),
    close: (
      name: string,
      proposal: Entry,
      ballots: readonly Entry[],
      result: OutcomeEntry['result'],
      counts: Partial<OutcomeEntry['counts']>,
      proxies: readonly Entry[] = [],
    ): OutcomeEntry =>
      s.write<OutcomeEntry>(name, 'outcome', {
        proposal: entryId(proposal),
        ballots: ballots.map(entryId).sort(),
        proxies: proxies.map(entryId).sort(),
        result,
        counts: { ...NONE, ...counts },
      }),
  };
}

export async function governanceVectors(): Promise<Vector> {
  const s: Scenario = setup('alice', 'bob', 'chloe', 'dan');
  const { note, vector } = notebook();
  const { propose, vote, close } = governanceWriters(s);

  // 1. Consent, with a proxy: Bob's limit raised to 500.00 ECO.
  const raise = note(
    propose('alice', {
      title: 'Limite de Bob à 500 ECO',
      effects: { memberLimit: { member: s.did('bob'), limit: 50_000 } },
    }),
    'valid',
    'proposal (consent, quorum 2, assembly ag-2025-03): Bob’s credit limit to 50000',
  );
  const proxy = note(
    s.write('dan', 'proxy', { assembly: 'ag-2025-03', to: s.did('alice') }),
    'valid',
    'proxy: Dan gives his vote to Alice for assembly ag-2025-03',
  );
  const a1 = note(vote('alice', raise, 'agree'), 'valid', 'ballot: Alice consents');
  const c1 = note(vote('chloe', raise, 'agree'), 'valid', 'ballot: Chloé consents');
  const b1 = note(
    vote('bob', raise, 'block'),
    'valid',
    'ballot: Bob blocks without a reason — a valid entry, ignored by the count (reason-required)',
  );
  const adopted = note(
    close('chloe', raise, [a1, c1, b1], 'adopted', { agree: 3 }, [proxy]),
    'valid',
    'outcome: adopted, agree 3 (Alice, Chloé, and Dan through Alice); Bob’s block without a reason does not count',
  );
  note(
    s.write('bob', 'limit', { decision: entryId(adopted), limit: 50_000 }),
    'valid',
    'limit: Bob takes up the 50000 the decision set',
  );
  const bigPay = note(
    s.pay('bob', 'chloe', 40_000, 'four à pain'),
    'valid',
    'pay: 40000 from Bob — over the genesis limit (10000), within his decided one',
  );
  note(s.accept('chloe', bigPay), 'valid', 'accept: Chloé receives it');

  // 2. Majority 2/3, a late ballot, an uncounted one: default limit to 200.00 ECO.
  const defaultRaise = note(
    propose('bob', {
      title: 'Limite commune à 200 ECO',
      method: { kind: 'majority', num: 2, den: 3 },
      quorum: 3,
      assembly: '',
      effects: { defaultLimit: 20_000 },
    }),
    'valid',
    'proposal (majority 2/3, quorum 3, no assembly): the default limit to 20000',
  );
  const a2 = note(vote('alice', defaultRaise, 'agree'), 'valid', 'ballot: Alice agrees');
  const b2 = note(vote('bob', defaultRaise, 'agree'), 'valid', 'ballot: Bob agrees');
  const c2 = note(vote('chloe', defaultRaise, 'disagree'), 'valid', 'ballot: Chloé disagrees');
  const d2 = note(
    vote('dan', defaultRaise, 'disagree', '', LATE),
    'valid',
    'ballot: Dan disagrees, signed after the closing time — valid, not counted',
  );
  const majority = note(
    close('alice', defaultRaise, [a2, b2, c2, d2], 'adopted', { agree: 2, disagree: 1 }),
    'valid',
    'outcome: adopted, 2 agree of 3 counted (2·3 ≥ 2·3); Dan’s late ballot is listed but not counted',
  );
  note(
    s.write('dan', 'limit', { decision: entryId(majority), limit: 20_000 }),
    'valid',
    'limit: Dan takes up the default 20000',
  );
  const danPay = note(
    s.pay('dan', 'alice', 15_000),
    'valid',
    'pay: 15000 from Dan, within his new limit',
  );
  note(s.accept('alice', danPay), 'valid', 'accept: Alice receives it');

  // 3. Consensus blocked, with a reason.
  const blockedProposal = note(
    propose('chloe', {
      title: 'Limite de Chloé à 1000 ECO',
      method: { kind: 'consensus' },
      effects: { memberLimit: { member: s.did('chloe'), limit: 100_000 } },
    }),
    'valid',
    'proposal (consensus): Chloé’s limit to 100000',
  );
  const a3 = note(
    vote('alice', blockedProposal, 'block', 'Trop élevé pour une première année.'),
    'valid',
    'ballot: Alice blocks, with her reason',
  );
  const c3 = note(vote('chloe', blockedProposal, 'agree'), 'valid', 'ballot: Chloé agrees');
  const blocked = note(
    close('alice', blockedProposal, [a3, c3], 'blocked', { agree: 1, block: 1 }),
    'valid',
    'outcome: blocked (one block with a reason)',
  );

  // 4. Bad references, pending, and the invalid at the ends of feeds.
  note(
    s.write('chloe', 'limit', { decision: entryId(blocked), limit: 100_000 }, { advance: false }),
    'invalid:not-adopted',
    'limit: Chloé cites the blocked outcome',
  );
  note(
    s.write('chloe', 'limit', { decision: entryId(adopted), limit: 50_000 }, { advance: false }),
    'invalid:bad-limit',
    'limit: Chloé cites the decision that set Bob’s limit, not hers',
  );
  note(
    s.write(
      'chloe',
      'ballot',
      { proposal: entryId(bigPay), choice: 'agree', reason: '' },
      {
        advance: false,
      },
    ),
    'invalid:bad-reference',
    'ballot: on a pay, not a proposal',
  );
  note(
    s.write(
      'chloe',
      'ballot',
      { proposal: 'f'.repeat(64), choice: 'agree', reason: '' },
      { advance: false },
    ),
    'pending:missing-reference',
    'ballot: on a proposal not held',
  );
  const advice = note(
    propose('bob', { title: 'Acheter un four', method: { kind: 'advice' }, quorum: 0 }),
    'valid',
    'proposal (advice): Bob asks for advice',
  );
  const a4 = note(
    vote('alice', advice, 'disagree', 'Le coût me semble élevé.'),
    'valid',
    'ballot: Alice advises against',
  );
  note(
    close('chloe', advice, [a4], 'adopted', { disagree: 1 }),
    'invalid:not-proposer',
    'outcome: Chloé closes Bob’s advice process — only the proposer decides',
  );
  note(
    close('dan', raise, [a1, c1, b1], 'rejected', { agree: 3 }, [proxy]),
    'invalid:bad-outcome',
    'outcome: Dan records the first vote as rejected — the recount says adopted',
  );
  note(
    vote('bob', defaultRaise, 'disagree'),
    'valid',
    'ballot: Bob changes his vote after the outcome was recorded (not listed in it, signed on time by his clock: reported as uncounted)',
  );

  return vector(
    s,
    'Governance extension gov/1: a cooperative of four decides by consent (with a proxy), by a 2/3 majority (with a late ballot), and by consensus (blocked); credit limits change only through limit entries citing adopted decisions; plus not-adopted, bad-limit, bad-reference, missing-reference, not-proposer and bad-outcome (Chloé’s five faulty entries are all written at her seq 8, so they also show as one fork). governance.notes.json says what each noted entry shows.',
  );
}

/** The vectors of the collective-accounts extension acct/1 (docs/protocol-accounts.md). */
export async function accountsVectors(): Promise<Vector> {
  const s: Scenario = setup('alice', 'bob', 'chloe', 'dan');
  const { note, vector } = notebook();
  const { propose, vote, close } = governanceWriters(s);
  const open = (name: string, title: string, kind: string, stewards: string[], k: number) =>
    s.write<AccountEntry>(name, 'account', {
      name: title,
      kind,
      scope: 'Montreuil',
      stewards: stewards.map((steward) => s.did(steward)).sort(),
      threshold: k,
    });
  const contribute = (name: string, account: Entry, amount: number) =>
    s.write<ContributeEntry>(name, 'contribute', {
      account: entryId(account),
      amount,
      memo: 'apport',
      balance: s.head(name).balance - amount,
    });
  const spend = (
    writer: string,
    fields: Partial<PreparedSpend> & Pick<PreparedSpend, 'account' | 'to' | 'amount'>,
    approvers: string[],
    advance = true,
  ): SpendEntry => {
    const prepared = prepareSpend({
      coop: s.coop,
      accountSeq: 1,
      accountPrev: null,
      memo: '',
      receipts: [],
      decision: null,
      rules: null,
      ...fields,
    });
    const approvals = Object.fromEntries(
      approvers.map((name) => [s.did(name), approveSpend(s.key(name), prepared)]),
    );
    return s.write<SpendEntry>(writer, 'spend', { ...prepared, approvals }, { advance });
  };

  const bakery = note(
    open('alice', 'Fournil collectif', 'project', ['alice', 'bob', 'chloe'], 2),
    'valid',
    'account: a project account, 2 of 3 stewards (Alice, Bob, Chloé)',
  );
  const gift = note(contribute('dan', bakery, 6_000), 'valid', 'contribute: Dan puts 6000 in');
  const flour = note(
    spend(
      'bob',
      { account: entryId(bakery), to: s.did('dan'), amount: 2_000, receipts: [entryId(gift)] },
      ['alice', 'bob'],
    ),
    'valid',
    'spend: 2000 to Dan, approved by Alice and Bob, taking Dan’s contribution in (account chain 1)',
  );
  note(s.accept('dan', flour as never), 'valid', 'accept: Dan receives the spend');
  const oven = note(
    spend(
      'chloe',
      {
        account: entryId(bakery),
        accountSeq: 2,
        accountPrev: entryId(flour),
        to: s.did('chloe'),
        amount: 1_500,
      },
      ['bob', 'chloe'],
    ),
    'valid',
    'spend: 1500 to Chloé herself, approved by Bob and Chloé (account chain 2)',
  );
  note(s.accept('chloe', oven as never), 'valid', 'accept: Chloé receives it');
  note(
    spend(
      'alice',
      {
        account: entryId(bakery),
        accountSeq: 3,
        accountPrev: entryId(oven),
        to: s.did('alice'),
        amount: 500,
      },
      ['alice'],
      false,
    ),
    'invalid:not-approved',
    'spend: approved by Alice alone where 2 are needed',
  );
  note(
    spend(
      'alice',
      {
        account: entryId(bakery),
        accountSeq: 3,
        accountPrev: entryId(oven),
        to: s.did('alice'),
        amount: 3_000,
      },
      ['alice', 'chloe'],
      false,
    ),
    'invalid:overdrawn',
    'spend: 3000 when the chain holds 2500',
  );
  note(
    spend(
      'alice',
      {
        account: entryId(bakery),
        accountSeq: 3,
        accountPrev: entryId(oven),
        to: s.did('alice'),
        amount: 100,
        receipts: [entryId(gift)],
      },
      ['alice', 'chloe'],
      false,
    ),
    'invalid:double-receipt',
    'spend: takes Dan’s contribution in a second time along the chain',
  );
  const racingA = note(
    spend(
      'bob',
      {
        account: entryId(bakery),
        accountSeq: 3,
        accountPrev: entryId(oven),
        to: s.did('dan'),
        amount: 2_000,
      },
      ['alice', 'bob'],
    ),
    'valid',
    'spend: 2000 to Dan at chain 3, approved by Alice and Bob …',
  );
  const racingB = note(
    spend(
      'chloe',
      {
        account: entryId(bakery),
        accountSeq: 3,
        accountPrev: entryId(oven),
        to: s.did('bob'),
        amount: 2_000,
      },
      ['bob', 'chloe'],
    ),
    'valid',
    '… and 2000 to Bob at chain 3 too, approved by Bob and Chloé: a fork of the account, both debts counted (balance −1500)',
  );
  note(s.accept('dan', racingA as never), 'valid', 'accept: Dan receives his');
  note(s.accept('bob', racingB as never), 'valid', 'accept: Bob receives his');
  note(
    open('dan', 'Groupe informatique', 'service', ['alice'], 1),
    'invalid:not-steward',
    'account: Dan opens an account he is not a steward of',
  );

  // The assembly hands the bike workshop's account from Bob to Chloé.
  const bikes = note(
    open('bob', 'Atelier vélo', 'project', ['bob'], 1),
    'valid',
    'account: Bob’s bike workshop, 1 of 1 (Bob)',
  );
  const bikeGift = note(
    contribute('alice', bikes, 1_000),
    'valid',
    'contribute: Alice puts 1000 in',
  );
  const handOver = propose('alice', {
    title: 'Chloé reprend l’atelier vélo',
    scope: 'Montreuil',
    assembly: '',
    quorum: 1,
    effects: {
      accountRules: { account: entryId(bikes), stewards: [s.did('chloe')], threshold: 1 },
    },
  });
  note(handOver, 'valid', 'proposal: new rules for the workshop’s account (Chloé, 1 of 1)');
  const decided = note(
    close('alice', handOver, [vote('alice', handOver, 'agree')], 'adopted', { agree: 1 }),
    'valid',
    'outcome: adopted',
  );
  const byChloe = note(
    spend(
      'chloe',
      {
        account: entryId(bikes),
        to: s.did('dan'),
        amount: 400,
        receipts: [entryId(bikeGift)],
        rules: entryId(decided),
      },
      ['chloe'],
    ),
    'valid',
    'spend: Chloé spends 400 under the decided rules, which the chain takes up here',
  );
  note(
    spend(
      'bob',
      {
        account: entryId(bikes),
        accountSeq: 2,
        accountPrev: entryId(byChloe),
        to: s.did('bob'),
        amount: 100,
      },
      ['bob'],
      false,
    ),
    'invalid:bad-rules',
    'spend: Bob spends under the account entry’s rules after the chain took up the decision',
  );

  return vector(
    s,
    'Collective-accounts extension acct/1: a project account with 2 of 3 stewards receives a contribution, spends with two approvals along its own chain, refuses a spend with one approval, an overdraft and a receipt taken twice, shows two stewards spending at once as an account fork with both debts counted, and hands another account to a new steward by decision (bad-rules for the old one). accounts.notes.json says what each noted entry shows.',
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(OUT, { recursive: true });
  for (const [name, make] of [
    ['governance', governanceVectors],
    ['accounts', accountsVectors],
  ] as const) {
    const { notes, ...file } = await make();
    writeFileSync(`${OUT}${name}.json`, JSON.stringify(file, null, 2) + '\n');
    writeFileSync(`${OUT}${name}.notes.json`, JSON.stringify({ notes }, null, 2) + '\n');
    process.stdout.write(`wrote ${OUT}${name}.json (${file.input.length} entries)\n`);
  }
}
