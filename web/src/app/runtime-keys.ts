/*
 * What the keys screen needs from the runtime: backing the member's key up, restoring it on
 * another device, the devices in use, and whether this device may sign yet.
 */

/** A device of this member, as its certificate in the root document says. */
export interface DeviceView {
  /** The device's libp2p PeerId. */
  readonly device: string;
  /** When the member's key certified it (that device's clock). */
  readonly since: string;
  /** Whether it is the device this page runs on. */
  readonly current: boolean;
}

/**
 * Whether this device may sign entries: `syncing` after a restore, until its ledger holds this
 * member's feed (signing earlier could fork the member's feed with the other device's entries);
 * `ready` otherwise; `none` outside a cooperative.
 */
export type SigningState = 'none' | 'syncing' | 'ready';

/** What the keys screen shows. */
export interface KeysSnapshot {
  readonly signing: SigningState;
  /** This member's devices whose certificates verify, oldest first. */
  readonly devices: readonly DeviceView[];
}

/** Why no backup was made. */
export type BackupProblem = 'not-ready' | 'weak-passphrase';

/** The outcome of {@link KeysRuntime.backUpKey}. */
export type BackupResult =
  | {
      readonly ok: true;
      /** The backup file's text (JSON). */
      readonly file: string;
      /** The same backup as one line, for a QR code. */
      readonly text: string;
      /** A file name for the download. */
      readonly fileName: string;
    }
  | { readonly ok: false; readonly reason: BackupProblem };

/** What a member gives to restore their key. */
export interface RestoreRequest {
  /** The backup file's text, or the compact text (from a QR code or pasted). */
  readonly text: string;
  readonly passphrase: string;
}

/** Why a key was not restored (each has a sentence in the UI). */
export type RestoreProblem =
  | 'not-ready'
  /** This device already belongs to a cooperative. */
  | 'already-member'
  | 'empty'
  | 'too-large'
  | 'not-a-backup'
  | 'damaged'
  | 'unsupported-version'
  | 'wrong-passphrase';

/** The outcome of {@link KeysRuntime.restoreKey}. */
export type RestoreResult =
  | {
      readonly ok: true;
      readonly coop: string;
      /** The cooperative's name, as the backup gives it. */
      readonly name: string;
    }
  | { readonly ok: false; readonly reason: RestoreProblem };

/** Shortest passphrase accepted for a backup, in characters. */
export const MIN_PASSPHRASE_LENGTH = 10;

/** Largest backup file read, in bytes (checked before reading it). */
export const MAX_BACKUP_FILE_BYTES = 16 * 1024;

/** The runtime's part for keys. */
export interface KeysRuntime {
  /** The current keys facts. Cheap: called on every render. */
  keysSnapshot(): KeysSnapshot;
  /** Encrypts the member key and the cooperative's whereabouts under a passphrase. */
  backUpKey(request: { readonly passphrase: string }): Promise<BackupResult>;
  /**
   * Restores a member key from a backup on a device that belongs to no cooperative: the key is
   * kept, this device keeps its own device key (certified by the restored key), the membership
   * is remembered and the cooperative opens with documents from the other members' devices.
   */
  restoreKey(request: RestoreRequest): Promise<RestoreResult>;
}
