/*
 * Searching the offers-and-wants directory: words typed by a member match a listing's title and
 * description whatever their case and accents (« velo » finds « Réparation de vélo »). Pure.
 */

/** The categories of the directory (as packages/peer market.ts fixes them). */
export const CATEGORIES = [
  'alimentation',
  'artisanat',
  'services',
  'savoirs',
  'transport',
  'logement',
  'outils',
  'autre',
] as const;

/** A category. */
export type Category = (typeof CATEGORIES)[number];

/** Whether `value` is a category. */
export function isCategory(value: unknown): value is Category {
  return (CATEGORIES as readonly unknown[]).includes(value);
}

/** Lower case without accents or ligatures, spaces collapsed: « Œuf  Frais » → "oeuf frais". */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/\s+/g, ' ')
    .trim();
}

/** What the search reads of a listing. */
export interface Searchable {
  readonly title: string;
  readonly description: string;
  readonly category: string;
}

/** Most characters of a query read (beyond, the rest is ignored). */
export const MAX_QUERY_LENGTH = 200;

/**
 * The listings matching every word of `query` (in the title or description) and the category
 * (`''` for any), in their order. An empty query keeps every listing of the category.
 */
export function searchListings<L extends Searchable>(
  listings: readonly L[],
  query: string,
  category: Category | '',
): L[] {
  const words = foldText(String(query).slice(0, MAX_QUERY_LENGTH))
    .split(' ')
    .filter((word) => word !== '');
  return listings.filter((listing) => {
    if (category !== '' && listing.category !== category) return false;
    if (words.length === 0) return true;
    const text = foldText(`${listing.title} ${listing.description}`);
    return words.every((word) => text.includes(word));
  });
}
