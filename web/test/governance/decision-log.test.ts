import { keyPairFromSeed } from '@integrale/identity';
import { describe, expect, it } from 'vitest';
import type { DecisionView } from '../../src/app/runtime-governance.js';
import {
  countsCell,
  decisionScopes,
  decisionsCsv,
  filterDecisions,
} from '../../src/governance/decision-log.js';
import {
  describeEffects,
  describeGovernanceProblem,
  describeMethod,
  describeVerification,
} from '../../src/governance/describe.js';
import { createTranslator } from '../../src/i18n/translator.js';

const bob = keyPairFromSeed(new Uint8Array(32).fill(2)).did;
const fr = createTranslator('fr');
const en = createTranslator('en');

function decision(overrides: Partial<DecisionView>): DecisionView {
  return {
    id: '1'.repeat(64),
    proposal: '2'.repeat(64),
    author: bob,
    ts: '2026-11-26T10:00:00.000Z',
    scope: 'federation',
    title: 'Relever la limite de Bob',
    method: { kind: 'consent' },
    result: 'adopted',
    counts: { agree: 3, disagree: 0, abstain: 0, 'stand-aside': 0, block: 0 },
    effects: { memberLimit: { member: bob, limit: 50_000 } },
    status: { state: 'valid', balance: 0 },
    amends: null,
    revokedBy: [],
    uncounted: [],
    conflicts: [],
    entries: [],
    ...overrides,
  };
}

const log = [
  decision({}),
  decision({ id: '3'.repeat(64), scope: 'Montreuil', title: 'Fête de l’été' }),
  decision({ id: '4'.repeat(64), scope: 'Paris 20e', title: '=HYPERLINK("http://x")' }),
];

describe('the decision log', () => {
  it('filters by scope and by words, ignoring case and accents, never as a pattern', () => {
    expect(filterDecisions(log, { scope: 'Montreuil', search: '' }).map((d) => d.title)).toEqual([
      'Fête de l’été',
    ]);
    expect(filterDecisions(log, { scope: null, search: 'FETE ete' })).toHaveLength(1);
    expect(filterDecisions(log, { scope: null, search: '.*' })).toHaveLength(0);
    expect(filterDecisions(log, { scope: null, search: '(' })).toHaveLength(1);
    expect(
      filterDecisions(log, { scope: null, search: 'adoptée' }, () => ['Adoptée']),
    ).toHaveLength(3);
    expect(filterDecisions(log, { scope: 'federation', search: '   ' })).toHaveLength(1);
  });

  it('lists the scopes, federation first', () => {
    expect(decisionScopes(log)).toEqual(['federation', 'Montreuil', 'Paris 20e']);
  });

  it('exports CSV with formula cells neutralised and line breaks quoted', () => {
    const csv = decisionsCsv(
      [log[2] as DecisionView, decision({ title: 'deux\nlignes' })],
      {
        date: 'Date',
        title: 'Titre',
        scope: 'Portée',
        method: 'Méthode',
        result: 'Résultat',
        counts: 'Voix',
        state: 'Vérification',
        effects: 'Effets',
        links: 'Liens',
        id: 'Décision (id)',
        proposal: 'Proposition (id)',
      },
      {
        method: (d) => describeMethod(fr, d.method),
        result: () => 'Adoptée',
        state: (d) => describeVerification(fr, d.status),
        effects: () => '-1 ECO',
        links: () => '',
      },
    );
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'Date,Titre,Portée,Méthode,Résultat,Voix,Vérification,Effets,Liens,Décision (id),Proposition (id)',
    );
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(lines[1]).toContain(`'-1 ECO`);
    expect(csv).toContain('"deux\nlignes"');
    expect(countsCell(decision({}).counts)).toBe(
      'agree=3 disagree=0 abstain=0 stand-aside=0 block=0',
    );
  });
});

describe('governance in words', () => {
  const context = {
    currency: { code: 'ECO', decimals: 2 },
    locale: 'fr' as const,
    nameOf: () => 'Bob',
    titleOf: () => null,
  };

  it('says each effect of a decision, and that there is none', () => {
    expect(
      describeEffects(fr, { memberLimit: { member: bob, limit: 50_000 } }, context),
    ).toStrictEqual(['Fixe la limite de crédit de Bob à 500,00\u00a0ECO.']);
    expect(describeEffects(fr, {}, context)).toStrictEqual(['Aucun effet sur le registre.']);
    expect(describeEffects(en, { revokes: '5'.repeat(64), removeMember: bob }, context)).toEqual([
      'Revokes the decision “a decision this device does not know”.',
      'Removes Bob from the cooperative.',
    ]);
  });

  it('names methods and problems, with the field at fault', () => {
    expect(describeMethod(fr, { kind: 'majority', num: 2, den: 3 })).toBe('Majorité de 2/3');
    expect(
      describeGovernanceProblem(fr, { ok: false, reason: 'invalid-draft', field: 'quorum' }),
    ).toBe(
      'La proposition n’est pas valable\u00a0: le quorum doit être un nombre entier de 0 à 1\u00a0000\u00a0000.',
    );
    expect(describeVerification(en, { state: 'invalid', reason: 'bad-outcome' })).toMatch(
      /^Refused by this device: /,
    );
  });
});
