import type { Currency, EntryStatus, IgnoredReason } from '@integrale/ledger';
import type {
  Choice,
  DecisionEffects,
  GovernanceResult,
  MethodField,
  ProposalField,
  Result,
} from '../app/runtime-governance.js';
import { describeEntryState } from '../app/screen-logic.js';
import type { Locale } from '../i18n/catalog.js';
import type { Translator } from '../i18n/translator.js';
import { formatAmount } from '../money.js';

/*
 * Governance facts in the member's words: methods, choices, results, effects, verdicts and
 * problems. Pure: the translator and what the ledger knows come in.
 */

type T = Pick<Translator, 't'>;

function unreachable(value: never): never {
  throw new Error(`unexpected value ${String(value)}`);
}

/** A decision method's name (« Majorité de 2/3 »). */
export function describeMethod(i18n: T, method: MethodField | null): string {
  if (method === null) return '—';
  switch (method.kind) {
    case 'consent':
      return i18n.t('gov.method.consent');
    case 'consensus':
      return i18n.t('gov.method.consensus');
    case 'majority':
      return i18n.t('gov.method.majority', { num: method.num, den: method.den });
    case 'advice':
      return i18n.t('gov.method.advice');
    default:
      return unreachable(method);
  }
}

/** What a method means, in one sentence. */
export function explainMethod(i18n: T, method: MethodField): string {
  switch (method.kind) {
    case 'consent':
      return i18n.t('gov.methodHelp.consent');
    case 'consensus':
      return i18n.t('gov.methodHelp.consensus');
    case 'majority':
      return i18n.t('gov.methodHelp.majority', { num: method.num, den: method.den });
    case 'advice':
      return i18n.t('gov.methodHelp.advice');
    default:
      return unreachable(method);
  }
}

/** A ballot choice's name, as its vote button says it. */
export function describeChoice(i18n: T, choice: Choice): string {
  switch (choice) {
    case 'agree':
      return i18n.t('gov.choice.agree');
    case 'disagree':
      return i18n.t('gov.choice.disagree');
    case 'abstain':
      return i18n.t('gov.choice.abstain');
    case 'stand-aside':
      return i18n.t('gov.choice.standAside');
    case 'block':
      return i18n.t('gov.choice.block');
    default:
      return unreachable(choice);
  }
}

/** A vote's result. */
export function describeResult(i18n: T, result: Result): string {
  switch (result) {
    case 'adopted':
      return i18n.t('gov.result.adopted');
    case 'rejected':
      return i18n.t('gov.result.rejected');
    case 'blocked':
      return i18n.t('gov.result.blocked');
    case 'no-quorum':
      return i18n.t('gov.result.noQuorum');
    case 'withdrawn':
      return i18n.t('gov.result.withdrawn');
    default:
      return unreachable(result);
  }
}

/** Why the count left a ballot out. */
export function describeIgnored(i18n: T, reason: IgnoredReason): string {
  switch (reason) {
    case 'malformed':
      return i18n.t('gov.ignored.malformed');
    case 'not-in-electorate':
      return i18n.t('gov.ignored.notInElectorate');
    case 'old-revision':
      return i18n.t('gov.ignored.oldRevision');
    case 'late':
      return i18n.t('gov.ignored.late');
    case 'choice-not-allowed':
      return i18n.t('gov.ignored.choiceNotAllowed');
    case 'reason-required':
      return i18n.t('gov.ignored.reasonRequired');
    case 'superseded':
      return i18n.t('gov.ignored.superseded');
    case 'conflict':
      return i18n.t('gov.ignored.conflict');
    default:
      return unreachable(reason);
  }
}

/** This device's verdict on a governance entry (« Vérifiée sur cet appareil »). */
export function describeVerification(i18n: T, status: EntryStatus): string {
  if (status.state === 'valid') return i18n.t('gov.state.verified');
  const reason = describeEntryState(i18n, status).reason ?? '';
  return status.state === 'invalid'
    ? i18n.t('gov.state.invalid', { reason })
    : i18n.t('gov.state.pending', { reason });
}

/** What a decision's effects need to be said in words. */
export interface EffectsContext {
  readonly currency: Pick<Currency, 'code' | 'decimals'>;
  readonly locale: Locale;
  /** The name a member is shown by. */
  readonly nameOf: (did: string) => string;
  /** The title of a decision (an outcome id), if this device knows it. */
  readonly titleOf: (decision: string) => string | null;
}

/** Each effect of a decision as a sentence; one sentence for none. */
export function describeEffects(
  i18n: T,
  effects: DecisionEffects,
  context: EffectsContext,
): string[] {
  const amount = (minor: number) => formatAmount(minor, context.currency, context.locale);
  const lines: string[] = [];
  if (effects.memberLimit !== undefined) {
    lines.push(
      i18n.t('gov.effect.memberLimit', {
        name: context.nameOf(effects.memberLimit.member),
        amount: amount(effects.memberLimit.limit),
      }),
    );
  }
  if (effects.defaultLimit !== undefined) {
    lines.push(i18n.t('gov.effect.defaultLimit', { amount: amount(effects.defaultLimit) }));
  }
  if (effects.revokes !== undefined) {
    const title = context.titleOf(effects.revokes) ?? i18n.t('gov.unknownDecision');
    lines.push(i18n.t('gov.effect.revokes', { title }));
  }
  if (effects.removeMember !== undefined) {
    lines.push(i18n.t('gov.effect.removeMember', { name: context.nameOf(effects.removeMember) }));
  }
  if (effects.accountRules !== undefined) {
    const { stewards, threshold } = effects.accountRules;
    lines.push(
      i18n.t('gov.effect.accountRules', {
        account: effects.accountRules.account.slice(0, 12),
        names: stewards.map((did) => context.nameOf(did)).join(', '),
        k: threshold,
        n: stewards.length,
      }),
    );
  }
  if (effects.approvesBudget !== undefined) {
    lines.push(
      i18n.t('gov.effect.approvesBudget', { budget: effects.approvesBudget.slice(0, 12) }),
    );
  }
  if (effects.spend !== undefined) {
    // An account's id, or a member's did: the member's name where it is one.
    const to = effects.spend.to.startsWith('did:')
      ? context.nameOf(effects.spend.to)
      : effects.spend.to.slice(0, 12);
    lines.push(
      i18n.t('gov.effect.spend', {
        amount: amount(effects.spend.amount),
        account: effects.spend.account.slice(0, 12),
        to,
      }),
    );
  }
  return lines.length === 0 ? [i18n.t('gov.effect.none')] : lines;
}

/** The field at fault in a draft, as the end of a sentence. */
export function describeField(i18n: T, field: ProposalField): string {
  switch (field) {
    case 'title':
      return i18n.t('gov.field.title');
    case 'text':
      return i18n.t('gov.field.text');
    case 'scope':
      return i18n.t('gov.field.scope');
    case 'assembly':
      return i18n.t('gov.field.assembly');
    case 'method':
      return i18n.t('gov.field.method');
    case 'quorum':
      return i18n.t('gov.field.quorum');
    case 'closes':
      return i18n.t('gov.field.closes');
    case 'electorate':
      return i18n.t('gov.field.electorate');
    case 'amends':
      return i18n.t('gov.field.amends');
    case 'effects':
      return i18n.t('gov.field.effects');
    default:
      return unreachable(field);
  }
}

/** Why a governance action was not taken, as a sentence. */
export function describeGovernanceProblem(
  i18n: T,
  result: Extract<GovernanceResult, { ok: false }>,
): string {
  switch (result.reason) {
    case 'not-ready':
      return i18n.t('gov.problem.notReady');
    case 'not-member':
      return i18n.t('gov.problem.notMember');
    case 'invalid-draft':
      return i18n.t('gov.problem.invalidDraft', {
        field: describeField(i18n, result.field ?? 'title'),
      });
    case 'not-held':
      return i18n.t('gov.problem.notHeld');
    case 'closed':
      return i18n.t('gov.problem.closed');
    case 'not-in-electorate':
      return i18n.t('gov.problem.notInElectorate');
    case 'choice-not-allowed':
      return i18n.t('gov.problem.choiceNotAllowed');
    case 'reason-required':
      return i18n.t('gov.problem.reasonRequired');
    case 'reason-too-long':
      return i18n.t('gov.problem.reasonTooLong');
    case 'not-proposer':
      return i18n.t('gov.problem.notProposer');
    case 'invalid-proxy':
      return i18n.t('gov.problem.invalidProxy');
    default:
      return unreachable(result.reason);
  }
}

/** A proposal's scope in words: the whole cooperative, or a circle by name. */
export function describeScope(i18n: T, scope: string): string {
  return scope === 'federation'
    ? i18n.t('gov.list.scopeFederation')
    : i18n.t('gov.list.scopeCircle', { name: scope });
}
