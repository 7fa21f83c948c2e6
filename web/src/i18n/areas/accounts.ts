import type { AreaCatalog, Message } from '../catalog.js';

/** Messages of the collective accounts (projects, services, the fund), French first. */
export const accountsFr = {
  'account.notSteward': 'Le compte a été créé par quelqu’un qui n’en est pas responsable.',
  'account.notApproved':
    'Cette dépense n’a pas l’accord d’assez de responsables du compte, ni d’une décision.',
  'account.badPrev': 'Elle ne suit pas la dépense précédente du compte.',
  'account.doubleReceipt': 'Elle compte une seconde fois une rentrée déjà comptée.',
  'account.overdrawn': 'Elle mettrait le compte collectif à découvert.',
} as const satisfies Record<string, Message>;

export const accountsEn = {
  'account.notSteward': 'The account was created by someone who is not one of its stewards.',
  'account.notApproved':
    'This spend has the approval of neither enough of the account’s stewards nor a decision.',
  'account.badPrev': 'It does not follow the account’s previous spend.',
  'account.doubleReceipt': 'It counts a second time an income already counted.',
  'account.overdrawn': 'It would overdraw the collective account.',
} as const satisfies AreaCatalog<typeof accountsFr>;
