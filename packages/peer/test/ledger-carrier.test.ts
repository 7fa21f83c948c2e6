import { ImmutableString, Repo } from '@automerge/automerge-repo';
import { canonicalJson } from '@integrale/identity';
import { entryId } from '@integrale/ledger';
import { describe, expect, it } from 'vitest';
import { createLedgerCarrier, type LedgerDoc } from '../src/index.js';
import { foundCooperative } from './helpers/cooperative.js';

function textAt(doc: LedgerDoc | undefined, id: string): string | undefined {
  const value = doc?.entries[id];
  return value instanceof ImmutableString ? value.val : value;
}

async function started() {
  const coop = foundCooperative();
  const repo = new Repo({ network: [] });
  const handle = repo.create<LedgerDoc>({ entries: {} });
  const ledger = coop.newLedger();
  const carrier = createLedgerCarrier({ handle, ledger });
  await carrier.start();
  await carrier.append(coop.genesis);
  return { coop, repo, handle, ledger, carrier };
}

describe('the ledger carrier', () => {
  it('writes an appended entry as its canonical text under its id', async () => {
    const { coop, handle, ledger } = await started();
    expect(textAt(handle.doc(), coop.coop)).toBe(canonicalJson(coop.genesis));
    expect(ledger.status(coop.coop)).toStrictEqual({ state: 'valid', balance: 0 });
  });

  it('takes entries another peer put in the document, and verifies them', async () => {
    const { coop, handle, ledger, carrier } = await started();
    const { invite } = coop.invite('bob');
    handle.change((doc) => {
      doc.entries[entryId(invite)] = new ImmutableString(canonicalJson(invite));
    });
    await carrier.settled();
    expect(ledger.status(entryId(invite))?.state).toBe('valid');
  });

  it('restores a verified entry that a change deleted', async () => {
    const { coop, handle, carrier } = await started();
    handle.change((doc) => {
      delete doc.entries[coop.coop];
    });
    await carrier.settled();
    expect(textAt(handle.doc(), coop.coop)).toBe(canonicalJson(coop.genesis));
  });

  it('restores a verified entry that a change altered, and says why it refused the alteration', async () => {
    const { coop, handle, carrier } = await started();
    const rejected: string[] = [];
    const forged = canonicalJson({ ...coop.genesis, creditLimit: 99_999_999 });
    handle.change((doc) => {
      doc.entries[coop.coop] = new ImmutableString(forged);
    });
    await carrier.settled();
    expect(textAt(handle.doc(), coop.coop)).toBe(canonicalJson(coop.genesis));
    rejected.push(...carrier.rejected().map((r) => r.reason));
    expect(rejected).toStrictEqual([]); // restored, so nothing is refused any more
  });

  it.each([
    ['not JSON', 'bonjour', 'not-json'],
    ['a number instead of text', 42, 'not-text'],
    ['too large', 'x'.repeat(20_000), 'too-large'],
    ['an entry under another id', null, 'id-mismatch'],
  ])('refuses an item that is %s, keeps the rest', async (_label, value, reason) => {
    const { coop, handle, ledger, carrier } = await started();
    const key = 'f'.repeat(64);
    handle.change((doc) => {
      (doc.entries as Record<string, unknown>)[key] =
        value ?? new ImmutableString(canonicalJson(coop.genesis));
    });
    await carrier.settled();
    expect(carrier.rejected()).toStrictEqual([{ key, reason }]);
    expect(ledger.has(key)).toBe(false);
    expect(ledger.status(coop.coop)?.state).toBe('valid');
  });

  it('holds an invalid entry as invalid, with its reason, without restoring or deleting anything', async () => {
    const { coop, handle, ledger, carrier } = await started();
    const pay = coop.pay(coop.founder, coop.founder, 100); // a self-pay
    handle.change((doc) => {
      doc.entries[entryId(pay)] = new ImmutableString(canonicalJson(pay));
    });
    await carrier.settled();
    expect(ledger.status(entryId(pay))).toStrictEqual({ state: 'invalid', reason: 'self-pay' });
  });

  it('reads what the document already holds when it starts', async () => {
    const { coop, handle } = await started();
    const second = coop.newLedger();
    const carrier = createLedgerCarrier({ handle, ledger: second });
    await carrier.start();
    expect(second.status(coop.coop)?.state).toBe('valid');
  });
});
