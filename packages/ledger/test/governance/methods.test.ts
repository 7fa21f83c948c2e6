import { describe, expect, it } from 'vitest';
import {
  CHOICES,
  DECISION_METHOD_KINDS,
  MAX_QUORUM,
  allowedChoices,
  isChoice,
  validateClosingTime,
  validateMethod,
  validateQuorum,
} from '../../src/index.js';

describe('decision methods', () => {
  it('names the choices each method counts, in the order of CHOICES', () => {
    expect(allowedChoices({ kind: 'consent' })).toEqual(['agree', 'block']);
    expect(allowedChoices({ kind: 'consensus' })).toEqual(['agree', 'stand-aside', 'block']);
    expect(allowedChoices({ kind: 'majority', num: 1, den: 2 })).toEqual([
      'agree',
      'disagree',
      'abstain',
    ]);
    expect(allowedChoices({ kind: 'advice' })).toEqual(['agree', 'disagree', 'abstain']);
    for (const kind of DECISION_METHOD_KINDS) {
      const method = kind === 'majority' ? { kind, num: 2, den: 3 } : { kind };
      const allowed = allowedChoices(method);
      expect(allowed).toEqual(CHOICES.filter((choice) => allowed.includes(choice)));
    }
  });

  it('counts no choice under an unusable method', () => {
    expect(allowedChoices({ kind: 'sortition' })).toEqual([]);
    expect(allowedChoices({ kind: 'majority', num: 3, den: 2 })).toEqual([]);
    expect(allowedChoices(null)).toEqual([]);
  });

  it('accepts every method kind and the threshold edges 1/1000, 1/2, 2/3 and 1/1', () => {
    expect(validateMethod({ kind: 'consent' })).toBeNull();
    expect(validateMethod({ kind: 'consensus' })).toBeNull();
    expect(validateMethod({ kind: 'advice' })).toBeNull();
    for (const [num, den] of [
      [1, 1000],
      [1, 2],
      [2, 3],
      [1, 1],
      [1000, 1000],
    ]) {
      expect(validateMethod({ kind: 'majority', num, den }), `${num}/${den}`).toBeNull();
    }
  });

  it('rejects thresholds of 0, above 1, with den 0, fractional, non-finite or too fine', () => {
    for (const [num, den] of [
      [0, 2],
      [3, 2],
      [1, 0],
      [0, 0],
      [-1, 2],
      [1, -2],
      [1.5, 3],
      [1, 2.5],
      [Number.NaN, 2],
      [1, Number.NaN],
      [1, Number.POSITIVE_INFINITY],
      [1, 1001],
      [1001, 1001],
    ]) {
      expect(validateMethod({ kind: 'majority', num, den }), `${num}/${den}`).toBe('bad-threshold');
    }
    expect(validateMethod({ kind: 'majority', num: '1', den: 2 })).toBe('bad-threshold');
  });

  it('rejects an unknown kind, a missing or extra field, and non-objects', () => {
    for (const method of [
      { kind: 'sortition' },
      { kind: 'Consent' },
      {},
      { kind: 'majority' },
      { kind: 'majority', num: 1 },
      { kind: 'majority', num: 1, den: 2, quorum: 3 },
      { kind: 'consent', num: 1, den: 2 },
      { kind: 'advice', threshold: { num: 1, den: 2 } },
      { kind: 'majority', threshold: { num: 1, den: 2 } },
      null,
      undefined,
      'consent',
      ['consent'],
      42,
    ]) {
      expect(validateMethod(method), JSON.stringify(method)).toBe('unknown-method');
    }
  });

  it('accepts a quorum from 0 to 1 000 000 and nothing else', () => {
    expect(validateQuorum(0)).toBeNull();
    expect(validateQuorum(3)).toBeNull();
    expect(validateQuorum(MAX_QUORUM)).toBeNull();
    for (const quorum of [
      -1,
      1.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      MAX_QUORUM + 1,
      Number.MAX_SAFE_INTEGER,
      '3',
      null,
    ]) {
      expect(validateQuorum(quorum), String(quorum)).toBe('bad-quorum');
    }
  });

  it('accepts a closing time only in the ledger ts format', () => {
    expect(validateClosingTime('2026-12-01T18:00:00.000Z')).toBeNull();
    for (const closes of [
      '2026-12-01T18:00:00Z',
      '2026-12-01 18:00:00.000Z',
      '2026-12-01T18:00:00.000+01:00',
      '２０２６-12-01T18:00:00.000Z',
      '',
      1_764_612_000_000,
      null,
    ]) {
      expect(validateClosingTime(closes), String(closes)).toBe('bad-closing-time');
    }
  });

  it('recognises exactly the five choices', () => {
    for (const choice of CHOICES) expect(isChoice(choice)).toBe(true);
    for (const value of ['consent', 'object', 'AGREE', '', null, 1]) {
      expect(isChoice(value)).toBe(false);
    }
  });
});
