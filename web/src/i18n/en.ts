import type { Catalog } from './catalog.js';
import { keysEn } from './areas/keys.js';
import { requestsEn } from './areas/requests.js';
import { networkEn } from './areas/network.js';
import { offlineEn } from './areas/offline.js';
import { assembliesEn } from './areas/assemblies.js';
import { accountsEn } from './areas/accounts.js';
import { membersEn } from './areas/members.js';
import { governanceEn } from './areas/governance.js';
import { projectsEn } from './areas/projects.js';
import { profilesEn } from './areas/profiles.js';
import { economyEn } from './areas/economy.js';

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
  'create.nameLabel': 'Cooperative name',
  'create.codeLabel': 'Currency code (1 to 8 letters or digits, e.g. ECO)',
  'create.currencyNameLabel': 'Currency name',
  'create.decimalsLabel': 'Digits after the decimal point (0 to 4)',
  'create.creditLimitLabel': 'Credit limit of each member, in currency units',
  'create.creditLimitHint': 'A member’s balance cannot go below minus this amount.',
  'create.submit': 'Create the cooperative',
  'create.working': 'Creating…',
  'create.nameEmpty': 'Give the cooperative a name.',
  'create.nameTooLong': 'The name is too long (at most 80 characters).',
  'create.codeInvalid': 'The currency code has 1 to 8 unaccented letters or digits.',
  'create.currencyNameInvalid': 'Give the currency a name (at most 40 characters).',
  'create.decimalsInvalid': 'Give a number of digits after the decimal point between 0 and 4.',
  'create.notReady': 'The app is not ready yet. Try again in a moment.',
  'create.alreadyMember': 'This device already belongs to a cooperative.',
  'create.invalidDetails': 'These details are not valid. Check the form.',
  'create.failed': 'The cooperative could not be created on this device. Try again.',

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
  'join.nameLabel': 'Your name in the cooperative',
  'join.submit': 'Join',
  'join.cancel': 'Stop waiting',
  'join.waiting':
    'Waiting for a member to come online — keep this page open. A member needs to open the app to let you in.',
  'join.admitted': 'You have been let in. The cooperative’s data is arriving…',
  'join.lastRefusal': 'Last answer from a member: {reason}',
  'join.nameEmpty': 'Enter your name.',
  'join.linkEmpty': 'Paste the invitation link.',
  'join.failed': 'Could not join from this device. Try again.',
  'joinProblem.notReady': 'The app is not ready yet. Try again in a moment.',
  'joinProblem.alreadyMember': 'This device already belongs to a cooperative.',
  'joinProblem.invalidLink': 'This invitation link is damaged. Ask for a new one.',
  'joinProblem.invalidName': 'This name is not valid (1 to 80 characters).',
  'joinProblem.busy': 'Another tab of this browser is already joining this cooperative.',
  'joinProblem.cancelled': 'You stopped waiting. You can try again with the same link.',
  'joinProblem.inviteUsed': 'This invitation has already been used. Ask for a new one.',
  'joinProblem.badProof': 'This invitation was not recognised. Ask for a new one.',

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
  'members.unknown': 'Unknown person',
  'members.invitedBy': 'Invited by {name}',
  'members.inviteAction': 'Invite someone',
  'members.inviteWorking': 'Preparing the invitation…',
  'members.inviteReady':
    'Send this link to one person only, or let them scan the code. It is valid until {date}.',
  'members.inviteQr': 'Invitation QR code',
  'members.copy': 'Copy the link',
  'members.copied': 'Link copied.',
  'members.copyFailed': 'Copying did not work: select the link by hand.',
  'members.inviteNotReady': 'The app is not ready yet. Try again in a moment.',
  'members.inviteNotMember': 'Only members can invite.',
  'members.inviteNoRelay': 'No relay is known: add one under “Network” to invite.',
  'members.inviteFailed': 'The invitation could not be prepared. Try again.',

  'ledger.title': 'Ledger',
  'ledger.intro':
    'Every payment is signed by the person who pays, then checked by every device. Nobody can change it behind your back.',
  'ledger.yourBalance': 'Your balance: {amount}',
  'ledger.creditLimit': 'You can go down to {amount}.',
  'ledger.payTitle': 'Pay a member',
  'ledger.searchLabel': 'Search a member by name',
  'ledger.payeeLegend': 'Who to pay?',
  'ledger.noMatch': 'No member matches.',
  'ledger.amountLabel': 'Amount ({code})',
  'ledger.memoLabel': 'Message (optional, at most 280 characters)',
  'ledger.review': 'Review the payment',
  'ledger.confirmTitle': 'Confirm the payment',
  'ledger.confirmText': 'Pay {amount} to {name}?',
  'ledger.confirmMemo': 'Message: {memo}',
  'ledger.confirm': 'Pay',
  'ledger.back': 'Change',
  'ledger.paid': 'Payment signed and saved.',
  'ledger.payFailed': 'The payment could not be saved on this device. Try again.',
  'ledger.historyTitle': 'History',
  'ledger.noEntries': 'No entries yet.',
  'ledger.payLine': '{from} paid {amount} to {to}',
  'ledger.otherLine': 'Entry by {from}',
  'ledger.signedBy': 'Signed by {name} on {date}',
  'pay.pickPayee': 'Choose who to pay.',
  'entry.valid': 'Valid',
  'entry.pending': 'Pending',
  'entry.rejected': 'Rejected',
  'entry.waitingMember': 'It is waiting for its author’s membership to reach this device.',
  'entry.waitingEntry': 'It is waiting for an earlier entry that has not reached this device yet.',
  'entry.malformed': 'It is malformed or does not belong to this cooperative.',
  'entry.badSignature': 'Its signature or proof is not valid.',
  'entry.badPrev': 'It does not follow its author’s earlier entries correctly.',
  'entry.inviteUsed': 'The invitation it uses has already been used.',
  'entry.selfPay': 'Its author pays themselves.',
  'entry.badBalance': 'The balance it states is wrong.',
  'entry.overLimit': 'It takes its author’s balance below the credit limit.',
  'entry.notPayee': 'Only the person paid can accept this payment.',
  'entry.doubleAccept': 'This payment has already been accepted.',
  'ledger.stateLine': '{label}: {reason}',

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
  ...keysEn,
  ...requestsEn,
  ...networkEn,
  ...offlineEn,
  ...assembliesEn,
  ...accountsEn,
  ...membersEn,
  ...governanceEn,
  ...projectsEn,
  ...profilesEn,
  ...economyEn,
} as const satisfies Catalog;
