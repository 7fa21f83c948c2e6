import type { Locale } from '../i18n/catalog.js';

/*
 * The app's screens and their addresses. The router is a hash router (`#/membres`), so the app
 * works from any path a relay or a laptop serves it at, and a link's fragment never reaches the
 * server. Each screen has a French and an English address; both always work, and links are
 * written in the member's language. Accents are left out of the written addresses (`#/creer`)
 * so they survive being copied by hand, but an address typed with them (`#/créer`) works too.
 */

/** The screens. */
export const ROUTES = [
  'home',
  'create',
  'join',
  'members',
  'ledger',
  'assemblies',
  'meeting',
  'proposals',
  'proposal',
  'decisions',
  'network',
  'keys',
  'projects',
  'project',
  'market',
  'offer',
  'accounts',
  'account',
  'dashboard',
  'services',
  'fund',
  'purchases',
] as const;

/** A screen. */
export type RouteId = (typeof ROUTES)[number];

/** The address of each screen, per language. */
export const ROUTE_SLUGS: { readonly [R in RouteId]: { readonly [L in Locale]: string } } = {
  home: { fr: 'accueil', en: 'home' },
  create: { fr: 'creer', en: 'create' },
  join: { fr: 'rejoindre', en: 'join' },
  members: { fr: 'membres', en: 'members' },
  ledger: { fr: 'registre', en: 'ledger' },
  network: { fr: 'reseau', en: 'network' },
  keys: { fr: 'cles', en: 'keys' },
  assemblies: { fr: 'assemblees', en: 'assemblies' },
  meeting: { fr: 'seance', en: 'meeting' },
  proposals: { fr: 'propositions', en: 'proposals' },
  proposal: { fr: 'proposition', en: 'proposal' },
  decisions: { fr: 'decisions', en: 'decisions' },
  projects: { fr: 'projets', en: 'projects' },
  project: { fr: 'projet', en: 'project' },
  market: { fr: 'echanges', en: 'market' },
  offer: { fr: 'annonce', en: 'listing' },
  accounts: { fr: 'comptes', en: 'accounts' },
  account: { fr: 'compte', en: 'account' },
  dashboard: { fr: 'tableau-de-bord', en: 'dashboard' },
  services: { fr: 'services', en: 'services' },
  fund: { fr: 'caisse', en: 'fund' },
  purchases: { fr: 'achats', en: 'purchases' },
};

/** Where the address points. */
export interface Route {
  /** The screen, or `not-found` for an address that names none. */
  readonly id: RouteId | 'not-found';
  /** What follows `?` in the fragment (an invitation's fields on `join`), undecoded. */
  readonly query: string;
}

const BY_SLUG: ReadonlyMap<string, RouteId> = new Map(
  ROUTES.flatMap((id) => Object.values(ROUTE_SLUGS[id]).map((slug) => [slug, id] as const)),
);

/** Lower case without accents: « Réseau » → "reseau". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The route of a location's fragment (`location.hash`, with or without its `#`). */
export function parseRoute(hash: string): Route {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  const mark = fragment.indexOf('?');
  const path = mark === -1 ? fragment : fragment.slice(0, mark);
  const query = mark === -1 ? '' : fragment.slice(mark + 1);
  let name: string;
  try {
    name = decodeURIComponent(path);
  } catch {
    return { id: 'not-found', query };
  }
  name = fold(name.replace(/^\/+|\/+$/g, ''));
  if (name === '') return { id: 'home', query };
  return { id: BY_SLUG.get(name) ?? 'not-found', query };
}

/** The fragment that opens a screen, in the member's language: `#/membres`. */
export function routeHref(id: RouteId, locale: Locale): string {
  return `#/${ROUTE_SLUGS[id][locale]}`;
}
