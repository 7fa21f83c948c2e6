import type { GovernanceRuntime } from '../../src/app/runtime-governance.js';

/**
 * The governance part of the in-memory stand-in: it holds no signed ledger, so it has no
 * proposal and signs nothing (every action answers `not-ready`). Governance is tested over a
 * real peer and ledger (governance-side.test.ts) and in the browser (tests/browser/governance).
 */
export function createInMemoryGovernance(): GovernanceRuntime {
  const notReady = () => Promise.resolve({ ok: false as const, reason: 'not-ready' as const });
  return {
    governanceSnapshot: () => ({ proposals: [], decisions: [], limit: null }),
    proposal: () => null,
    propose: notReady,
    vote: notReady,
    giveProxy: notReady,
    closeVote: notReady,
    proxyOf: () => null,
  };
}
