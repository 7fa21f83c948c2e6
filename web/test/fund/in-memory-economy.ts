import type { EconomySnapshot, ServicesRuntime } from '../../src/app/runtime-services.js';

/**
 * The economy part of the in-memory runtime (unit tests only): a fixed snapshot, and every action
 * answered `not-ready` — the real part runs over real peers (web/test/fund/services-side.test.ts).
 */
export function createInMemoryEconomy(
  snapshot: EconomySnapshot = {
    services: [],
    canCreateServices: false,
    fund: null,
    projectAccounts: [],
    rounds: [],
  },
): ServicesRuntime {
  const notReady = () => Promise.resolve({ ok: false as const, reason: 'not-ready' as const });
  return {
    economySnapshot: () => snapshot,
    createCommonServices: notReady,
    proposeServiceChange: notReady,
    proposeLoan: notReady,
    payOutLoan: notReady,
    repayLoan: notReady,
    createPurchaseRound: notReady,
    orderInRound: notReady,
    closePurchaseRound: notReady,
    payPurchaseShare: notReady,
  };
}
