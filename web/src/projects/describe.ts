import type { ProjectsProblem } from '../app/runtime-projects.js';
import type { Translator } from '../i18n/translator.js';

/** Reads of the translator these sentences need. */
type T = Pick<Translator, 't'>;

/** A scope's name for a member: « Fédération » or the circle's name. */
export function scopeLabel(i18n: T, scope: { readonly id: string; readonly name: string }): string {
  return scope.id === 'federation' ? i18n.t('projects.federation') : scope.name;
}

/** A sentence for why a projects or market action failed. */
export function describeProjectsProblem(i18n: T, reason: ProjectsProblem): string {
  switch (reason) {
    case 'not-ready':
      return i18n.t('projects.problem.notReady');
    case 'not-member':
      return i18n.t('projects.problem.notMember');
    case 'invalid-title':
      return i18n.t('projects.problem.title');
    case 'invalid-quantity':
      return i18n.t('projects.badQuantity');
    case 'invalid-need':
      return i18n.t('projects.problem.need');
    case 'invalid-text':
    case 'invalid-description':
    case 'invalid-unit':
      return i18n.t('projects.problem.text');
    case 'invalid-price':
      return i18n.t('market.problem.price');
    case 'not-steward':
      return i18n.t('projects.problem.notSteward');
    case 'not-author':
      return i18n.t('market.problem.notAuthor');
    case 'already-answered':
      return i18n.t('projects.problem.answered');
    case 'invalid-account':
      return i18n.t('projects.problem.account');
    case 'too-many':
      return i18n.t('projects.problem.tooMany');
    default:
      return i18n.t('projects.problem.other');
  }
}
