import { foldText, type Category } from './search.js';

/*
 * Suggestions: for each of a member's wants and each need of a project, the offers that may
 * answer it, by category and shared words. A small scoring function, pure and deterministic:
 * 3 points for the same category, 1 per distinct significant word shared (title counts, the
 * description too); an offer scores at least one shared word to be suggested, or the same
 * category when the want says nothing more.
 */

/** Words too common to say anything about a match (French and English). */
const STOP_WORDS = new Set([
  'les',
  'des',
  'une',
  'pour',
  'avec',
  'dans',
  'sur',
  'par',
  'aux',
  'est',
  'qui',
  'que',
  'pas',
  'plus',
  'mon',
  'mes',
  'ton',
  'son',
  'nos',
  'vos',
  'leur',
  'the',
  'and',
  'for',
  'with',
  'from',
  'of',
  'de',
  'du',
  'la',
  'le',
  'et',
  'un',
  'a',
  'au',
  'en',
  'or',
  'ou',
  'cherche',
  'besoin',
  'need',
  'offre',
  'propose',
]);

/** The significant words of a text: folded, 3 letters or more, not common, without plural s/x. */
export function significantWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const raw of foldText(text).split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length < 3 || STOP_WORDS.has(raw)) continue;
    words.add(raw.length > 3 && /[sx]$/.test(raw) ? raw.slice(0, -1) : raw);
  }
  return words;
}

/** What is looked for: a want, or a project's need. */
export interface Wanted {
  readonly title: string;
  readonly description: string;
  /** The category it is in, or `null` when none says (a need of money, say). */
  readonly category: Category | null;
}

/** An offer as the matching reads it. */
export interface Offered {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly category: string;
}

/** How well `offer` answers `wanted` (0: not at all). */
export function matchScore(wanted: Wanted, offer: Offered): number {
  const want = significantWords(`${wanted.title} ${wanted.description}`);
  const have = significantWords(`${offer.title} ${offer.description}`);
  let shared = 0;
  for (const word of want) if (have.has(word)) shared += 1;
  const sameCategory = wanted.category !== null && wanted.category === offer.category;
  if (shared === 0 && !(sameCategory && want.size === 0)) return 0;
  return shared + (sameCategory ? 3 : 0);
}

/** The offers matching `wanted`, best first (ties by id), at most `limit`. */
export function suggestOffers<O extends Offered>(
  wanted: Wanted,
  offers: readonly O[],
  limit = 5,
): O[] {
  return offers
    .map((offer) => ({ offer, score: matchScore(wanted, offer) }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score || (a.offer.id < b.offer.id ? -1 : 1))
    .slice(0, limit)
    .map(({ offer }) => offer);
}

/** Where a need's kind is most often answered in the directory. */
export const NEED_CATEGORY: Readonly<Record<string, Category | null>> = {
  time: 'services',
  skills: 'savoirs',
  materials: 'outils',
  space: 'logement',
  money: null,
};
