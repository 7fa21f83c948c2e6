import type { AreaCatalog, Message } from '../catalog.js';

/** Messages of the keys area, French first (the source of keys), then English. */
export const keysFr = {
  'keys.backupTitle': 'Sauvegarder ma clé',
  'keys.backupIntro':
    'Choisissez une phrase secrète d’au moins {min} caractères. Elle chiffre la sauvegarde\u00a0: sans elle, le fichier ne sert à rien, et personne ne peut la retrouver pour vous.',
  'keys.passphraseLabel': 'Phrase secrète',
  'keys.passphraseAgainLabel': 'La même phrase secrète, encore une fois',
  'keys.passphraseTooShort': 'La phrase secrète doit avoir au moins {min} caractères.',
  'keys.passphraseMismatch': 'Les deux phrases secrètes ne sont pas identiques.',
  'keys.backupAction': 'Créer la sauvegarde',
  'keys.backupWorking': 'Chiffrement en cours…',
  'keys.backupReady':
    'Votre sauvegarde est prête. Téléchargez le fichier, ou photographiez le code QR, et gardez-les à l’abri, loin de la phrase secrète.',
  'keys.downloadAction': 'Télécharger le fichier de sauvegarde',
  'keys.qrLabel': 'Code QR de la sauvegarde chiffrée de votre clé',
  'keys.backupFailed': 'La sauvegarde n’a pas pu être faite. Réessayez.',
  'keys.backupNotReady':
    'La sauvegarde sera possible une fois la coopérative ouverte sur cet appareil.',

  'keys.restoreTitle': 'Restaurer ma clé',
  'keys.restoreIntro':
    'Vous avez une sauvegarde de votre clé\u00a0? Chargez le fichier, ou collez son texte, puis tapez la phrase secrète. Cet appareil retrouvera votre coopérative et votre compte.',
  'keys.restoreFileLabel': 'Fichier de sauvegarde',
  'keys.restoreTextLabel': 'Ou le texte de la sauvegarde (celui du code QR)',
  'keys.restorePassphraseLabel': 'Phrase secrète de la sauvegarde',
  'keys.restoreAction': 'Restaurer ma clé',
  'keys.restoreWorking': 'Déchiffrement en cours…',
  'keys.restored': 'Clé restaurée. La coopérative «\u00a0{name}\u00a0» s’ouvre sur cet appareil.',
  'keys.restoreFailed': 'La restauration a échoué. Réessayez.',
  'keys.restoreLink': 'Restaurer ma clé depuis une sauvegarde',
  'keys.twoDevicesWarning':
    'Attention\u00a0: n’utilisez pas la même clé sur deux appareils à la fois avant qu’ils se soient synchronisés. Deux paiements signés en même temps sur deux appareils divisent votre historique en deux branches (le registre le signale).',

  'keys.problem.not-ready': 'L’application démarre encore. Réessayez dans un instant.',
  'keys.problem.already-member':
    'Cet appareil fait déjà partie d’une coopérative. Restaurez la clé sur un appareil (ou un profil de navigateur) qui n’en a pas.',
  'keys.problem.empty': 'Choisissez un fichier de sauvegarde ou collez son texte.',
  'keys.problem.too-large': 'Ce fichier est bien trop gros pour être une sauvegarde de clé.',
  'keys.problem.not-a-backup': 'Ce fichier n’est pas une sauvegarde de clé Intégrale.',
  'keys.problem.damaged':
    'Cette sauvegarde est abîmée (incomplète ou modifiée). Essayez une autre copie.',
  'keys.problem.unsupported-version':
    'Cette sauvegarde vient d’une autre version de l’application, que celle-ci ne sait pas lire.',
  'keys.problem.wrong-passphrase': 'La phrase secrète ne correspond pas à cette sauvegarde.',
  'keys.problem.weak-passphrase': 'La phrase secrète doit avoir au moins {min} caractères.',

  'keys.syncing':
    'Synchronisation en cours\u00a0: cet appareil attend de recevoir votre historique des autres membres avant de pouvoir payer ou inviter.',
  'keys.devicesTitle': 'Appareils utilisés',
  'keys.devicesIntro': 'Les appareils que votre clé a autorisés dans cette coopérative.',
  'keys.devicesNone': 'Aucun appareil connu pour l’instant.',
  'keys.device': 'Appareil {id}',
  'keys.deviceSince': 'depuis le {date}',
  'keys.thisDevice': 'cet appareil',
} as const satisfies Record<string, Message>;

export const keysEn = {
  'keys.backupTitle': 'Back up my key',
  'keys.backupIntro':
    'Choose a passphrase of at least {min} characters. It encrypts the backup: without it the file is useless, and no one can recover it for you.',
  'keys.passphraseLabel': 'Passphrase',
  'keys.passphraseAgainLabel': 'The same passphrase, once more',
  'keys.passphraseTooShort': 'The passphrase must have at least {min} characters.',
  'keys.passphraseMismatch': 'The two passphrases are not the same.',
  'keys.backupAction': 'Create the backup',
  'keys.backupWorking': 'Encrypting…',
  'keys.backupReady':
    'Your backup is ready. Download the file, or take a picture of the QR code, and keep them safe, away from the passphrase.',
  'keys.downloadAction': 'Download the backup file',
  'keys.qrLabel': 'QR code of the encrypted backup of your key',
  'keys.backupFailed': 'The backup could not be made. Try again.',
  'keys.backupNotReady': 'A backup can be made once the cooperative is open on this device.',

  'keys.restoreTitle': 'Restore my key',
  'keys.restoreIntro':
    'Do you have a backup of your key? Load the file, or paste its text, then type the passphrase. This device will find your cooperative and your account again.',
  'keys.restoreFileLabel': 'Backup file',
  'keys.restoreTextLabel': 'Or the backup’s text (the one in the QR code)',
  'keys.restorePassphraseLabel': 'The backup’s passphrase',
  'keys.restoreAction': 'Restore my key',
  'keys.restoreWorking': 'Decrypting…',
  'keys.restored': 'Key restored. The cooperative “{name}” is opening on this device.',
  'keys.restoreFailed': 'The restore failed. Try again.',
  'keys.restoreLink': 'Restore my key from a backup',
  'keys.twoDevicesWarning':
    'Careful: do not use the same key on two devices at once before they have synced. Two payments signed at the same time on two devices split your history in two branches (the ledger reports it).',

  'keys.problem.not-ready': 'The app is still starting. Try again in a moment.',
  'keys.problem.already-member':
    'This device already belongs to a cooperative. Restore the key on a device (or browser profile) that does not.',
  'keys.problem.empty': 'Choose a backup file or paste its text.',
  'keys.problem.too-large': 'This file is far too large to be a key backup.',
  'keys.problem.not-a-backup': 'This file is not an Intégrale key backup.',
  'keys.problem.damaged': 'This backup is damaged (incomplete or altered). Try another copy.',
  'keys.problem.unsupported-version':
    'This backup comes from another version of the app, which this one cannot read.',
  'keys.problem.wrong-passphrase': 'The passphrase does not match this backup.',
  'keys.problem.weak-passphrase': 'The passphrase must have at least {min} characters.',

  'keys.syncing':
    'Syncing: this device is waiting to receive your history from the other members before it can pay or invite.',
  'keys.devicesTitle': 'Devices in use',
  'keys.devicesIntro': 'The devices your key has authorised in this cooperative.',
  'keys.devicesNone': 'No device known yet.',
  'keys.device': 'Device {id}',
  'keys.deviceSince': 'since {date}',
  'keys.thisDevice': 'this device',
} as const satisfies AreaCatalog<typeof keysFr>;
