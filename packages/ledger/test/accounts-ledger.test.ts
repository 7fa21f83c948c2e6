/*
 * The collective-accounts extension in the ledger (docs/protocol-accounts.md): accounts with k
 * of n stewards, contributions, spends approved by stewards' signatures or by a decision, the
 * account's own chain of spends — and two stewards spending at once showing up as a fork, never
 * as a silent overdraft. Every scenario is checked in any arrival order.
 */
import { describe, expect, it } from 'vitest';
import {
  approveSpend,
  checkShape,
  entryId,
  prepareSpend,
  type AccountEntry,
  type ContributeEntry,
  type Entry,
  type Ledger,
  type OutcomeEntry,
  type PreparedSpend,
  type ProposalEntry,
  type SpendEntry,
  type VerificationReport,
} from '../src/index.js';
import { newLedger, setup, verdict, type Scenario } from './helpers/personas.js';

const plain = (report: VerificationReport): unknown => JSON.parse(JSON.stringify(report));

async function settled(coop: string, items: readonly unknown[]): Promise<Ledger> {
  const ledger = newLedger(coop);
  await ledger.add(items);
  const reversed = newLedger(coop);
  for (const item of [...items].reverse()) await reversed.add([item]);
  expect(plain(reversed.report())).toStrictEqual(plain(ledger.report()));
  return ledger;
}

function openAccount(s: Scenario, name: string, stewards: string[], threshold: number) {
  return s.write<AccountEntry>(name, 'account', {
    name: 'Fournil collectif',
    kind: 'project',
    scope: 'Montreuil',
    stewards: stewards.map((steward) => s.did(steward)).sort(),
    threshold,
  });
}

function contribute(s: Scenario, name: string, account: Entry, amount: number): ContributeEntry {
  return s.write<ContributeEntry>(name, 'contribute', {
    account: entryId(account),
    amount,
    memo: 'part sociale',
    balance: s.head(name).balance - amount,
  });
}

function spend(
  s: Scenario,
  writer: string,
  fields: Partial<PreparedSpend> & Pick<PreparedSpend, 'account' | 'to' | 'amount'>,
  approvers: string[],
  opts: { advance?: boolean } = {},
): SpendEntry {
  const prepared = prepareSpend({
    coop: s.coop,
    accountSeq: 1,
    accountPrev: null,
    memo: 'farine',
    receipts: [],
    decision: null,
    rules: null,
    ...fields,
  });
  const approvals = Object.fromEntries(
    approvers.map((name) => [s.did(name), approveSpend(s.key(name), prepared)]),
  );
  return s.write<SpendEntry>(writer, 'spend', { ...prepared, approvals }, opts);
}

/** Alice and Bob steward a project account (2 of 2); Chloé puts 30.00 into it. */
function funded() {
  const s = setup('alice', 'bob', 'chloe', 'dan');
  const account = openAccount(s, 'alice', ['alice', 'bob'], 2);
  const gift = contribute(s, 'chloe', account, 3_000);
  return { s, account, gift };
}

describe('collective accounts', () => {
  it('receive contributions and spend with k of n stewards; the payee accepts', async () => {
    const { s, account, gift } = funded();
    const paid = spend(
      s,
      'bob',
      { account: entryId(account), to: s.did('dan'), amount: 1_000, receipts: [entryId(gift)] },
      ['alice', 'bob'],
    );
    const accept = s.accept('dan', paid as never);
    const ledger = await settled(s.coop, s.entries);
    expect(verdict(ledger, account)).toBe('valid');
    expect(verdict(ledger, gift)).toBe('valid');
    expect(verdict(ledger, paid)).toBe('valid');
    expect(verdict(ledger, accept)).toBe('valid');
    expect(ledger.balanceOf(entryId(account))).toBe(2_000);
    expect(ledger.balanceOf(s.did('chloe'))).toBe(-3_000);
    expect(ledger.balanceOf(s.did('dan'))).toBe(1_000);
    expect(ledger.accountAvailable(entryId(account))).toBe(2_000);
    const report = ledger.report();
    expect(report.accounts?.[entryId(account)]).toMatchObject({ balance: 2_000, threshold: 2 });
    expect(report.accountForks).toStrictEqual([]);
    expect(report.unaccepted).toStrictEqual([]);
  });

  it('refuses a spend one steward approved when two must', async () => {
    const { s, account, gift } = funded();
    const alone = spend(
      s,
      'alice',
      { account: entryId(account), to: s.did('dan'), amount: 1_000, receipts: [entryId(gift)] },
      ['alice'],
    );
    const ledger = await settled(s.coop, s.entries);
    expect(verdict(ledger, alone)).toBe('invalid:not-approved');
  });

  it('does not count an approval signed over other fields, or by someone not a steward', async () => {
    const { s, account, gift } = funded();
    const base = prepareSpend({
      coop: s.coop,
      account: entryId(account),
      accountSeq: 1,
      accountPrev: null,
      to: s.did('dan'),
      amount: 1_000,
      memo: '',
      receipts: [entryId(gift)],
      decision: null,
      rules: null,
    });
    const forged = s.write<SpendEntry>('alice', 'spend', {
      ...base,
      approvals: {
        [s.did('alice')]: approveSpend(s.key('alice'), base),
        // Bob approved 10.00, not 1000.00.
        [s.did('bob')]: approveSpend(s.key('bob'), { ...base, amount: 100 }),
        [s.did('chloe')]: approveSpend(s.key('chloe'), base),
      },
    });
    const ledger = await settled(s.coop, s.entries);
    expect(verdict(ledger, forged)).toBe('invalid:not-approved');
  });

  it('refuses an overdraft, and a receipt taken twice along the chain', async () => {
    const { s, account, gift } = funded();
    const tooMuch = spend(
      s,
      'alice',
      { account: entryId(account), to: s.did('dan'), amount: 3_001, receipts: [entryId(gift)] },
      ['alice', 'bob'],
      { advance: false },
    );
    const first = spend(
      s,
      'alice',
      { account: entryId(account), to: s.did('dan'), amount: 1_000, receipts: [entryId(gift)] },
      ['alice', 'bob'],
    );
    const twice = spend(
      s,
      'bob',
      {
        account: entryId(account),
        accountSeq: 2,
        accountPrev: entryId(first),
        to: s.did('dan'),
        amount: 1_000,
        receipts: [entryId(gift)],
      },
      ['alice', 'bob'],
    );
    const ledger = await settled(s.coop, s.entries);
    expect(verdict(ledger, tooMuch)).toBe('invalid:overdrawn');
    expect(verdict(ledger, first)).toBe('valid');
    expect(verdict(ledger, twice)).toBe('invalid:double-receipt');
  });

  it('shows two stewards spending at once as a fork of the account, never a silent overdraft', async () => {
    const { s, account, gift } = funded();
    const one = spend(
      s,
      'alice',
      { account: entryId(account), to: s.did('dan'), amount: 2_000, receipts: [entryId(gift)] },
      ['alice', 'bob'],
    );
    const other = spend(
      s,
      'bob',
      { account: entryId(account), to: s.did('chloe'), amount: 2_500, receipts: [entryId(gift)] },
      ['alice', 'bob'],
    );
    const ledger = await settled(s.coop, s.entries);
    expect(verdict(ledger, one)).toBe('valid');
    expect(verdict(ledger, other)).toBe('valid');
    const report = ledger.report();
    expect(report.accountForks).toStrictEqual([
      { account: entryId(account), accountSeq: 1, ids: [entryId(one), entryId(other)].sort() },
    ]);
    // Both debts count: the account is visibly below zero.
    expect(report.accounts?.[entryId(account)]?.balance).toBe(-1_500);
  });

  it('spends by an adopted decision, to another account, which takes it in', async () => {
    const s = setup('alice', 'bob', 'chloe');
    const fund = s.write<AccountEntry>('alice', 'account', {
      name: 'Caisse de financement sans intérêts',
      kind: 'fund',
      scope: 'federation',
      stewards: [s.did('alice'), s.did('bob')].sort(),
      threshold: 2,
    });
    const project = openAccount(s, 'chloe', ['chloe'], 1);
    const saving = contribute(s, 'bob', fund, 5_000);
    const proposal = s.write<ProposalEntry>('alice', 'proposal', {
      title: 'Prêt au fournil',
      text: '',
      scope: 'federation',
      assembly: '',
      method: { kind: 'consent' },
      quorum: 1,
      closes: '2025-03-02T09:00:00.000Z',
      electorate: null,
      amends: null,
      effects: { spend: { account: entryId(fund), to: entryId(project), amount: 4_000 } },
    });
    const ballot = s.write('bob', 'ballot', {
      proposal: entryId(proposal),
      choice: 'agree',
      reason: '',
    });
    const decision = s.write<OutcomeEntry>('bob', 'outcome', {
      proposal: entryId(proposal),
      ballots: [entryId(ballot)],
      proxies: [],
      result: 'adopted',
      counts: { agree: 1, disagree: 0, abstain: 0, 'stand-aside': 0, block: 0 },
    });
    const loan = spend(
      s,
      'alice',
      {
        account: entryId(fund),
        to: entryId(project),
        amount: 4_000,
        receipts: [entryId(saving)],
        decision: entryId(decision),
      },
      [],
    );
    const wrongAmount = spend(
      s,
      'alice',
      {
        account: entryId(fund),
        to: entryId(project),
        amount: 4_500,
        receipts: [entryId(saving)],
        decision: entryId(decision),
      },
      [],
      { advance: false },
    );
    const projectSpend = spend(
      s,
      'chloe',
      { account: entryId(project), to: s.did('bob'), amount: 1_000, receipts: [entryId(loan)] },
      ['chloe'],
    );
    const ledger = await settled(s.coop, s.entries);
    expect(verdict(ledger, loan)).toBe('valid');
    expect(verdict(ledger, wrongAmount)).toBe('invalid:not-approved');
    expect(verdict(ledger, projectSpend)).toBe('valid');
    expect(ledger.balanceOf(entryId(fund))).toBe(1_000);
    expect(ledger.balanceOf(entryId(project))).toBe(3_000);
    expect(ledger.unacceptedPaysTo(s.did('bob')).map(entryId)).toStrictEqual([
      entryId(projectSpend),
    ]);
  });

  it('refuses an account opened by someone not among its stewards, and waits for stewards to join', async () => {
    const s = setup('alice', 'bob');
    const notSteward = openAccount(s, 'alice', ['bob'], 1);
    const ledger = await settled(s.coop, s.entries);
    expect(verdict(ledger, notSteward)).toBe('invalid:not-steward');
  });

  it('finds malformed every account field out of shape', () => {
    const { s, account } = funded();
    const broken: Record<string, unknown>[] = [
      { ...account, threshold: 0 },
      { ...account, threshold: 3 },
      { ...account, stewards: [] },
      { ...account, stewards: [s.did('bob'), s.did('alice')].sort().reverse() },
      { ...account, kind: 'bank' },
      { ...account, name: '' },
    ];
    for (const item of broken) expect(checkShape(item)).toBeNull();
    const sample = spend(
      s,
      'alice',
      { account: entryId(account), to: s.did('dan'), amount: 1 },
      ['alice'],
      { advance: false },
    );
    const brokenSpends: Record<string, unknown>[] = [
      { ...sample, accountSeq: 2 }, // seq 2 needs an accountPrev
      { ...sample, accountPrev: 'a'.repeat(64) }, // seq 1 has none
      { ...sample, amount: 0 },
      { ...sample, to: 'someone' },
      { ...sample, approvals: { 'not-a-did': sample.sig } },
      { ...sample, approvals: [] },
      { ...sample, receipts: ['b'.repeat(64), 'a'.repeat(64)] },
    ];
    for (const item of brokenSpends) expect(checkShape(item)).toBeNull();
  });

  it('changes stewards and threshold only by decision, taken up along the account chain', async () => {
    const { s, account, gift } = funded(); // Alice and Bob, 2 of 2
    const decide = (effects: ProposalEntry['effects']) => {
      const proposal = s.write<ProposalEntry>('alice', 'proposal', {
        title: 'Règles du compte',
        text: '',
        scope: 'Montreuil',
        assembly: '',
        method: { kind: 'consent' },
        quorum: 1,
        closes: '2025-03-02T09:00:00.000Z',
        electorate: null,
        amends: null,
        effects,
      });
      const ballot = s.write('bob', 'ballot', {
        proposal: entryId(proposal),
        choice: 'agree',
        reason: '',
      });
      return s.write<OutcomeEntry>('bob', 'outcome', {
        proposal: entryId(proposal),
        ballots: [entryId(ballot)],
        proxies: [],
        result: 'adopted',
        counts: { agree: 1, disagree: 0, abstain: 0, 'stand-aside': 0, block: 0 },
      });
    };
    // Chloé joins the stewards; one approval is enough from now on.
    const widen = decide({
      accountRules: {
        account: entryId(account),
        stewards: [s.did('alice'), s.did('bob'), s.did('chloe')].sort(),
        threshold: 1,
      },
    });
    const byChloe = spend(
      s,
      'chloe',
      {
        account: entryId(account),
        to: s.did('dan'),
        amount: 500,
        receipts: [entryId(gift)],
        rules: entryId(widen),
      },
      ['chloe'],
    );
    // Going back to the account entry's rules (2 of 2) is refused, even with both approvals.
    const back = spend(
      s,
      'alice',
      {
        account: entryId(account),
        accountSeq: 2,
        accountPrev: entryId(byChloe),
        to: s.did('dan'),
        amount: 100,
      },
      ['alice', 'bob'],
      { advance: false },
    );
    // A later decision that does not revoke the one in force cannot be taken up either.
    const sideways = decide({
      accountRules: { account: entryId(account), stewards: [s.did('dan')], threshold: 1 },
    });
    const bySideways = spend(
      s,
      'dan',
      {
        account: entryId(account),
        accountSeq: 2,
        accountPrev: entryId(byChloe),
        to: s.did('dan'),
        amount: 100,
        rules: entryId(sideways),
      },
      ['dan'],
      { advance: false },
    );
    // One that revokes it can.
    const narrow = decide({
      revokes: entryId(widen),
      accountRules: { account: entryId(account), stewards: [s.did('bob')], threshold: 1 },
    });
    const byBob = spend(
      s,
      'bob',
      {
        account: entryId(account),
        accountSeq: 2,
        accountPrev: entryId(byChloe),
        to: s.did('dan'),
        amount: 100,
        rules: entryId(narrow),
      },
      ['bob'],
    );
    const ledger = await settled(s.coop, s.entries);
    expect(verdict(ledger, byChloe)).toBe('valid');
    expect(verdict(ledger, back)).toBe('invalid:bad-rules');
    expect(verdict(ledger, bySideways)).toBe('invalid:bad-rules');
    expect(verdict(ledger, byBob)).toBe('valid');
    expect(ledger.accountRules(entryId(account))).toStrictEqual({
      stewards: [s.did('bob')],
      threshold: 1,
      decision: entryId(narrow),
    });
    expect(ledger.report().accounts?.[entryId(account)]).toMatchObject({
      stewards: [s.did('bob')],
      threshold: 1,
      rules: entryId(narrow),
    });
  });
});
