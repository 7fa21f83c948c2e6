import type { AreaCatalog, Message } from '../catalog.js';

/** Messages of the profiles area (members' names), French first (the source of keys), then English. */
export const profilesFr = {
  'profiles.founderNameLabel': 'Votre nom',
  'profiles.founderNameHint': 'Les autres membres vous verront sous ce nom.',
  'profiles.founderNameEmpty': 'Donnez votre nom.',
  'profiles.founderNameTooLong': 'Votre nom est trop long (80\u00a0caractères au plus).',
  'profiles.founderNameInvalid': 'Votre nom contient un caractère illisible.',
} as const satisfies Record<string, Message>;

export const profilesEn = {
  'profiles.founderNameLabel': 'Your name',
  'profiles.founderNameHint': 'Other members will see you by this name.',
  'profiles.founderNameEmpty': 'Give your name.',
  'profiles.founderNameTooLong': 'Your name is too long (at most 80 characters).',
  'profiles.founderNameInvalid': 'Your name holds an unreadable character.',
} as const satisfies AreaCatalog<typeof profilesFr>;
