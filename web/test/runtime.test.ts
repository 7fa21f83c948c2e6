import type { MemberInfo } from '@integrale/ledger';
import { describe, expect, it } from 'vitest';
import { EMPTY_SNAPSHOT } from '../src/app/runtime.js';
import { createInMemoryRuntime } from './support/in-memory-runtime.js';

const member = (did: string, name: string | null): MemberInfo => ({
  did,
  name,
  invitedBy: name === null ? null : 'did:key:alice',
  since: '2026-01-01T00:00:00.000Z',
  entry: '0'.repeat(64),
});

function setup() {
  return createInMemoryRuntime({
    cooperative: {
      id: 'c'.repeat(64),
      name: 'La Fourmilière',
      currency: { code: 'ECO', name: 'Éco', decimals: 2 },
      creditLimit: 10_000,
    },
    self: 'did:key:alice',
    members: [
      member('did:key:bob', 'Bob'),
      member('did:key:alice', null),
      member('did:key:chloe', 'Chloé'),
    ],
  });
}

describe('the AppRuntime stand-in', () => {
  it('shows the cooperative, its members sorted, and a zero balance', () => {
    const snapshot = setup().snapshot();
    expect(snapshot.cooperative?.name).toBe('La Fourmilière');
    expect(snapshot.members.map((m) => m.did)).toEqual([
      'did:key:alice',
      'did:key:bob',
      'did:key:chloe',
    ]);
    expect(snapshot.balance).toBe(0);
  });

  it('moves money from payer to payee and announces the change', async () => {
    const runtime = setup();
    let changes = 0;
    const unsubscribe = runtime.subscribe(() => (changes += 1));
    const before = runtime.snapshot();
    expect(await runtime.pay({ to: 'did:key:bob', amount: 1250, memo: 'légumes' })).toMatchObject({
      ok: true,
    });
    expect(runtime.snapshot().balance).toBe(-1250);
    expect(runtime.balanceOf('did:key:bob')).toBe(1250);
    expect(runtime.snapshot()).not.toBe(before);
    expect(changes).toBe(1);
    unsubscribe();
    await runtime.pay({ to: 'did:key:chloe', amount: 1, memo: '' });
    expect(changes).toBe(1);
    const sum = ['did:key:alice', 'did:key:bob', 'did:key:chloe'].reduce(
      (n, did) => n + runtime.balanceOf(did),
      0,
    );
    expect(sum).toBe(0);
  });

  it('refuses payments with the reason', async () => {
    const runtime = setup();
    expect(await runtime.pay({ to: 'did:key:alice', amount: 1, memo: '' })).toEqual({
      ok: false,
      reason: 'self-pay',
    });
    expect(await runtime.pay({ to: 'did:key:zoe', amount: 1, memo: '' })).toEqual({
      ok: false,
      reason: 'unknown-payee',
    });
    expect(await runtime.pay({ to: 'did:key:bob', amount: 0, memo: '' })).toEqual({
      ok: false,
      reason: 'invalid-amount',
    });
    expect(await runtime.pay({ to: 'did:key:bob', amount: 10_001, memo: '' })).toEqual({
      ok: false,
      reason: 'over-limit',
    });
    expect(await runtime.pay({ to: 'did:key:bob', amount: 1, memo: 'x'.repeat(281) })).toEqual({
      ok: false,
      reason: 'memo-too-long',
    });
    expect(runtime.snapshot().balance).toBe(0);
  });

  it('has an empty snapshot for a device outside any cooperative', () => {
    expect(EMPTY_SNAPSHOT).toEqual({
      cooperative: null,
      self: null,
      members: [],
      balance: 0,
      connection: { state: 'offline', peers: 0 },
      phase: 'no-cooperative',
      problem: null,
      join: null,
      entries: [],
      network: { role: 'none', relays: [], peers: [], documents: [] },
    });
  });
});
