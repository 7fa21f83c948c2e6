import type { AccountsRuntime, AccountsSnapshot } from '../../src/app/runtime-accounts.js';

const EMPTY: AccountsSnapshot = { accounts: [], spendRequests: [], budgets: [], movements: [] };

/**
 * The accounts part of the in-memory runtime: no account and nothing signed (unit tests of
 * other screens). The real part is tested over real peers in web/test/accounts/accounts-side.test.ts.
 */
export function createInMemoryAccounts(): AccountsRuntime {
  const notReady = () => Promise.resolve({ ok: false as const, reason: 'not-ready' as const });
  return {
    accountsSnapshot: () => EMPTY,
    openAccount: notReady,
    contribute: notReady,
    requestSpend: notReady,
    approveSpend: notReady,
    createBudget: notReady,
  };
}
