import type { Result } from '@integrale/ledger';

/*
 * What the screens need for the cooperative's economy: the common services, the interest-free
 * fund and its loans, and grouped purchases. Part of `AppRuntime` (runtime.ts); kept here so this
 * area's additions stay in one file. Everything shown is what THIS device verified: accounts,
 * balances, decisions and payments from its ledger, rounds and orders from records whose
 * signatures it checked. Contributions to the fund go through the accounts part (`contribute`).
 */

/** The six common services' ids (packages/peer services.ts). */
export type ServiceId =
  'accueil' | 'formation' | 'pilotage' | 'monnaie' | 'informatique' | 'caisse';

/** A proposal concerning a service. */
export interface ServiceProposalView {
  readonly id: string;
  readonly title: string;
  readonly ts: string;
  /** The recorded outcome's result, or `null` while the vote is open. */
  readonly result: Result | null;
}

/** A common service as its page shows it. */
export interface ServiceInfo {
  readonly id: ServiceId;
  /** Its collective account's id. */
  readonly account: string;
  /** The account's stewards (what the ledger enforces) and the approvals a spend needs. */
  readonly stewards: readonly string[];
  readonly threshold: number;
  readonly balance: number;
  /** The description in force ('' : the app's default for the service). */
  readonly description: string;
  /** The adopted decision that set it, or `null`. */
  readonly describedBy: string | null;
  /** Proposals concerning the service, newest first. */
  readonly proposals: readonly ServiceProposalView[];
}

/** A contribution to the fund. */
export interface ContributionInfo {
  readonly entry: string;
  readonly from: string;
  readonly amount: number;
  readonly memo: string;
  readonly ts: string;
}

/** Where an instalment stands (web/src/fund/instalments.ts). */
export type InstalmentStateName = 'paid' | 'late' | 'due';

/** One instalment of a loan. */
export interface InstalmentInfo {
  /** `YYYY-MM-DD`. */
  readonly due: string;
  readonly amount: number;
  readonly state: InstalmentStateName;
  readonly outstanding: number;
}

/** Where a loan stands. */
export type LoanStage = 'voting' | 'adopted' | 'refused' | 'paid-out' | 'repaid';

/** A loan from the fund. */
export interface LoanInfo {
  /** The proposal's id. */
  readonly id: string;
  readonly proposer: string;
  readonly title: string;
  readonly text: string;
  readonly ts: string;
  readonly closes: string;
  /** The project account lent to, and its name. */
  readonly to: string;
  readonly toName: string;
  readonly amount: number;
  readonly stage: LoanStage;
  /** The decision (outcome id), once recorded. */
  readonly outcome: string | null;
  readonly result: Result | null;
  /** The spend paying it out, once written. */
  readonly payout: string | null;
  readonly instalments: readonly InstalmentInfo[];
  readonly repaid: number;
  readonly remaining: number;
  /** This member may write the payout (adopted, not paid out, a steward of the fund). */
  readonly canPayOut: boolean;
  /** This member may repay (paid out, not repaid, a steward of the account lent to). */
  readonly canRepay: boolean;
}

/** The fund. */
export interface FundInfo {
  readonly account: string;
  readonly balance: number;
  readonly stewards: readonly string[];
  /** Newest first. */
  readonly contributions: readonly ContributionInfo[];
  readonly loans: readonly LoanInfo[];
}

/** A collective account a loan may go to (kind `project`). */
export interface ProjectAccountInfo {
  readonly id: string;
  readonly name: string;
  readonly stewards: readonly string[];
  readonly balance: number;
}

/** A supplier of a round. */
export interface SupplierInfo {
  readonly id: string;
  readonly name: string;
  readonly needsEuros: boolean;
}

/** A product of a round. */
export interface ProductInfo {
  readonly id: string;
  readonly supplier: string;
  readonly name: string;
  readonly unit: string;
  /** Minor units of the cooperative's currency. */
  readonly price: number;
  /** Euro cents, or `null`. */
  readonly priceEuroCents: number | null;
}

/** A member's part of a round. */
export interface MemberShareInfo {
  readonly member: string;
  readonly quantities: Readonly<Record<string, number>>;
  /** What they owe, in minor units (BigInt: never rounded). */
  readonly total: bigint;
  /** What they have paid into the round's account (valid contributions naming it). */
  readonly paid: number;
}

/** One supplier's total. */
export interface SupplierTotalInfo {
  readonly supplier: string;
  readonly quantities: Readonly<Record<string, bigint>>;
  readonly total: bigint;
  readonly euroCents: bigint | null;
}

/** A purchase round. */
export interface PurchaseRoundInfo {
  readonly id: string;
  readonly organiser: string;
  readonly title: string;
  readonly closesAt: string;
  readonly closedAt: string;
  readonly closed: boolean;
  readonly account: string;
  readonly suppliers: readonly SupplierInfo[];
  readonly products: readonly ProductInfo[];
  /** Members with a non-empty order, by did. */
  readonly shares: readonly MemberShareInfo[];
  readonly supplierTotals: readonly SupplierTotalInfo[];
  readonly total: bigint;
  /** This member's order ({} when none). */
  readonly mine: Readonly<Record<string, number>>;
  /** What this member still has to pay once the round is closed (0 when nothing). */
  readonly myDue: number;
}

/** The area's data at one moment. */
export interface EconomySnapshot {
  /** The services this device can verify, in their fixed order. */
  readonly services: readonly ServiceInfo[];
  /** Some of the six services are missing and this member founded the cooperative. */
  readonly canCreateServices: boolean;
  /** The fund, once its service is known. */
  readonly fund: FundInfo | null;
  /** Accounts of kind `project`, by name. */
  readonly projectAccounts: readonly ProjectAccountInfo[];
  /** Newest first. */
  readonly rounds: readonly PurchaseRoundInfo[];
}

/** A loan a member proposes. */
export interface LoanInput {
  readonly title: string;
  /** The member's words (the schedule is added to the proposal's text). */
  readonly text: string;
  /** The project account lent to. */
  readonly to: string;
  readonly amount: number;
  /** Instalments adding up exactly to `amount`. */
  readonly schedule: readonly { readonly due: string; readonly amount: number }[];
  /** When the vote closes (ledger `ts` format). */
  readonly closes: string;
}

/** A round an organiser opens. */
export interface RoundInput {
  readonly title: string;
  /** When orders stop (ledger `ts` format, in the future). */
  readonly closesAt: string;
  readonly suppliers: readonly SupplierInfo[];
  readonly products: readonly ProductInfo[];
}

/** Why an action was not taken (each has a sentence in the UI). */
export type EconomyProblem =
  | 'not-ready'
  | 'not-member'
  | 'not-founder'
  | 'services-exist'
  | 'unknown-service'
  | 'invalid-description'
  | 'invalid-title'
  | 'invalid-text'
  | 'invalid-closing'
  | 'no-fund'
  | 'unknown-account'
  | 'invalid-amount'
  | 'invalid-schedule'
  | 'not-adopted'
  | 'already-paid-out'
  | 'not-steward'
  | 'insufficient-funds'
  | 'over-limit'
  | 'nothing-to-repay'
  | 'invalid-round'
  | 'unknown-round'
  | 'round-closed'
  | 'round-open'
  | 'not-organiser'
  | 'invalid-quantities'
  | 'nothing-to-pay'
  | 'total-too-large';

/** The outcome of an action: the id of what was signed (entry, request or record), or why not. */
export type EconomyResult =
  | { readonly ok: true; readonly id: string }
  | { readonly ok: false; readonly reason: EconomyProblem };

/** The runtime's part for services, the fund and grouped purchases. */
export interface ServicesRuntime {
  /** Services, fund, loans, rounds. Cheap: cached per change. */
  economySnapshot(): EconomySnapshot;
  /** Founder only, once: opens the accounts of the services a cooperative does not have yet. */
  createCommonServices(): Promise<EconomyResult>;
  /** Proposes a new description of a service (adopted, it is the one every device shows). */
  proposeServiceChange(
    service: ServiceId,
    title: string,
    description: string,
  ): Promise<EconomyResult>;
  /** Proposes a loan from the fund with its schedule (never any interest). */
  proposeLoan(input: LoanInput): Promise<EconomyResult>;
  /** A fund steward pays out an adopted loan (a spend citing the decision). */
  payOutLoan(loan: string): Promise<EconomyResult>;
  /** A steward of the account lent to repays part of a loan to the fund. */
  repayLoan(loan: string, amount: number): Promise<EconomyResult>;
  /** Opens a purchase account for the round and signs the round. */
  createPurchaseRound(input: RoundInput): Promise<EconomyResult>;
  /** Signs this member's order (replacing any earlier one) while the round is open. */
  orderInRound(round: string, quantities: Readonly<Record<string, number>>): Promise<EconomyResult>;
  /** The organiser closes the round now. */
  closePurchaseRound(round: string): Promise<EconomyResult>;
  /** Pays what this member still owes for a closed round, in one contribution. */
  payPurchaseShare(round: string): Promise<EconomyResult>;
}
