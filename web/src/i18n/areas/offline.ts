import type { AreaCatalog, Message } from '../catalog.js';

/** Messages of the offline area, French first (the source of keys), then English. */
export const offlineFr = {
  'offline.installing': 'Préparation de l’application pour qu’elle s’ouvre aussi sans réseau…',
  'offline.installed':
    'Prête hors ligne\u00a0: l’application s’ouvre sur cet appareil même sans réseau.',
  'offline.insecure':
    'L’application marche sur cette adresse, mais installer l’application hors ligne demande une adresse HTTPS (ou localhost). Sans réseau, elle ne s’ouvrira pas depuis cette adresse.',
  'offline.unsupportedBrowser':
    'Ce navigateur ne permet pas d’installer l’application hors ligne. Elle marche tant que le réseau est là.',
  'offline.failed':
    'L’application n’a pas pu s’installer hors ligne. Elle marche tant que le réseau est là et réessaiera à la prochaine ouverture.',
  'offline.updateAvailable': 'Une nouvelle version de l’application est prête.',
  'offline.reload': 'Recharger pour l’utiliser',
} as const satisfies Record<string, Message>;

export const offlineEn = {
  'offline.installing': 'Getting the app ready to open without a network too…',
  'offline.installed': 'Ready offline: the app opens on this device even with no network.',
  'offline.insecure':
    'The app works at this address, but installing it for offline use needs an HTTPS address (or localhost). With no network, it will not open from this address.',
  'offline.unsupportedBrowser':
    'This browser cannot install the app for offline use. It works while the network is there.',
  'offline.failed':
    'The app could not be installed for offline use. It works while the network is there and will try again next time it opens.',
  'offline.updateAvailable': 'A new version of the app is ready.',
  'offline.reload': 'Reload to use it',
} as const satisfies AreaCatalog<typeof offlineFr>;
