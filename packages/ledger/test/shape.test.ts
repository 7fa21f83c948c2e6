/*
 * Check 1 (`malformed`) at the boundary: hostile JSON values given to `checkShape` and to the
 * ledger. Spec section 2: "an entry with any field not listed for its type, or missing one, is
 * malformed"; section 3 check 1 lists what else is malformed.
 */
import { describe, expect, it } from 'vitest';
import { sha256Hex, utf8 } from '@integrale/identity';
import {
  checkShape,
  codePointLength,
  createAccept,
  createGenesis,
  createInvite,
  createJoin,
  createPay,
  entryId,
  isFormatInteger,
  itemId,
  type Entry,
} from '../src/index.js';
import { keyOf, newLedger, tamper, verdict, without } from './helpers/personas.js';

const alice = keyOf('shape/alice');
const bob = keyOf('shape/bob');
const invitation = keyOf('shape/invitation');
const TS = '2025-03-01T09:00:00.000Z';

const genesis = createGenesis(alice, {
  name: 'Coop',
  currency: { code: 'ECO', name: 'Éco', decimals: 2 },
  creditLimit: 10_000,
  ts: TS,
});
const coop = entryId(genesis);
const invite = createInvite(
  alice,
  { id: coop, seq: 1, balance: 0 },
  { coop, invitee: invitation.did, ts: TS },
);
const join = createJoin(bob, invitation, { coop, invite: entryId(invite), name: 'Bob', ts: TS });
const pay = createPay(
  alice,
  { id: entryId(invite), seq: 2, balance: 0 },
  {
    coop,
    to: bob.did,
    amount: 250,
    memo: 'pain',
    ts: TS,
  },
);
const accept = createAccept(bob, { id: entryId(join), seq: 1, balance: 0 }, { coop, pay, ts: TS });

const ENTRIES: Partial<Record<Entry['type'], Entry>> = { genesis, invite, join, pay, accept };
const ALL_FIELDS = [
  ...new Set(Object.values(ENTRIES).flatMap((entry) => Object.keys(entry))),
  'extra',
  'Type',
  'sig2',
];

/** Whether a JSON value (given as itself or after a JSON round trip) is malformed. */
function malformed(value: unknown): boolean {
  return checkShape(value) === null;
}
const ok = (value: unknown): boolean => !malformed(value);

/** The JSON text of `entry` parsed back, with `member` (raw JSON text) inserted first. */
function withRawMember(entry: object, member: string): unknown {
  return JSON.parse('{' + member + ',' + JSON.stringify(entry).slice(1));
}

/** A signature text whose last character has non-zero unused bits (not canonical base64url). */
function dirtyPadding(text: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const last = alphabet.indexOf(text.slice(-1));
  // 64 bytes in 86 characters: the last character carries 2 bits of data and 4 unused bits.
  return text.slice(0, -1) + alphabet[(last & 0b110000) | 0b0001];
}

describe('checkShape', () => {
  it('accepts the entries the builders make, also after a JSON round trip', () => {
    for (const entry of Object.values(ENTRIES)) {
      expect(ok(entry)).toBe(true);
      expect(ok(JSON.parse(JSON.stringify(entry)))).toBe(true);
    }
  });

  it('rejects an entry with any field missing', () => {
    for (const entry of Object.values(ENTRIES)) {
      for (const field of Object.keys(entry)) {
        expect(malformed(without(entry, field)), `${entry.type} without ${field}`).toBe(true);
      }
    }
    for (const field of ['code', 'name', 'decimals']) {
      expect(malformed(tamper(genesis, { currency: without(genesis.currency, field) }))).toBe(true);
    }
  });

  it('rejects an entry with any extra field, including a field of another type', () => {
    for (const entry of Object.values(ENTRIES)) {
      for (const field of ALL_FIELDS) {
        if (Object.hasOwn(entry, field)) continue;
        expect(malformed(tamper(entry, { [field]: 'x' })), `${entry.type} with ${field}`).toBe(
          true,
        );
        expect(
          malformed(tamper(entry, { [field]: null })),
          `${entry.type} with ${field}: null`,
        ).toBe(true);
      }
    }
    // The genesis is the only entry without `coop` (spec: "absent on the genesis entry only").
    expect(malformed(tamper(genesis, { coop }))).toBe(true);
    expect(malformed(tamper(genesis, { currency: { ...genesis.currency, symbol: '€' } }))).toBe(
      true,
    );
  });

  it('rejects a `__proto__` key, at the top and in the currency', () => {
    for (const entry of Object.values(ENTRIES)) {
      const parsed = withRawMember(entry, '"__proto__":1');
      expect(Object.hasOwn(parsed as object, '__proto__')).toBe(true);
      expect(malformed(parsed)).toBe(true);
      expect(malformed(withRawMember(entry, '"__proto__":{"v":1}'))).toBe(true);
    }
    const currency = withRawMember(genesis.currency, '"__proto__":{}');
    expect(malformed(tamper(genesis, { currency }))).toBe(true);
    // A repeated key keeps the last value (as JSON.parse does): the entry is then just the entry.
    expect(ok(withRawMember(pay, '"amount":-5'))).toBe(true);
    expect(malformed(JSON.parse(JSON.stringify(pay).slice(0, -1) + ',"amount":0}'))).toBe(true);
  });

  it('rejects wrong types in every field', () => {
    const values: unknown[] = ['1', 1, 1.5, -1, true, null, [], {}, [1], { v: 1 }];
    /** The few substitutions that stay well-formed (check 4 and later judge them). */
    function acceptable(entry: Entry, field: string, value: unknown): boolean {
      const seqOne = entry.type === 'genesis' || entry.type === 'join';
      if (field === 'prev') return value === null && !seqOne;
      if (field === 'name' || field === 'memo') return value === '1';
      if (field === 'seq') return value === 1;
      if (field === 'amount' || field === 'creditLimit') return value === 1;
      if (field === 'balance') return value === 1 || value === -1;
      return false;
    }
    for (const entry of Object.values(ENTRIES)) {
      for (const [field, good] of Object.entries(entry)) {
        for (const value of values) {
          if (value === good) continue;
          const changed = tamper(entry, { [field]: value });
          expect(malformed(changed), `${entry.type}.${field} = ${JSON.stringify(value)}`).toBe(
            !acceptable(entry, field, value),
          );
        }
      }
    }
    for (const value of ['2', 1.5, null, [], {}, 5, -1]) {
      expect(
        malformed(tamper(genesis, { currency: { ...genesis.currency, decimals: value } })),
      ).toBe(true);
    }
    for (const value of [2, null, [], {}, 'eco', 'EC O', 'ÉCO', '', '123456789']) {
      expect(malformed(tamper(genesis, { currency: { ...genesis.currency, code: value } }))).toBe(
        true,
      );
    }
    for (const value of ['ECO', 2, null, [], [genesis.currency]]) {
      expect(malformed(tamper(genesis, { currency: value }))).toBe(true);
    }
  });

  it('rejects v other than the integer 1', () => {
    for (const v of [0, 2, '1', true, -1, 1.0000001])
      expect(malformed(tamper(invite, { v }))).toBe(true);
    expect(ok(JSON.parse(JSON.stringify(invite).replace('"v":1', '"v":1.0')))).toBe(true);
    expect(ok(JSON.parse(JSON.stringify(invite).replace('"v":1', '"v":1e0')))).toBe(true);
  });

  it('rejects a type the format does not know', () => {
    for (const type of [
      'Genesis',
      'payment',
      'constructor',
      '__proto__',
      'toString',
      '',
      'hasOwnProperty',
    ]) {
      expect(malformed(tamper(invite, { type }))).toBe(true);
    }
  });

  it('rejects seq 0, −1, 1.5 and 2^53; accepts 2^53 − 1', () => {
    for (const seq of [0, -1, 1.5, 2 ** 53, 2 ** 53 + 2, -0.5, Number.NaN, Infinity]) {
      expect(malformed(tamper(invite, { seq })), `seq ${seq}`).toBe(true);
    }
    expect(ok(tamper(invite, { seq: 2 ** 53 - 1 }))).toBe(true);
    // 9007199254740993 reads as 2^53: past 2^53 − 1, malformed.
    expect(
      malformed(JSON.parse(JSON.stringify(invite).replace('"seq":2', '"seq":9007199254740993'))),
    ).toBe(true);
    // The value counts, not its spelling.
    expect(ok(JSON.parse(JSON.stringify(invite).replace('"seq":2', '"seq":2.0')))).toBe(true);
    expect(ok(JSON.parse(JSON.stringify(invite).replace('"seq":2', '"seq":0.2e1')))).toBe(true);
  });

  it('rejects integer fields out of range', () => {
    expect(malformed(tamper(pay, { amount: 0 }))).toBe(true);
    expect(malformed(tamper(pay, { amount: 10 ** 12 + 1 }))).toBe(true);
    expect(ok(tamper(pay, { amount: 10 ** 12 }))).toBe(true);
    expect(ok(tamper(pay, { balance: -(2 ** 53 - 1) }))).toBe(true);
    expect(malformed(tamper(pay, { balance: -(2 ** 53) }))).toBe(true);
    expect(malformed(tamper(accept, { balance: 2 ** 53 }))).toBe(true);
    expect(malformed(tamper(accept, { balance: 0.5 }))).toBe(true);
    expect(malformed(tamper(genesis, { creditLimit: -1 }))).toBe(true);
    expect(malformed(tamper(genesis, { creditLimit: 10 ** 12 + 1 }))).toBe(true);
    expect(ok(tamper(genesis, { creditLimit: 10 ** 12 }))).toBe(true);
    expect(ok(tamper(genesis, { creditLimit: 0 }))).toBe(true);
  });

  it('rejects ids that are not 64 lowercase hex digits (coop, prev, invite, pay)', () => {
    const bad = [
      pay.prev?.toUpperCase(),
      'A' + (pay.prev ?? '').slice(1),
      (pay.prev ?? '').slice(1),
      (pay.prev ?? '') + '0',
      'g'.repeat(64),
      ' ' + (pay.prev ?? '').slice(1),
      (pay.prev ?? '') + '\n',
      '',
    ];
    for (const id of bad) {
      expect(malformed(tamper(pay, { prev: id })), `prev ${JSON.stringify(id)}`).toBe(true);
      expect(malformed(tamper(pay, { coop: id }))).toBe(true);
      expect(malformed(tamper(join, { invite: id }))).toBe(true);
      expect(malformed(tamper(accept, { pay: id }))).toBe(true);
    }
  });

  it('rejects ts variants outside the pattern (no ms, lowercase z, non-ASCII digits…)', () => {
    const bad = [
      '2025-03-01T09:00:00Z',
      '2025-03-01T09:00:00.000z',
      '2025-03-01t09:00:00.000Z',
      '2025-03-01T09:00:00.00Z',
      '2025-03-01T09:00:00.0000Z',
      '2025-03-01 09:00:00.000Z',
      '2025-03-01T09:00:00.000+00:00',
      '٢025-03-01T09:00:00.000Z',
      '2025-03-01T09:00:00.00٢Z',
      '２025-03-01T09:00:00.000Z',
      '2025-03-01T09:00:00.000Z\n',
      ' 2025-03-01T09:00:00.000Z',
      '+02025-03-01T09:00:00.000Z',
      '',
    ];
    for (const ts of bad)
      expect(malformed(tamper(invite, { ts })), `ts ${JSON.stringify(ts)}`).toBe(true);
    // Checked against its pattern only, not against the calendar.
    expect(ok(tamper(invite, { ts: '2025-13-45T99:99:99.999Z' }))).toBe(true);
    expect(ok(tamper(invite, { ts: '0000-00-00T00:00:00.000Z' }))).toBe(true);
  });

  it('rejects sig and proof that are not canonical base64url of 64 bytes', () => {
    for (const field of ['sig', 'proof'] as const) {
      const text = field === 'sig' ? join.sig : join.proof;
      const bad = [
        dirtyPadding(text),
        text.slice(0, -1),
        text + 'A',
        text + '==',
        text.slice(0, -2) + '+' + text.slice(-1),
        text.slice(0, -2) + '/' + text.slice(-1),
        text.slice(0, -2) + '=' + text.slice(-1),
        ' ' + text.slice(1),
        '',
      ];
      for (const value of bad) {
        expect(malformed(tamper(join, { [field]: value })), `${field} ${value}`).toBe(true);
      }
    }
    expect(dirtyPadding(pay.sig)).not.toBe(pay.sig);
    expect(malformed(tamper(pay, { sig: dirtyPadding(pay.sig) }))).toBe(true);
  });

  it('rejects did:key texts that are not Ed25519 did:keys', () => {
    const did = bob.did;
    const bad = [
      'did:key:' + did.slice(9),
      'DID:KEY:z' + did.slice(9),
      did.slice(0, -1),
      did + '1',
      did.slice(0, -1) + '0', // 0 is not a base58 character
      'did:key:z6LSeu9HkTHSfLLeUs2nnzUSNedgDUevfNQgQjQC23ZCit6F', // an X25519 key
      'did:key:z',
      did + '\n',
    ];
    for (const value of bad) {
      expect(malformed(tamper(pay, { to: value })), `to ${value}`).toBe(true);
      expect(malformed(tamper(pay, { author: value }))).toBe(true);
      expect(malformed(tamper(invite, { invitee: value }))).toBe(true);
    }
  });

  it('rejects a lone surrogate in memo, name or currency name', () => {
    for (const text of ['\ud800', 'a\udfff', '\udc00\ud800', 'x\ud83e']) {
      expect(malformed(tamper(pay, { memo: text }))).toBe(true);
      expect(malformed(tamper(join, { name: text }))).toBe(true);
      expect(malformed(tamper(genesis, { name: text }))).toBe(true);
      expect(malformed(tamper(genesis, { currency: { ...genesis.currency, name: text } }))).toBe(
        true,
      );
    }
    expect(ok(tamper(pay, { memo: '\ud83e\udd55' }))).toBe(true);
    expect(codePointLength('\ud83e\udd55')).toBe(1);
    expect(codePointLength('a\ud800')).toBe(-1);
  });

  it('rejects a genesis or join that is not the first of its feed', () => {
    expect(malformed(tamper(genesis, { seq: 2 }))).toBe(true);
    expect(malformed(tamper(genesis, { prev: coop }))).toBe(true);
    expect(malformed(tamper(join, { seq: 2 }))).toBe(true);
    expect(malformed(tamper(join, { seq: 2, prev: coop }))).toBe(true);
    expect(malformed(tamper(join, { prev: coop }))).toBe(true);
  });

  it('rejects values that are not objects as items', () => {
    for (const item of [
      null,
      42,
      0,
      -1,
      'entry',
      '',
      true,
      false,
      [],
      [invite],
      Array.from(Object.values(invite)),
    ]) {
      expect(malformed(item), JSON.stringify(item)).toBe(true);
    }
    expect(malformed({})).toBe(true);
    expect(malformed(undefined)).toBe(true);
  });

  it('isFormatInteger follows the format: whole numbers up to 2^53 − 1 in absolute value', () => {
    expect([0, -0, 1, -1, 2 ** 53 - 1, -(2 ** 53 - 1)].every(isFormatInteger)).toBe(true);
    expect([2 ** 53, 1.5, Number.NaN, Infinity, '1', null].some(isFormatInteger)).toBe(false);
  });
});

describe('malformed items in the ledger', () => {
  it('are listed with their id computed over them as written, author if a string, seq if an integer', async () => {
    const ledger = newLedger(coop);
    const items: unknown[] = [
      42,
      'entry',
      null,
      [genesis],
      {},
      { author: 'someone', seq: -7 },
      { author: 5, seq: 1.5 },
      { author: 'x', seq: '3' },
      { author: 'x', seq: 2 ** 53 },
      tamper(invite, { memo: 'extra' }),
      { author: '\ud800', seq: 0 },
    ];
    await ledger.add([genesis, ...items]);
    const report = ledger.report();
    expect(report.valid).toBe(1);
    expect(report.entries).toBe(items.length + 1);
    const rows = report.invalid.map(({ id, author, seq, reason }) => ({ id, author, seq, reason }));
    const expected = items.map((item) => {
      const object = typeof item === 'object' && item !== null && !Array.isArray(item);
      const author = object ? (item as { author?: unknown }).author : undefined;
      const seq = object ? (item as { seq?: unknown }).seq : undefined;
      return {
        id: itemId(item),
        author: typeof author === 'string' ? author : null,
        seq: isFormatInteger(seq) ? seq : null,
        reason: 'malformed',
      };
    });
    expect(rows).toEqual(expected.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
    // The id is SHA-256 of the JCS text as written: a lone surrogate as JSON.stringify writes it.
    expect(ledger.has(sha256Hex(utf8('42')))).toBe(true);
    // A member named toJSON (JSON.parse makes one) is sorted like any other key, not called.
    const withToJson = JSON.parse('{"toJSON":"x","seq":3,"author":"a"}') as unknown;
    await ledger.add([withToJson]);
    expect(verdict(ledger, withToJson)).toBe('invalid:malformed');
    expect(ledger.has(sha256Hex(utf8('{"author":"a","seq":3,"toJSON":"x"}')))).toBe(true);
    expect(ledger.has(sha256Hex(utf8('{"author":5,"seq":1.5}')))).toBe(true);
    expect(ledger.has(sha256Hex(utf8('{"author":"\\ud800","seq":0}')))).toBe(true);
  });
});
