import type { Message } from './catalog.js';
import { keysFr } from './areas/keys.js';
import { requestsFr } from './areas/requests.js';
import { networkFr } from './areas/network.js';
import { offlineFr } from './areas/offline.js';
import { assembliesFr } from './areas/assemblies.js';
import { accountsFr } from './areas/accounts.js';
import { membersFr } from './areas/members.js';
import { governanceFr } from './areas/governance.js';
import { projectsFr } from './areas/projects.js';
import { profilesFr } from './areas/profiles.js';
import { economyFr } from './areas/economy.js';

/**
 * French, the source of every key. Plain words: members are not all technical. Placeholders are
 * `{name}`; braces are reserved for them. French spacing: `\u00a0` (no-break space) before a
 * colon and inside « », `\u202f` (narrow no-break space) before ; ! ?
 */
export const fr = {
  'app.name': 'Intégrale',
  'app.skipToContent': 'Aller au contenu',
  'app.notConnected': 'Cet appareil n’est pas encore relié à une coopérative.',
  'app.comingSoon': 'Cette partie de l’application arrive bientôt.',

  'nav.label': 'Menu principal',
  'nav.home': 'Accueil',
  'nav.create': 'Créer',
  'nav.join': 'Rejoindre',
  'nav.members': 'Membres',
  'nav.ledger': 'Registre',
  'nav.network': 'Réseau',
  'nav.keys': 'Clés',

  'language.label': 'Langue',
  'language.fr': 'Français',
  'language.en': 'English',

  'home.title': 'Bienvenue',
  'home.intro':
    'Intégrale relie les membres de la coopérative directement, d’appareil à appareil, sans serveur central. Vos clés et vos données restent chez vous.',
  'home.noCooperative': 'Vous ne faites encore partie d’aucune coopérative sur cet appareil.',
  'home.createAction': 'Créer une coopérative',
  'home.joinAction': 'Rejoindre avec une invitation',
  'home.memberOf': 'Vous êtes membre de «\u00a0{name}\u00a0».',

  'create.title': 'Créer une coopérative',
  'create.intro':
    'Vous serez la première personne membre. Vous choisirez le nom de la coopérative et celui de sa monnaie, puis vous inviterez d’autres personnes.',
  'create.nameLabel': 'Nom de la coopérative',
  'create.codeLabel': 'Code de la monnaie (1 à 8 lettres ou chiffres, par exemple ECO)',
  'create.currencyNameLabel': 'Nom de la monnaie',
  'create.decimalsLabel': 'Chiffres après la virgule (0 à 4)',
  'create.creditLimitLabel': 'Limite de crédit de chaque membre, en unités de la monnaie',
  'create.creditLimitHint': 'Le solde d’un membre ne pourra pas descendre sous moins ce montant.',
  'create.submit': 'Créer la coopérative',
  'create.working': 'Création en cours…',
  'create.nameEmpty': 'Donnez un nom à la coopérative.',
  'create.nameTooLong': 'Le nom est trop long (80\u00a0caractères au plus).',
  'create.codeInvalid': 'Le code de la monnaie a de 1 à 8 lettres sans accent ou chiffres.',
  'create.currencyNameInvalid': 'Donnez un nom à la monnaie (40\u00a0caractères au plus).',
  'create.decimalsInvalid': 'Indiquez un nombre de chiffres après la virgule entre 0 et 4.',
  'create.notReady': 'L’application n’est pas encore prête. Réessayez dans un instant.',
  'create.alreadyMember': 'Cet appareil fait déjà partie d’une coopérative.',
  'create.invalidDetails': 'Ces informations ne sont pas valables. Vérifiez le formulaire.',
  'create.failed': 'La coopérative n’a pas pu être créée sur cet appareil. Réessayez.',

  'join.title': 'Rejoindre une coopérative',
  'join.intro':
    'Ouvrez le lien d’invitation que vous avez reçu, scannez son code QR, ou collez le lien ci-dessous.',
  'join.linkLabel': 'Lien d’invitation',
  'join.invitationNamed': 'Invitation à rejoindre «\u00a0{name}\u00a0»',
  'join.invitationUnnamed': 'Invitation à rejoindre une coopérative',
  'join.validUntil': 'Valable jusqu’au {date}',
  'join.relays': {
    one: 'Elle passe par un relais pour trouver les autres membres.',
    other: 'Elle passe par {count}\u00a0relais pour trouver les autres membres.',
  },
  'join.nameLabel': 'Votre nom dans la coopérative',
  'join.submit': 'Rejoindre',
  'join.cancel': 'Arrêter d’attendre',
  'join.waiting':
    'En attente d’un membre en ligne — gardez cette page ouverte. Un membre doit ouvrir l’application pour vous accueillir.',
  'join.admitted': 'Vous êtes accueilli·e. Les données de la coopérative arrivent…',
  'join.lastRefusal': 'Dernière réponse d’un membre\u00a0: {reason}',
  'join.nameEmpty': 'Indiquez votre nom.',
  'join.linkEmpty': 'Collez le lien d’invitation.',
  'join.failed': 'Impossible de rejoindre depuis cet appareil. Réessayez.',
  'joinProblem.notReady': 'L’application n’est pas encore prête. Réessayez dans un instant.',
  'joinProblem.alreadyMember': 'Cet appareil fait déjà partie d’une coopérative.',
  'joinProblem.invalidLink': 'Ce lien d’invitation est abîmé. Demandez-en un nouveau.',
  'joinProblem.invalidName': 'Ce nom n’est pas valable (1 à 80\u00a0caractères).',
  'joinProblem.busy':
    'Un autre onglet de ce navigateur est déjà en train de rejoindre cette coopérative.',
  'joinProblem.cancelled': 'Vous avez arrêté d’attendre. Vous pouvez réessayer avec le même lien.',
  'joinProblem.inviteUsed': 'Cette invitation a déjà servi. Demandez-en une nouvelle.',
  'joinProblem.badProof': 'Cette invitation n’a pas été reconnue. Demandez-en une nouvelle.',

  'members.title': 'Membres',
  'members.count': {
    '=0': 'Aucun membre pour l’instant',
    one: '{count}\u00a0membre',
    other: '{count}\u00a0membres',
  },
  'members.founder': 'A fondé la coopérative',
  'members.founderName': 'Personne fondatrice',
  'members.since': 'Membre depuis le {date}',
  'members.you': '(vous)',
  'members.unknown': 'Personne inconnue',
  'members.invitedBy': 'Invité·e par {name}',
  'members.inviteAction': 'Inviter quelqu’un',
  'members.inviteWorking': 'Préparation de l’invitation…',
  'members.inviteReady':
    'Envoyez ce lien à une seule personne, ou faites-lui scanner le code. Il est valable jusqu’au {date}.',
  'members.inviteQr': 'Code QR de l’invitation',
  'members.copy': 'Copier le lien',
  'members.copied': 'Lien copié.',
  'members.copyFailed': 'La copie n’a pas marché\u00a0: sélectionnez le lien à la main.',
  'members.inviteNotReady': 'L’application n’est pas encore prête. Réessayez dans un instant.',
  'members.inviteNotMember': 'Seuls les membres peuvent inviter.',
  'members.inviteNoRelay':
    'Aucun relais n’est connu\u00a0: ajoutez-en un dans «\u00a0Réseau\u00a0» pour inviter.',
  'members.inviteFailed': 'L’invitation n’a pas pu être préparée. Réessayez.',

  'ledger.title': 'Registre',
  'ledger.intro':
    'Chaque paiement est signé par la personne qui paie, puis vérifié par chaque appareil. Personne ne peut le modifier en cachette.',
  'ledger.yourBalance': 'Votre solde\u00a0: {amount}',
  'ledger.creditLimit': 'Vous pouvez descendre jusqu’à {amount}.',
  'ledger.payTitle': 'Payer un membre',
  'ledger.searchLabel': 'Chercher un membre par son nom',
  'ledger.payeeLegend': 'À qui\u202f?',
  'ledger.noMatch': 'Aucun membre ne correspond.',
  'ledger.amountLabel': 'Montant ({code})',
  'ledger.memoLabel': 'Message (facultatif, 280\u00a0caractères au plus)',
  'ledger.review': 'Vérifier le paiement',
  'ledger.confirmTitle': 'Confirmer le paiement',
  'ledger.confirmText': 'Payer {amount} à {name}\u202f?',
  'ledger.confirmMemo': 'Message\u00a0: {memo}',
  'ledger.confirm': 'Payer',
  'ledger.back': 'Modifier',
  'ledger.paid': 'Paiement signé et enregistré.',
  'ledger.payFailed': 'Le paiement n’a pas pu être enregistré sur cet appareil. Réessayez.',
  'ledger.historyTitle': 'Historique',
  'ledger.noEntries': 'Aucune écriture pour l’instant.',
  'ledger.payLine': '{from} a payé {amount} à {to}',
  'ledger.otherLine': 'Écriture de {from}',
  'ledger.signedBy': 'Signé par {name}, le {date}',
  'pay.pickPayee': 'Choisissez la personne à payer.',
  'entry.valid': 'Valide',
  'entry.pending': 'En attente',
  'entry.rejected': 'Refusée',
  'entry.waitingMember': 'Elle attend que l’adhésion de son auteur soit connue de cet appareil.',
  'entry.waitingEntry':
    'Elle attend une écriture précédente qui n’est pas encore arrivée sur cet appareil.',
  'entry.malformed': 'Elle est mal formée ou ne concerne pas cette coopérative.',
  'entry.badSignature': 'Sa signature ou sa preuve n’est pas valable.',
  'entry.badPrev': 'Elle ne suit pas correctement les écritures précédentes de son auteur.',
  'entry.inviteUsed': 'L’invitation qu’elle utilise a déjà servi.',
  'entry.selfPay': 'Son auteur se paie lui-même.',
  'entry.badBalance': 'Le solde qu’elle annonce est faux.',
  'entry.overLimit': 'Elle fait passer le solde de son auteur sous la limite de crédit.',
  'entry.notPayee': 'Seule la personne payée peut accepter ce paiement.',
  'entry.doubleAccept': 'Ce paiement a déjà été accepté.',
  'ledger.stateLine': '{label}\u00a0: {reason}',

  'keys.title': 'Vos clés',
  'keys.intro':
    'Votre clé prouve qui vous êtes dans la coopérative. Elle reste sur cet appareil, sauf si vous en faites une sauvegarde protégée par une phrase secrète.',
  'keys.backupAdvice':
    'Sans sauvegarde, perdre cet appareil, c’est perdre l’accès à votre compte. Gardez la sauvegarde et la phrase secrète en lieu sûr, séparément.',

  'notFound.title': 'Page introuvable',
  'notFound.body': 'Cette adresse ne correspond à aucune page.',
  'notFound.back': 'Retour à l’accueil',

  'qr.label': 'Code QR',
  'qr.tooLong': 'Ce texte est trop long pour tenir dans un code QR.',

  'amount.empty': 'Indiquez un montant.',
  'amount.tooLong': 'Ce montant est trop long.',
  'amount.malformed': 'Écrivez le montant en chiffres, par exemple 12,50.',
  'amount.negative': 'Le montant ne peut pas être négatif.',
  'amount.exponent': 'Écrivez le montant en entier, sans «\u00a0e\u00a0», par exemple 1500.',
  'amount.tooManyDecimals': {
    '=0': 'Le montant doit être un nombre entier, sans virgule.',
    one: 'Au plus {count}\u00a0chiffre après la virgule.',
    other: 'Au plus {count}\u00a0chiffres après la virgule.',
  },
  'amount.zero': 'Le montant doit être plus grand que zéro.',
  'amount.tooLarge': 'Ce montant est trop grand (au plus {max}).',

  'invitation.tooLong': 'Ce texte est trop long pour être un lien d’invitation.',
  'invitation.notAnInvitation': 'Ce texte n’est pas un lien d’invitation.',
  'invitation.malformed': 'Ce lien d’invitation est abîmé. Demandez-en un nouveau.',
  'invitation.wrongVersion':
    'Ce lien vient d’une autre version d’Intégrale. Mettez l’application à jour, ou demandez un nouveau lien.',
  'invitation.incomplete':
    'Une partie de ce lien d’invitation manque ou est abîmée. Vérifiez qu’il a été copié en entier.',
  'invitation.expired': 'Cette invitation a expiré. Demandez-en une nouvelle.',

  'backup.wrongPassphrase': 'La phrase secrète ne correspond pas à cette sauvegarde.',
  'backup.damaged': 'Cette sauvegarde est abîmée ou incomplète.',
  'backup.unsupportedVersion':
    'Cette sauvegarde vient d’une version plus récente d’Intégrale. Mettez l’application à jour.',

  'pay.notReady': 'L’application n’est pas encore prête. Réessayez dans un instant.',
  'pay.notMember': 'Seuls les membres de la coopérative peuvent payer.',
  'pay.unknownPayee': 'Cette personne n’est pas membre de la coopérative.',
  'pay.selfPay': 'Vous ne pouvez pas vous payer vous-même.',
  'pay.invalidAmount': 'Ce montant n’est pas valable.',
  'pay.overLimit': 'Ce paiement ferait passer votre solde sous votre limite de crédit.',
  'pay.memoTooLong': 'Le message est trop long (280\u00a0caractères au plus).',
  // Each area's messages live in areas/ (one file per part of the app).
  ...keysFr,
  ...requestsFr,
  ...networkFr,
  ...offlineFr,
  ...assembliesFr,
  ...accountsFr,
  ...membersFr,
  ...governanceFr,
  ...projectsFr,
  ...profilesFr,
  ...economyFr,
} as const satisfies Record<string, Message>;
