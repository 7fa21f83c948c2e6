import { keyPairFromSeed } from '@integrale/identity';
import { describe, expect, it } from 'vitest';
import type { ProposalInput, ProposalView } from '../../src/app/runtime-governance.js';
import { draftProblem, normaliseDraft, type DraftContext } from '../../src/governance/draft.js';
import {
  amendmentForm,
  emptyProposalForm,
  fromLocalInput,
  readProposalForm,
  toLocalInput,
  type ProposalFormContext,
} from '../../src/governance/proposal-form.js';

const alice = keyPairFromSeed(new Uint8Array(32).fill(1)).did;
const bob = keyPairFromSeed(new Uint8Array(32).fill(2)).did;
const stranger = keyPairFromSeed(new Uint8Array(32).fill(3)).did;
const NOW = Date.UTC(2026, 10, 26, 10, 0);
const PROPOSAL_ID = 'a'.repeat(64);
const OUTCOME_ID = 'b'.repeat(64);

const context: ProposalFormContext = {
  decimals: 2,
  locale: 'fr',
  now: NOW,
  circleMembers: (name) => (name === 'Montreuil' ? [bob, alice] : null),
};

const ledger: DraftContext = {
  isMember: (did) => did === alice || did === bob,
  isProposal: (id) => id === PROPOSAL_ID,
  isOutcome: (id) => id === OUTCOME_ID,
};

const filled = () => ({
  ...emptyProposalForm(NOW),
  title: '  Relever la limite de Bob  ',
  effect: 'memberLimit' as const,
  member: bob,
  limit: '500,00',
  quorum: '2',
});

describe('reading the proposal form', () => {
  it('reads a limit raise into a draft: amount in minor units, closing time in UTC', () => {
    const read = readProposalForm(filled(), context);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.input).toMatchObject({
      title: 'Relever la limite de Bob',
      scope: 'federation',
      method: { kind: 'consent' },
      quorum: 2,
      electorate: null,
      amends: null,
      effects: { memberLimit: { member: bob, limit: 50_000 } },
      hideResults: false,
    });
    expect(read.input.closes).toBe(new Date(NOW + 7 * 24 * 3600 * 1000).toISOString());
    expect(draftProblem(read.input, ledger)).toBeNull();
  });

  it('says what is wrong with each field of a hostile form, and reads nothing', () => {
    const read = readProposalForm(
      {
        ...filled(),
        title: '   ',
        text: 'x'.repeat(10_001),
        method: 'majority',
        threshold: '3/2',
        quorum: '1e3',
        closes: '2020-01-01T10:00',
        limit: '-5',
      },
      context,
    );
    expect(read).toStrictEqual({
      ok: false,
      errors: {
        title: 'empty',
        text: 'too-long',
        threshold: 'invalid',
        quorum: 'invalid',
        closes: 'past',
        limit: 'negative',
      },
    });
  });

  it('refuses a closing time that is not a date, a missing member and a missing decision', () => {
    expect(readProposalForm({ ...filled(), closes: 'demain' }, context)).toMatchObject({
      ok: false,
      errors: { closes: 'invalid' },
    });
    expect(readProposalForm({ ...filled(), member: '' }, context)).toMatchObject({
      ok: false,
      errors: { member: 'missing' },
    });
    expect(
      readProposalForm({ ...filled(), effect: 'revokes', decision: '' }, context),
    ).toMatchObject({ ok: false, errors: { decision: 'missing' } });
    expect(readProposalForm({ ...filled(), quorum: '-1' }, context)).toMatchObject({
      ok: false,
      errors: { quorum: 'invalid' },
    });
  });

  it('reads a majority threshold exactly, and a circle’s electorate from its members', () => {
    const read = readProposalForm(
      {
        ...filled(),
        method: 'majority',
        threshold: '2/3',
        scope: 'Montreuil',
        electorate: 'circle',
        effect: 'defaultLimit',
        limit: '0',
      },
      context,
    );
    expect(read.ok && read.input).toMatchObject({
      method: { kind: 'majority', num: 2, den: 3 },
      electorate: [bob, alice],
      effects: { defaultLimit: 0 },
    });
    if (read.ok) expect(normaliseDraft(read.input).electorate).toStrictEqual([alice, bob].sort());
  });

  it('writes and reads the member’s local date and time', () => {
    const date = new Date(2026, 10, 26, 18, 30);
    expect(fromLocalInput(toLocalInput(date))?.getTime()).toBe(date.getTime());
    expect(fromLocalInput('2026-11-26T18:30Z')).toBeNull();
    expect(fromLocalInput('<script>')).toBeNull();
  });

  it('prefills an amendment from the proposal it amends', () => {
    const proposal = {
      id: PROPOSAL_ID,
      title: 'Limite',
      text: 'Texte',
      scope: 'federation',
      assembly: 'ag-novembre',
      method: { kind: 'majority', num: 3, den: 4 },
      quorum: 3,
      closes: new Date(NOW + 3600_000).toISOString(),
      electorate: null,
      amends: null,
      effects: { memberLimit: { member: bob, limit: 50_000 } },
      hideResults: true,
    } as unknown as ProposalView;
    const form = amendmentForm(proposal, NOW, 2, 'fr');
    expect(form).toMatchObject({
      title: 'Limite',
      assembly: 'ag-novembre',
      method: 'majority',
      threshold: '3/4',
      quorum: '3',
      effect: 'memberLimit',
      member: bob,
      limit: '500,00',
      hideResults: true,
      amends: PROPOSAL_ID,
    });
  });
});

describe('checking a draft before signing it', () => {
  const good = (): ProposalInput => {
    const read = readProposalForm(filled(), context);
    if (!read.ok) throw new Error('the form should read');
    return read.input;
  };

  it('names the field that cannot make a valid proposal, for hostile values', () => {
    const cases: [Partial<Record<keyof ProposalInput, unknown>>, string][] = [
      [{ title: '' }, 'title'],
      [{ title: 'x'.repeat(201) }, 'title'],
      [{ title: 42 }, 'title'],
      [{ text: 'x'.repeat(10_001) }, 'text'],
      [{ scope: '' }, 'scope'],
      [{ assembly: 'x'.repeat(65) }, 'assembly'],
      [{ method: { kind: 'dictatorship' } }, 'method'],
      [{ method: { kind: 'majority', num: 0, den: 2 } }, 'method'],
      [{ method: { kind: 'consent', extra: 1 } }, 'method'],
      [{ quorum: 1.5 }, 'quorum'],
      [{ quorum: Number.NaN }, 'quorum'],
      [{ closes: '2026-11-26' }, 'closes'],
      [{ electorate: [] }, 'electorate'],
      [{ electorate: [stranger] }, 'electorate'],
      [{ electorate: ['did:key:zNotAKey'] }, 'electorate'],
      [{ amends: 'c'.repeat(64) }, 'amends'],
      [{ amends: '../../etc' }, 'amends'],
      [{ effects: { memberLimit: { member: stranger, limit: 1 } } }, 'effects'],
      [{ effects: { memberLimit: { member: bob, limit: 1e13 } } }, 'effects'],
      [{ effects: { memberLimit: { member: bob, limit: -1 } } }, 'effects'],
      [{ effects: { defaultLimit: 0.5 } }, 'effects'],
      [{ effects: { revokes: 'c'.repeat(64) } }, 'effects'],
      [{ effects: { removeMember: stranger } }, 'effects'],
      [{ effects: { everything: true } }, 'effects'],
      [
        { effects: { accountRules: { account: 'nope', stewards: [bob], threshold: 1 } } },
        'effects',
      ],
      [
        { effects: { accountRules: { account: 'a'.repeat(64), stewards: [bob], threshold: 2 } } },
        'effects',
      ],
      [
        { effects: { accountRules: { account: 'a'.repeat(64), stewards: [], threshold: 1 } } },
        'effects',
      ],
      [
        {
          effects: {
            accountRules: { account: 'a'.repeat(64), stewards: [stranger], threshold: 1 },
          },
        },
        'effects',
      ],
      [
        {
          effects: {
            accountRules: { account: 'a'.repeat(64), stewards: [bob, bob], threshold: 1 },
          },
        },
        'effects',
      ],
      [{ effects: null }, 'effects'],
    ];
    for (const [change, field] of cases) {
      expect(draftProblem({ ...good(), ...change } as ProposalInput, ledger), field).toBe(field);
    }
  });

  it('accepts new stewards and a threshold for an account', () => {
    expect(
      draftProblem(
        {
          ...good(),
          effects: { accountRules: { account: 'a'.repeat(64), stewards: [bob], threshold: 1 } },
        },
        ledger,
      ),
    ).toBeNull();
  });

  it('accepts references this device holds', () => {
    expect(
      draftProblem(
        { ...good(), amends: PROPOSAL_ID, effects: { revokes: OUTCOME_ID, defaultLimit: 0 } },
        ledger,
      ),
    ).toBeNull();
  });
});
