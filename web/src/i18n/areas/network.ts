import type { AreaCatalog, Message } from '../catalog.js';

const EXAMPLE = '/ip4/192.168.1.10/tcp/4002/ws/p2p/12D3KooW…';

/** Messages of the network area, French first (the source of keys), then English. */
export const networkFr = {
  'network.title': 'Réseau',
  'network.intro':
    'Les appareils des membres se parlent directement. Un relais les aide seulement à se trouver\u202f; il ne lit pas vos données.',
  'network.offline': 'Hors ligne',
  'network.connecting': 'Connexion en cours…',
  'network.online': {
    '=0': 'En ligne, aucun autre appareil connecté',
    one: 'En ligne avec {count}\u00a0appareil',
    other: 'En ligne avec {count}\u00a0appareils',
  },
  'network.openElsewhere':
    'Pour ouvrir l’application sur un autre appareil du même réseau, scannez ce code\u00a0:',
  'network.appAddress': 'Adresse de l’application\u00a0: {url}',
  'network.follower':
    'Un autre onglet de ce navigateur s’occupe du réseau\u202f; voici ce qu’il en dit.',

  'network.peersTitle': 'Appareils connectés',
  'network.peersNone': 'Aucun autre appareil connecté pour l’instant.',
  'network.peerOf': 'Appareil de {name}',
  'network.peerUnknown': 'Appareil pas encore identifié',
  'network.peerId': 'Identifiant\u00a0: {id}',
  'network.transport.webrtc': 'Connexion directe (WebRTC)',
  'network.transport.lan': 'Connexion directe sur le réseau local',
  'network.transport.other': 'Connexion directe',
  'network.transport.relayed': 'Seulement par le relais (mise en relation, pas de données)',
  'network.transport.via': 'Par l’appareil de {name} (mise en relation, pas de données)',

  'network.relaysTitle': 'Relais',
  'network.relaysNone':
    'Aucun relais. Sans relais, les appareils ne peuvent pas se trouver, sauf ceux déjà connectés.',
  'network.relay.connecting': 'Connexion en cours',
  'network.relay.connected': 'Connecté',
  'network.relay.reserved': 'Connecté\u00a0: les autres membres peuvent vous joindre par lui',

  'network.documentsTitle': 'Documents de la coopérative',
  'network.documentsNone': 'Les documents ne sont pas encore ouverts sur cet appareil.',
  'network.document.root': 'Fiche de la coopérative',
  'network.document.ledger': 'Grand livre des comptes',
  'network.document.other': 'Document «\u00a0{name}\u00a0»',
  'network.document.federation': 'Assemblées de la fédération',
  'network.document.market': 'Offres et demandes',
  'network.sync.upToDate': 'à jour',
  'network.sync.syncing': 'en cours',
  'network.sync.line': '{member}\u00a0: {state}',
  'network.sync.alone': 'Aucun membre connecté directement pour le moment.',
  'network.sync.notOpen': 'Pas encore ouvert sur cet appareil.',
  'network.lastReceived': 'Dernière réception\u00a0: {time}',
  'network.neverReceived': 'Rien reçu depuis l’ouverture',

  'network.addRelayTitle': 'Ajouter un relais',
  'network.addRelayIntro':
    'Pour une réunion sur un réseau local\u00a0: saisissez l’adresse du relais affichée par l’ordinateur qui le fait tourner, ou scannez son code QR.',
  'network.relayLabel': 'Adresse du relais',
  'network.addRelay': 'Ajouter le relais',
  'network.scanRelay': 'Scanner le code du relais',
  'network.relayAdded': 'Relais ajouté\u00a0: {address}',
  'network.relayRefused': 'Cette adresse de relais n’a pas été acceptée.',
  'network.addFailed': 'Le relais n’a pas pu être ajouté. Réessayez.',
  'network.relayProblem.empty': 'Saisissez l’adresse du relais.',
  'network.relayProblem.tooLong': 'Ce texte est trop long pour être l’adresse d’un relais.',
  'network.relayProblem.invitation':
    'C’est un lien d’invitation, pas l’adresse d’un relais. Un lien d’invitation s’ouvre depuis l’écran «\u00a0Rejoindre\u00a0».',
  'network.relayProblem.url': `C’est une adresse web, pas l’adresse d’un relais. Une adresse de relais commence par «\u00a0/\u00a0», par exemple ${EXAMPLE}`,
  'network.relayProblem.notMultiaddr': `Ce n’est pas une adresse de relais. Elle commence par «\u00a0/\u00a0», par exemple ${EXAMPLE}`,
  'network.relayProblem.noPeerId':
    'Il manque l’identité du relais à la fin de l’adresse (/p2p/…)\u202f: sans elle, impossible de vérifier que c’est le bon relais.',
  'network.relayProblem.malformed':
    'Cette adresse contient des caractères inattendus. Recopiez-la telle qu’elle est affichée.',

  'scan.unavailable':
    'La caméra n’est pas utilisable ici (il faut une page sécurisée — https ou localhost — et une caméra). Saisissez ou collez le texte à la place.',
  'scan.refused':
    'L’accès à la caméra a été refusé. Autorisez-le dans les réglages du navigateur, ou saisissez le texte.',
  'scan.noCamera': 'Aucune caméra n’a été trouvée sur cet appareil.',
  'scan.failed': 'La caméra n’a pas pu démarrer. Saisissez ou collez le texte à la place.',
  'scan.aim': 'Visez le code QR avec la caméra…',
  'scan.video': 'Image de la caméra',
  'scan.close': 'Fermer la caméra',
  'scan.invitationButton': 'Scanner le code d’invitation',
  'scan.invitationNotRelay':
    'Ce code est un lien d’invitation, pas l’adresse d’un relais. Pour rejoindre une coopérative, utilisez l’écran «\u00a0Rejoindre\u00a0».',
  'scan.notRelay': 'Ce code n’est pas l’adresse d’un relais.',
  'scan.relayNotInvitation':
    'Ce code est l’adresse d’un relais, pas un lien d’invitation. Demandez à un membre le code de son invitation.',
  'scan.notInvitation': 'Ce code n’est pas un lien d’invitation.',
  'scan.invitationRead': 'Lien d’invitation lu.',
} as const satisfies Record<string, Message>;

const EXAMPLE_EN = '/ip4/192.168.1.10/tcp/4002/ws/p2p/12D3KooW…';

export const networkEn = {
  'network.title': 'Network',
  'network.intro':
    'Members’ devices talk to each other directly. A relay only helps them find each other; it cannot read your data.',
  'network.offline': 'Offline',
  'network.connecting': 'Connecting…',
  'network.online': {
    '=0': 'Online, no other device connected',
    one: 'Online with {count} device',
    other: 'Online with {count} devices',
  },
  'network.openElsewhere': 'To open the app on another device on the same network, scan this code:',
  'network.appAddress': 'Address of the app: {url}',
  'network.follower': 'Another tab of this browser runs the network; this is what it reports.',

  'network.peersTitle': 'Connected devices',
  'network.peersNone': 'No other device connected yet.',
  'network.peerOf': '{name}’s device',
  'network.peerUnknown': 'Device not identified yet',
  'network.peerId': 'Identifier: {id}',
  'network.transport.webrtc': 'Direct connection (WebRTC)',
  'network.transport.lan': 'Direct connection on the local network',
  'network.transport.other': 'Direct connection',
  'network.transport.relayed': 'Only through the relay (introduction only, no data)',
  'network.transport.via': 'Through {name}’s device (introduction only, no data)',

  'network.relaysTitle': 'Relays',
  'network.relaysNone':
    'No relay. Without a relay devices cannot find each other, except those already connected.',
  'network.relay.connecting': 'Connecting',
  'network.relay.connected': 'Connected',
  'network.relay.reserved': 'Connected: other members can reach you through it',

  'network.documentsTitle': 'The cooperative’s documents',
  'network.documentsNone': 'The documents are not open on this device yet.',
  'network.document.root': 'The cooperative’s record',
  'network.document.ledger': 'Ledger of accounts',
  'network.document.other': 'Document “{name}”',
  'network.document.federation': 'The federation’s assemblies',
  'network.document.market': 'Offers and wants',
  'network.sync.upToDate': 'up to date',
  'network.sync.syncing': 'syncing',
  'network.sync.line': '{member}: {state}',
  'network.sync.alone': 'No member connected directly right now.',
  'network.sync.notOpen': 'Not open on this device yet.',
  'network.lastReceived': 'Last received: {time}',
  'network.neverReceived': 'Nothing received since opening',

  'network.addRelayTitle': 'Add a relay',
  'network.addRelayIntro':
    'For a meeting on a local network: type the relay’s address shown by the computer running it, or scan its QR code.',
  'network.relayLabel': 'Relay address',
  'network.addRelay': 'Add the relay',
  'network.scanRelay': 'Scan the relay’s code',
  'network.relayAdded': 'Relay added: {address}',
  'network.relayRefused': 'This relay address was not accepted.',
  'network.addFailed': 'The relay could not be added. Try again.',
  'network.relayProblem.empty': 'Type the relay’s address.',
  'network.relayProblem.tooLong': 'This text is too long to be a relay’s address.',
  'network.relayProblem.invitation':
    'This is an invitation link, not a relay’s address. Open invitation links from the “Join” screen.',
  'network.relayProblem.url': `This is a web address, not a relay’s address. A relay’s address starts with “/”, for example ${EXAMPLE_EN}`,
  'network.relayProblem.notMultiaddr': `This is not a relay’s address. It starts with “/”, for example ${EXAMPLE_EN}`,
  'network.relayProblem.noPeerId':
    'The relay’s identity is missing at the end of the address (/p2p/…): without it, there is no way to check it is the right relay.',
  'network.relayProblem.malformed':
    'This address has unexpected characters. Copy it exactly as it is shown.',

  'scan.unavailable':
    'The camera cannot be used here (it needs a secure page — https or localhost — and a camera). Type or paste the text instead.',
  'scan.refused':
    'Access to the camera was refused. Allow it in the browser’s settings, or type the text.',
  'scan.noCamera': 'No camera was found on this device.',
  'scan.failed': 'The camera could not start. Type or paste the text instead.',
  'scan.aim': 'Point the camera at the QR code…',
  'scan.video': 'Camera image',
  'scan.close': 'Close the camera',
  'scan.invitationButton': 'Scan the invitation code',
  'scan.invitationNotRelay':
    'This code is an invitation link, not a relay’s address. To join a cooperative, use the “Join” screen.',
  'scan.notRelay': 'This code is not a relay’s address.',
  'scan.relayNotInvitation':
    'This code is a relay’s address, not an invitation link. Ask a member for their invitation’s code.',
  'scan.notInvitation': 'This code is not an invitation link.',
  'scan.invitationRead': 'Invitation link read.',
} as const satisfies AreaCatalog<typeof networkFr>;
