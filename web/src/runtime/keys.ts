import { isValidAutomergeUrl, type AutomergeUrl } from '@automerge/automerge-repo/slim';
import {
  keyPairFromSeed,
  type KeyPair,
  type RandomBytes,
  type SignatureVerifier,
} from '@integrale/identity';
import type { Ledger } from '@integrale/ledger';
import { readDevices, type CooperativePeer } from '@integrale/peer';
import {
  MIN_PASSPHRASE_LENGTH,
  type BackupResult,
  type DeviceView,
  type KeysSnapshot,
  type RestoreProblem,
  type RestoreRequest,
  type RestoreResult,
  type SigningState,
} from '../app/runtime-keys.js';
import {
  DamagedBackupError,
  MAX_BACKUP_RELAYS,
  MAX_BACKUP_TEXT_LENGTH,
  MAX_PASSPHRASE_LENGTH,
  UnsupportedBackupVersionError,
  WrongPassphraseError,
  exportKeyBackupForms,
  restoreKeyBackup,
  type Kdf,
  type KeyBackupContents,
  type ScryptParams,
} from '../key-backup.js';
import type { KeyStore } from '../key-store.js';
import type { Membership } from './membership-store.js';
import { isRelayAddress } from './relays.js';

/*
 * The keys part of the browser runtime, kept out of browser-runtime.ts: making a backup of the
 * member key, opening one (every way it can fail named), putting a restored key in place, the
 * devices in use, and the rule that a restored device signs nothing until it holds its feed.
 */

/** Options shared by backup and restore: tests pass a cheap KDF and cheap parameters. */
export interface KeyBackupOptions {
  readonly kdf?: Kdf;
  readonly scryptParams?: ScryptParams;
}

/** What a backup is made of on this device. */
export interface BackupSource {
  readonly member: KeyPair;
  readonly membership: Membership;
  /** The cooperative's name (from its genesis). */
  readonly name: string;
  readonly randomBytes: RandomBytes;
  /** The day, for the file name (`YYYY-MM-DD`). */
  readonly day: string;
}

/** Whether a passphrase is long enough to protect a backup (and short enough to be one). */
export function isStrongEnoughPassphrase(passphrase: string): boolean {
  const length = [...passphrase.trim()].length;
  return length >= MIN_PASSPHRASE_LENGTH && passphrase.length <= MAX_PASSPHRASE_LENGTH;
}

/** Seals the member key and the cooperative's whereabouts under `passphrase`, in both forms. */
export async function makeBackup(
  source: BackupSource,
  passphrase: string,
  options: KeyBackupOptions = {},
): Promise<BackupResult> {
  if (!isStrongEnoughPassphrase(passphrase)) return { ok: false, reason: 'weak-passphrase' };
  const contents: KeyBackupContents = {
    memberSeed: source.member.secretKey,
    coop: source.membership.coop,
    rootDocUrl: source.membership.rootUrl,
    name: source.name,
    relays: source.membership.relays.filter(isRelayAddress).slice(0, MAX_BACKUP_RELAYS),
  };
  const { file, text } = await exportKeyBackupForms(contents, passphrase, {
    randomBytes: source.randomBytes,
    ...(options.kdf ? { kdf: options.kdf } : {}),
    ...(options.scryptParams ? { scryptParams: options.scryptParams } : {}),
  });
  return { ok: true, file, text, fileName: `integrale-cle-${source.day}.json` };
}

/** An opened backup: the key and where its cooperative is. */
export interface OpenedBackup {
  readonly member: KeyPair;
  readonly membership: Membership;
  readonly name: string;
}

/**
 * Opens a backup's text with a passphrase. Bounded before anything is parsed; every failure is a
 * reason, never an exception (except a bug).
 */
export async function openBackup(
  text: string,
  passphrase: string,
  options: KeyBackupOptions = {},
): Promise<{ ok: true; backup: OpenedBackup } | { ok: false; reason: RestoreProblem }> {
  if (typeof text !== 'string' || text.trim() === '') return { ok: false, reason: 'empty' };
  if (text.length > MAX_BACKUP_TEXT_LENGTH) return { ok: false, reason: 'too-large' };
  let contents: KeyBackupContents;
  try {
    contents = await restoreKeyBackup(text, passphrase, options.kdf ? { kdf: options.kdf } : {});
  } catch (error) {
    if (error instanceof WrongPassphraseError) return { ok: false, reason: 'wrong-passphrase' };
    if (error instanceof UnsupportedBackupVersionError)
      return { ok: false, reason: 'unsupported-version' };
    if (error instanceof DamagedBackupError) {
      if (error.reason === 'too-large') return { ok: false, reason: 'too-large' };
      if (error.reason === 'unreadable' || error.reason === 'not-a-backup')
        return { ok: false, reason: 'not-a-backup' };
      return { ok: false, reason: 'damaged' };
    }
    throw error;
  }
  if (!isValidAutomergeUrl(contents.rootDocUrl)) return { ok: false, reason: 'damaged' };
  const member = keyPairFromSeed(contents.memberSeed);
  contents.memberSeed.fill(0);
  return {
    ok: true,
    backup: {
      member,
      membership: {
        coop: contents.coop,
        rootUrl: contents.rootDocUrl as AutomergeUrl,
        relays: [...contents.relays],
      },
      name: contents.name,
    },
  };
}

/**
 * Puts a restored member key in the key store in place of the one this device made for itself.
 * Only on a device that belongs to no cooperative: that key has signed nothing anyone holds. The
 * device key is left alone: this device keeps its own PeerId, and the restored member key
 * certifies it when the cooperative opens.
 */
export async function installMemberKey(store: KeyStore, member: KeyPair): Promise<void> {
  await store.put('member-key', member.secretKey, { replace: true });
}

/** Whether this device may sign: not before its ledger holds this member's feed. */
export function signingState(ledger: Ledger | undefined, self: string | null): SigningState {
  if (ledger === undefined || self === null) return 'none';
  return ledger.feedHead(self) === undefined ? 'syncing' : 'ready';
}

/**
 * Follows the devices in use in a peer's root document: calls `onChange` with this member's
 * verified devices after each change of the document. Returns the function that stops.
 */
export function watchDevices(
  peer: CooperativePeer,
  init: {
    readonly self: string;
    readonly thisDevice: string;
    readonly verifier: SignatureVerifier;
    readonly onChange: (devices: readonly DeviceView[]) => void;
  },
): () => void {
  const handle = peer.root();
  let stopped = false;
  let turn = 0;
  const refresh = (): void => {
    const mine = ++turn;
    readDevices(handle.doc()?.devices, {
      coop: peer.coop,
      verifier: init.verifier,
      member: init.self,
    })
      .then((records) => {
        // A later change's reading wins over an earlier one that finished late.
        if (stopped || mine !== turn) return;
        init.onChange(
          records.map((record) => ({
            device: record.device,
            since: record.since,
            current: record.device === init.thisDevice,
          })),
        );
      })
      .catch(() => undefined);
  };
  handle.on('change', refresh);
  refresh();
  return () => {
    stopped = true;
    handle.off('change', refresh);
  };
}

/** What the keys side needs from the browser runtime (functions: the runtime's state moves). */
export interface KeysSideDeps {
  /** The peer whose documents the screens show, if any. */
  readonly peer: () => CooperativePeer | null;
  readonly member: () => KeyPair | null;
  /** This device's libp2p PeerId, once started. */
  readonly thisDevice: () => string | null;
  readonly verifier: () => SignatureVerifier | null;
  /** The cooperative this device belongs to (remembered or open), if any. */
  readonly membership: () => Membership | null;
  /** The relays this device dials (the serving relay's first): a backup names them. */
  readonly relays: () => readonly string[];
  /** Whether the device started and belongs to no cooperative (nothing founding or joining). */
  readonly free: () => boolean;
  readonly openKeyStore: () => Promise<KeyStore>;
  readonly randomBytes: RandomBytes;
  /** Milliseconds since 1970. */
  readonly clock: () => number;
  readonly changed: () => void;
  /**
   * Makes the restored key this device's member key and opens the cooperative (the key is in
   * the key store already). Resolves once it is open or failed.
   */
  readonly adopt: (member: KeyPair, membership: Membership) => Promise<void>;
  readonly options?: KeyBackupOptions;
}

/** The keys side of the runtime: {@link KeysRuntime} plus `follow` for each session. */
export interface KeysSide {
  keysSnapshot(): KeysSnapshot;
  backUpKey(request: { readonly passphrase: string }): Promise<BackupResult>;
  restoreKey(request: RestoreRequest): Promise<RestoreResult>;
  /** Follows a session's devices; returns the function that stops (call it when detaching). */
  follow(peer: CooperativePeer): () => void;
}

/** Creates the keys side of a browser runtime. */
export function createKeysSide(deps: KeysSideDeps): KeysSide {
  let devices: readonly DeviceView[] = [];
  let restoring = false;

  return {
    keysSnapshot() {
      return {
        signing: signingState(deps.peer()?.ledger, deps.member()?.did ?? null),
        devices,
      };
    },

    async backUpKey({ passphrase }) {
      const member = deps.member();
      const membership = deps.membership();
      const peer = deps.peer();
      if (member === null || membership === null || peer === null)
        return { ok: false, reason: 'not-ready' };
      const name = peer.ledger.genesis()?.name ?? peer.root().doc()?.name ?? '';
      return makeBackup(
        {
          member,
          membership: { ...membership, relays: deps.relays() },
          name: typeof name === 'string' ? [...name].slice(0, 80).join('') : '',
          randomBytes: deps.randomBytes,
          day: new Date(deps.clock()).toISOString().slice(0, 10),
        },
        passphrase,
        deps.options,
      );
    },

    async restoreKey({ text, passphrase }) {
      if (deps.membership() !== null) return { ok: false, reason: 'already-member' };
      if (!deps.free() || restoring) return { ok: false, reason: 'not-ready' };
      restoring = true;
      try {
        const opened = await openBackup(text, passphrase, deps.options);
        if (!opened.ok) return opened;
        // The derivation took a while: another tab may have founded or joined meanwhile.
        if (deps.membership() !== null) return { ok: false, reason: 'already-member' };
        if (!deps.free()) return { ok: false, reason: 'not-ready' };
        const { member, membership, name } = opened.backup;
        const store = await deps.openKeyStore();
        try {
          await installMemberKey(store, member);
        } finally {
          store.close();
        }
        await deps.adopt(member, membership);
        return { ok: true, coop: membership.coop, name };
      } finally {
        restoring = false;
      }
    },

    follow(peer) {
      const self = deps.member()?.did;
      const verifier = deps.verifier();
      const thisDevice = deps.thisDevice();
      if (self === undefined || verifier === null || thisDevice === null) return () => undefined;
      return watchDevices(peer, {
        self,
        thisDevice,
        verifier,
        onChange: (next) => {
          devices = next;
          deps.changed();
        },
      });
    },
  };
}
