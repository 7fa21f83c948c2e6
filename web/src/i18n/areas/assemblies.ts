import type { AreaCatalog, Message } from '../catalog.js';

/** Messages of the assemblies area (proposals, votes, decisions), French first, then English. */
export const assembliesFr = {
  'decision.badOutcome':
    'Le résultat inscrit ne correspond pas au décompte des votes qu’il cite\u00a0: il est refusé.',
  'decision.notProposer':
    'Seule la personne qui a fait la proposition peut la retirer ou trancher.',
  'decision.notAdopted': 'Elle s’appuie sur une décision qui n’a pas été adoptée.',
  'decision.badLimit': 'La limite inscrite n’est pas celle que la décision a fixée pour ce membre.',
} as const satisfies Record<string, Message>;

export const assembliesEn = {
  'decision.badOutcome':
    'The recorded result does not match the count of the votes it cites: it is refused.',
  'decision.notProposer': 'Only the person who made the proposal may withdraw it or decide.',
  'decision.notAdopted': 'It relies on a decision that was not adopted.',
  'decision.badLimit': 'The limit written is not the one the decision set for this member.',
} as const satisfies AreaCatalog<typeof assembliesFr>;
