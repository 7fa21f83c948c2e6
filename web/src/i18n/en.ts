import type { Catalog } from './catalog.js';

/**
 * English. Typed against the French catalog: exactly the same keys, plural forms where French
 * has them (checked at compile time); the same placeholders (checked by a unit test).
 */
export const en = {
  'app.name': 'Intégrale',
  'app.skipToContent': 'Skip to content',
  'app.notConnected': 'This device is not linked to a cooperative yet.',
  'app.comingSoon': 'This part of the app is coming soon.',

  'nav.label': 'Main menu',
  'nav.home': 'Home',
  'nav.create': 'Create',
  'nav.join': 'Join',
  'nav.members': 'Members',
  'nav.ledger': 'Ledger',
  'nav.network': 'Network',
  'nav.keys': 'Keys',

  'language.label': 'Language',
  'language.fr': 'Français',
  'language.en': 'English',

  'home.title': 'Welcome',
  'home.intro':
    'Intégrale connects the members of the cooperative directly, from device to device, with no central server. Your keys and your data stay with you.',
  'home.noCooperative': 'You are not part of any cooperative on this device yet.',
  'home.createAction': 'Create a cooperative',
  'home.joinAction': 'Join with an invitation',
  'home.memberOf': 'You are a member of “{name}”.',

  'create.title': 'Create a cooperative',
  'create.intro':
    'You will be its first member. You will choose the name of the cooperative and of its currency, then invite other people.',

  'join.title': 'Join a cooperative',
  'join.intro': 'Open the invitation link you received, scan its QR code, or paste the link below.',
  'join.linkLabel': 'Invitation link',
  'join.invitationNamed': 'Invitation to join “{name}”',
  'join.invitationUnnamed': 'Invitation to join a cooperative',
  'join.validUntil': 'Valid until {date}',
  'join.relays': {
    one: 'It uses one relay to find the other members.',
    other: 'It uses {count} relays to find the other members.',
  },

  'members.title': 'Members',
  'members.count': {
    '=0': 'No members yet',
    one: '{count} member',
    other: '{count} members',
  },
  'members.founder': 'Founded the cooperative',
  'members.founderName': 'Founder',
  'members.since': 'Member since {date}',
  'members.you': '(you)',

  'ledger.title': 'Ledger',
  'ledger.intro':
    'Every payment is signed by the person who pays, then checked by every device. Nobody can change it behind your back.',
  'ledger.yourBalance': 'Your balance: {amount}',
  'ledger.creditLimit': 'You can go down to {amount}.',

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

  'keys.title': 'Your keys',
  'keys.intro':
    'Your key proves who you are in the cooperative. It stays on this device, unless you make a backup protected by a passphrase.',
  'keys.backupAdvice':
    'Without a backup, losing this device means losing access to your account. Keep the backup and the passphrase somewhere safe, apart from each other.',

  'notFound.title': 'Page not found',
  'notFound.body': 'This address does not match any page.',
  'notFound.back': 'Back to home',

  'qr.label': 'QR code',
  'qr.tooLong': 'This text is too long to fit in a QR code.',

  'amount.empty': 'Enter an amount.',
  'amount.tooLong': 'This amount is too long.',
  'amount.malformed': 'Write the amount in digits, for example 12.50.',
  'amount.negative': 'The amount cannot be negative.',
  'amount.exponent': 'Write the amount in full, without “e”, for example 1500.',
  'amount.tooManyDecimals': {
    '=0': 'The amount must be a whole number.',
    one: 'At most {count} digit after the decimal point.',
    other: 'At most {count} digits after the decimal point.',
  },
  'amount.zero': 'The amount must be more than zero.',
  'amount.tooLarge': 'This amount is too large (at most {max}).',

  'invitation.tooLong': 'This text is too long to be an invitation link.',
  'invitation.notAnInvitation': 'This text is not an invitation link.',
  'invitation.malformed': 'This invitation link is damaged. Ask for a new one.',
  'invitation.wrongVersion':
    'This link comes from another version of Intégrale. Update the app, or ask for a new link.',
  'invitation.incomplete':
    'Part of this invitation link is missing or damaged. Check that it was copied in full.',
  'invitation.expired': 'This invitation has expired. Ask for a new one.',

  'backup.wrongPassphrase': 'The passphrase does not match this backup.',
  'backup.damaged': 'This backup is damaged or incomplete.',
  'backup.unsupportedVersion':
    'This backup comes from a newer version of Intégrale. Update the app.',

  'pay.notReady': 'The app is not ready yet. Try again in a moment.',
  'pay.notMember': 'Only members of the cooperative can pay.',
  'pay.unknownPayee': 'This person is not a member of the cooperative.',
  'pay.selfPay': 'You cannot pay yourself.',
  'pay.invalidAmount': 'This amount is not valid.',
  'pay.overLimit': 'This payment would take your balance below your credit limit.',
  'pay.memoTooLong': 'The message is too long (280 characters at most).',
} as const satisfies Catalog;
