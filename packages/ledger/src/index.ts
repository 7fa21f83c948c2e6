/**
 * The signed mutual-credit ledger, format v1: entry types, building signed entries, and the
 * incremental computation of validity, forks, members and balances of spec section 3, with the
 * report of section 4. Pure: no IO; the signature verifier (and optionally the hash) is passed in.
 * @packageDocumentation
 */
export * from './entry.js';
export {
  ID_PATTERN,
  isId,
  itemId,
  joinProofMessage,
  signingMessage,
  type Sha256Hex,
} from './ids.js';
export {
  checkShape,
  codePointLength,
  isFormatInteger,
  isGovernanceType,
  isAccountsType,
  isExtensionType,
  MAX_STEWARDS,
  type ShapeOptions,
} from './shape.js';
export * from './status.js';
export * from './report.js';
export {
  InvalidEntryError,
  type FeedPosition,
  type GenesisFields,
  formatTimestamp,
  signEntry,
  entryId,
  createGenesis,
  createInvite,
  createJoin,
  createPay,
  createAccept,
} from './build.js';
export {
  type ProposalFields,
  createProposal,
  createBallot,
  createProxy,
  createOutcome,
  createLimit,
} from './build-governance.js';
export { recount, recountOutcome } from './governance-rules.js';
export {
  type PreparedSpend,
  createAccount,
  createContribution,
  prepareSpend,
  approveSpend,
  createSpend,
} from './build-accounts.js';
export type { AccountRow, AccountFork } from './accounts-report.js';
export {
  UnusableItemError,
  spendApprovalMessage,
  type LedgerInit,
  type AddResult,
  type MemberInfo,
  type FeedHead,
  type LimitInForce,
  type AccountRulesInForce,
  type Ledger,
  createLedger,
} from './ledger.js';
export {
  NoUsableGenesisError,
  type VerifyItemsInit,
  usableGeneses,
  verifyItems,
} from './verify.js';
export * from './governance/index.js';
