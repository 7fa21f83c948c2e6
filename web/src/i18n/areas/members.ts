import type { AreaCatalog, Message } from '../catalog.js';

/**
 * Messages of the members area added since the first catalog (the rest are in fr.ts/en.ts),
 * French first (the source of keys), then English.
 */
export const membersFr = {
  'members.balance': 'Solde\u00a0: {amount}',
} as const satisfies Record<string, Message>;

export const membersEn = {
  'members.balance': 'Balance: {amount}',
} as const satisfies AreaCatalog<typeof membersFr>;
