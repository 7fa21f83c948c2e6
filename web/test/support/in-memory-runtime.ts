import type { MemberInfo } from '@integrale/ledger';
import {
  MAX_MEMO_LENGTH,
  type AppRuntime,
  type CooperativeInfo,
  type LedgerEntryView,
  type PayRequest,
  type PayResult,
  type RuntimeSnapshot,
} from '../../src/app/runtime.js';
import { createInMemoryRequests } from '../ledger/in-memory-requests.js';
import { createInMemoryAssemblies } from '../assemblies/in-memory-assemblies.js';
import { createInMemoryGovernance } from '../governance/in-memory-governance.js';
import { createInMemoryProjects } from '../projects/in-memory-projects.js';
import { createInMemoryAccounts } from '../accounts/in-memory-accounts.js';
import { createInMemoryEconomy } from '../fund/in-memory-economy.js';

/** Options of {@link createInMemoryRuntime}. */
export interface InMemoryRuntimeInit {
  readonly cooperative: CooperativeInfo;
  readonly self: string;
  readonly members: readonly MemberInfo[];
}

/**
 * A stand-in for the peer-to-peer runtime, for unit tests only: balances in a map, payments
 * checked with the ledger's rules (member, not self, 1 … 10^12, credit limit, memo length).
 */
export function createInMemoryRuntime(init: InMemoryRuntimeInit): AppRuntime {
  const balances = new Map<string, number>();
  const listeners = new Set<() => void>();
  let entries = 0;
  /** Pays made so far, newest first, as the snapshot lists them (all valid). */
  let history: LedgerEntryView[] = [];
  let snapshot: RuntimeSnapshot;
  const refresh = () => {
    snapshot = {
      cooperative: init.cooperative,
      self: init.self,
      members: [...init.members].sort((a, b) => (a.did < b.did ? -1 : a.did > b.did ? 1 : 0)),
      balance: balances.get(init.self) ?? 0,
      connection: { state: 'online', peers: init.members.length - 1 },
      phase: 'ready',
      problem: null,
      join: null,
      entries: history,
      network: { role: 'leader', relays: [], peers: [], documents: [] },
    };
  };
  refresh();
  const isMember = (did: string) => init.members.some((member) => member.did === did);
  const runtime: AppRuntime = {
    ...createInMemoryRequests({
      self: init.self,
      isMember,
      pay: (request) => runtime.pay(request),
      history: () => history,
      changed: () => {
        refresh();
        for (const listener of [...listeners]) listener();
      },
    }),
    // Circles and assemblies over a real Automerge repo in memory (no check-in: no key here).
    ...createInMemoryAssemblies({
      self: init.self,
      isMember,
      changed: () => {
        for (const listener of [...listeners]) listener();
      },
    }),
    ...createInMemoryGovernance(),
    ...createInMemoryProjects(),
    ...createInMemoryAccounts(),
    ...createInMemoryEconomy(),
    snapshot: () => snapshot,
    balanceOf: (did) => balances.get(did) ?? 0,
    pay(request: PayRequest): Promise<PayResult> {
      const fail = (reason: Extract<PayResult, { ok: false }>['reason']) =>
        Promise.resolve<PayResult>({ ok: false, reason });
      if (!isMember(init.self)) return fail('not-member');
      if (request.to === init.self) return fail('self-pay');
      if (!isMember(request.to)) return fail('unknown-payee');
      if (!Number.isSafeInteger(request.amount) || request.amount < 1 || request.amount > 1e12) {
        return fail('invalid-amount');
      }
      if ([...request.memo].length > MAX_MEMO_LENGTH) return fail('memo-too-long');
      const after = (balances.get(init.self) ?? 0) - request.amount;
      if (after < -init.cooperative.creditLimit) return fail('over-limit');
      balances.set(init.self, after);
      balances.set(request.to, (balances.get(request.to) ?? 0) + request.amount);
      entries += 1;
      const id = entries.toString(16).padStart(64, '0');
      history = [
        {
          id,
          type: 'pay',
          author: init.self,
          seq: entries,
          ts: new Date(Date.UTC(2026, 0, 1, 0, entries)).toISOString(),
          status: { state: 'valid', balance: after },
          pay: { to: request.to, amount: request.amount, memo: request.memo },
        },
        ...history,
      ];
      refresh();
      for (const listener of [...listeners]) listener();
      return Promise.resolve({ ok: true, entry: id });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    // The stand-in is already a member of its one cooperative and has no network.
    found: () => Promise.resolve({ ok: false, reason: 'already-member' }),
    invite: () => Promise.resolve({ ok: false, reason: 'no-relay' }),
    join: () => Promise.resolve({ ok: false, reason: 'already-member' }),
    cancelJoin: () => undefined,
    addRelay: () => Promise.resolve({ ok: false, reason: 'invalid-address' }),
    // One device, already signing; backups and restores need the real runtime (web/test/keys).
    keysSnapshot: () => ({ signing: 'ready', devices: [] }),
    backUpKey: () => Promise.resolve({ ok: false, reason: 'not-ready' }),
    restoreKey: () => Promise.resolve({ ok: false, reason: 'already-member' }),
  };
  return runtime;
}
