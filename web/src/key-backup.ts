import type { RandomBytes } from '@integrale/identity';
import { isId } from '@integrale/ledger';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { base64urlnopad, hex } from '@scure/base';
import { isRelayAddress } from './runtime/relays.js';

/*
 * Key backup: the member's key, with what another device needs to find the cooperative again
 * (its id, its name, the root document's URL, the relays), encrypted under a passphrase, as a
 * JSON file or as a compact text for a QR code.
 *
 * Everything is inside the ciphertext, not only the key: a backup file found on a lost USB stick
 * says neither which cooperative it opens nor where its members meet (the relays) — only that it
 * is an Intégrale key backup. The cost is that a restoring device learns the cooperative's name
 * only once the passphrase is right, which is when it needs it.
 *
 * Key derivation: scrypt (RFC 7914) of the passphrase (Unicode NFKC, UTF-8) with a random 16-byte
 * salt, 32-byte key. Default N = 2^15, r = 8, p = 1: 32 MiB of memory and about 0.16 s on a
 * desktop core in JavaScript (@noble/hashes), which is roughly 1 s on a cheap phone — slow for
 * someone guessing passphrases, bearable for the member. The parameters are written in the file,
 * so they can be raised later without breaking old backups.
 *
 * Encryption: XChaCha20-Poly1305 with a random 24-byte nonce; the header (version, scrypt
 * parameters, salt, nonce) is the associated data, so none of it can be changed unnoticed.
 *
 * Telling a wrong passphrase from a damaged file: the file carries a 4-byte checksum (SHA-256,
 * truncated) of header and ciphertext. It protects nothing — the AEAD tag does — it only lets
 * the app say "this file is damaged" (checksum wrong) rather than "wrong passphrase" (checksum
 * right, tag wrong).
 *
 * Binary envelope, shared by both forms:
 *   header     = version (1 byte) ‖ log2 N (1) ‖ r (1) ‖ p (1) ‖ salt (16) ‖ nonce (24)
 *   ciphertext = XChaCha20-Poly1305(key, nonce, plaintext, aad = header)  (plaintext + 16-byte tag)
 *   plaintext  = member seed (32) ‖ cooperative id (32 bytes, from its hex) ‖ details
 *   details    = UTF-8 JSON { "root": root doc URL, "name": cooperative name, "relays": [multiaddr] }
 *   checksum   = SHA-256(header ‖ ciphertext)[0..4]
 * JSON file: { format, version, kdf: { name: "scrypt", N, r, p }, cipher, salt, nonce,
 *   ciphertext, checksum } with byte fields in base64url without padding.
 * Compact text: "IKB2." + base64url(header ‖ ciphertext ‖ checksum).
 *
 * Versions: 2 is the one above. Version 1 (the root URL alone after the cooperative id, no name
 * or relays) never left the development tree — no screen wrote it — so it is refused as unknown.
 */

/** The version this code writes (and the only one it reads). */
export const KEY_BACKUP_VERSION = 2;

/** The `format` member of a backup file. */
export const KEY_BACKUP_FORMAT = 'integrale-key-backup';

/** Start of the compact text form (before the version digits and a point). */
export const KEY_BACKUP_TEXT_PREFIX = 'IKB';

/** scrypt's cost parameters. */
export interface ScryptParams {
  /** CPU and memory cost: a power of two. */
  readonly N: number;
  /** Block size. */
  readonly r: number;
  /** Parallelism. */
  readonly p: number;
}

/** N = 2^15, r = 8, p = 1: about 1 s and 32 MiB on a cheap phone. */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };

/**
 * Bounds on the parameters read from a file (and written): a hostile file must not make the
 * app allocate gigabytes or spin for minutes. Memory is 128·N·r bytes; work is about N·r·p.
 */
export const SCRYPT_LIMITS = {
  maxLog2N: 20,
  maxR: 32,
  maxP: 16,
  /** 256 MiB. */
  maxMemory: 2 ** 28,
  /** 16 times the default work. */
  maxWork: 2 ** 22,
} as const;

/** Longest passphrase, in characters. */
export const MAX_PASSPHRASE_LENGTH = 1024;

/** Longest backup text read (file or compact form). */
export const MAX_BACKUP_TEXT_LENGTH = 16 * 1024;

/** Longest root document URL. */
export const MAX_ROOT_DOC_URL_LENGTH = 100;

/** Longest cooperative name (the genesis's bound), in characters. */
export const MAX_BACKUP_NAME_LENGTH = 80;

/** Most relays a backup carries (as an invitation link). */
export const MAX_BACKUP_RELAYS = 4;

/** Longest details part of the plaintext, in bytes. */
const MAX_DETAILS = 2048;

/** An automerge-repo document URL: `automerge:` and a base58check document id. */
const ROOT_DOC_URL = /^automerge:[1-9A-HJ-NP-Za-km-z]{1,90}$/;

const SALT_LENGTH = 16;
const NONCE_LENGTH = 24;
const HEADER_LENGTH = 4 + SALT_LENGTH + NONCE_LENGTH;
const TAG_LENGTH = 16;
const CHECKSUM_LENGTH = 4;
const MIN_PLAINTEXT = 32 + 32 + '{"root":"automerge:1","name":"","relays":[]}'.length;
const MAX_PLAINTEXT = 32 + 32 + MAX_DETAILS;

/** What a backup holds. */
export interface KeyBackupContents {
  /** The member key's 32-byte Ed25519 seed. */
  readonly memberSeed: Uint8Array;
  /** The cooperative's id (64 lowercase hex digits). */
  readonly coop: string;
  /** The URL of the cooperative's root Automerge document (`automerge:…`). */
  readonly rootDocUrl: string;
  /** The cooperative's name (shown once restored; 0–80 characters). */
  readonly name: string;
  /** Relay multiaddrs where its members meet (at most {@link MAX_BACKUP_RELAYS}). */
  readonly relays: readonly string[];
}

/** Derives a 32-byte key from passphrase bytes (injectable: tests and workers may bring their own). */
export type Kdf = (
  passphrase: Uint8Array,
  salt: Uint8Array,
  params: ScryptParams,
  onProgress?: (fraction: number) => void,
) => Promise<Uint8Array>;

/** scrypt from @noble/hashes, yielding to the page every 10 ms so the UI stays responsive. */
export const scryptKdf: Kdf = (passphrase, salt, params, onProgress) =>
  scryptAsync(passphrase, salt, {
    ...params,
    dkLen: 32,
    maxmem: SCRYPT_LIMITS.maxMemory + 1024 * 1024,
    asyncTick: 10,
    ...(onProgress ? { onProgress } : {}),
  });

/** Options of {@link exportKeyBackup} and {@link exportKeyBackupText}. */
export interface KeyBackupExportInit {
  /** Secure randomness for the salt and the nonce (`crypto.getRandomValues`, passed in). */
  readonly randomBytes: RandomBytes;
  /** Default {@link DEFAULT_SCRYPT_PARAMS}; tests pass cheap ones. */
  readonly scryptParams?: ScryptParams;
  /** Default {@link scryptKdf}. */
  readonly kdf?: Kdf;
  /** Called with 0 … 1 while the key is derived. */
  readonly onProgress?: (fraction: number) => void;
}

/** Options of {@link restoreKeyBackup}. */
export interface KeyBackupRestoreInit {
  /** Default {@link scryptKdf}. */
  readonly kdf?: Kdf;
  /** Called with 0 … 1 while the key is derived. */
  readonly onProgress?: (fraction: number) => void;
}

/** The passphrase does not open this backup. */
export class WrongPassphraseError extends Error {
  override name = 'WrongPassphraseError';
  constructor() {
    super('the passphrase does not open this backup');
  }
}

/** What is wrong with a damaged backup. */
export type DamagedBackupReason =
  | 'too-large'
  | 'unreadable'
  | 'not-a-backup'
  | 'bad-field'
  | 'kdf-params'
  | 'checksum'
  | 'contents';

/** The text is not an intact backup: cut, altered, or not a backup at all. */
export class DamagedBackupError extends Error {
  override name = 'DamagedBackupError';
  constructor(readonly reason: DamagedBackupReason) {
    super(`the backup is damaged (${reason})`);
  }
}

/** The backup was written by a version of the app this one does not know. */
export class UnsupportedBackupVersionError extends Error {
  override name = 'UnsupportedBackupVersionError';
  constructor(readonly version: string) {
    super(`backup version ${version} is not supported`);
  }
}

/** What was given to export is not a key, a cooperative id, a document URL or a passphrase. */
export class InvalidBackupInputError extends Error {
  override name = 'InvalidBackupInputError';
}

/** Whether scrypt parameters are within {@link SCRYPT_LIMITS}. */
export function areScryptParamsAcceptable(params: ScryptParams): boolean {
  const { N, r, p } = params;
  if (![N, r, p].every((n) => Number.isSafeInteger(n) && n >= 1)) return false;
  const log2N = Math.log2(N);
  return (
    Number.isInteger(log2N) &&
    log2N >= 1 &&
    log2N <= SCRYPT_LIMITS.maxLog2N &&
    r <= SCRYPT_LIMITS.maxR &&
    p <= SCRYPT_LIMITS.maxP &&
    128 * N * r <= SCRYPT_LIMITS.maxMemory &&
    N * r * p <= SCRYPT_LIMITS.maxWork
  );
}

function passphraseBytes(passphrase: string): Uint8Array {
  // NFKC: "é" typed as one code point or as e + accent, or a full-width letter from a phone
  // keyboard, give the same key.
  return new TextEncoder().encode(passphrase.normalize('NFKC'));
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function checksumOf(header: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  return sha256(concat(header, ciphertext)).slice(0, CHECKSUM_LENGTH);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** The sealed parts of a backup, whichever form it came in. */
interface Envelope {
  readonly header: Uint8Array;
  readonly params: ScryptParams;
  readonly salt: Uint8Array;
  readonly nonce: Uint8Array;
  readonly ciphertext: Uint8Array;
}

async function seal(
  contents: KeyBackupContents,
  passphrase: string,
  init: KeyBackupExportInit,
): Promise<Sealed> {
  const { memberSeed, coop, rootDocUrl, name, relays } = contents;
  if (!(memberSeed instanceof Uint8Array) || memberSeed.length !== 32) {
    throw new InvalidBackupInputError('a member key is a 32-byte seed');
  }
  if (!isId(coop)) throw new InvalidBackupInputError('a cooperative id is 64 lowercase hex digits');
  if (
    typeof rootDocUrl !== 'string' ||
    rootDocUrl.length > MAX_ROOT_DOC_URL_LENGTH ||
    !ROOT_DOC_URL.test(rootDocUrl)
  ) {
    throw new InvalidBackupInputError('the root document URL is not an automerge: URL');
  }
  if (typeof name !== 'string' || [...name].length > MAX_BACKUP_NAME_LENGTH) {
    throw new InvalidBackupInputError(
      `a cooperative name has at most ${MAX_BACKUP_NAME_LENGTH} characters`,
    );
  }
  if (
    !Array.isArray(relays) ||
    relays.length > MAX_BACKUP_RELAYS ||
    !relays.every((relay) => isRelayAddress(relay))
  ) {
    throw new InvalidBackupInputError('the relays are not relay multiaddrs');
  }
  if (
    typeof passphrase !== 'string' ||
    passphrase.length === 0 ||
    passphrase.length > MAX_PASSPHRASE_LENGTH
  ) {
    throw new InvalidBackupInputError(`a passphrase has 1 to ${MAX_PASSPHRASE_LENGTH} characters`);
  }
  const params = init.scryptParams ?? DEFAULT_SCRYPT_PARAMS;
  if (!areScryptParamsAcceptable(params))
    throw new InvalidBackupInputError('scrypt parameters out of bounds');
  const salt = init.randomBytes(SALT_LENGTH);
  const nonce = init.randomBytes(NONCE_LENGTH);
  if (salt.length !== SALT_LENGTH || nonce.length !== NONCE_LENGTH) {
    throw new InvalidBackupInputError('the randomness gave the wrong number of bytes');
  }
  const header = concat(
    Uint8Array.of(KEY_BACKUP_VERSION, Math.log2(params.N), params.r, params.p),
    salt,
    nonce,
  );
  const key = await (init.kdf ?? scryptKdf)(
    passphraseBytes(passphrase),
    salt,
    params,
    init.onProgress,
  );
  const details = new TextEncoder().encode(
    JSON.stringify({ root: rootDocUrl, name, relays: [...relays] }),
  );
  if (details.length > MAX_DETAILS) throw new InvalidBackupInputError('the details are too long');
  const plaintext = concat(memberSeed, hex.decode(coop), details);
  const ciphertext = xchacha20poly1305(key, nonce, header).encrypt(plaintext);
  key.fill(0);
  plaintext.fill(0);
  return { header, params, salt, nonce, ciphertext, checksum: checksumOf(header, ciphertext) };
}

type Sealed = Envelope & { readonly checksum: Uint8Array };

function fileForm(sealed: Sealed): string {
  const file = {
    format: KEY_BACKUP_FORMAT,
    version: KEY_BACKUP_VERSION,
    kdf: { name: 'scrypt', N: sealed.params.N, r: sealed.params.r, p: sealed.params.p },
    cipher: 'xchacha20-poly1305',
    salt: base64urlnopad.encode(sealed.salt),
    nonce: base64urlnopad.encode(sealed.nonce),
    ciphertext: base64urlnopad.encode(sealed.ciphertext),
    checksum: base64urlnopad.encode(sealed.checksum),
  };
  return JSON.stringify(file, null, 2) + '\n';
}

function textForm(sealed: Sealed): string {
  const bytes = concat(sealed.header, sealed.ciphertext, sealed.checksum);
  return `${KEY_BACKUP_TEXT_PREFIX}${KEY_BACKUP_VERSION}.${base64urlnopad.encode(bytes)}`;
}

/**
 * The backup as the text of a JSON file.
 * @throws InvalidBackupInputError when the contents, the passphrase (empty, or longer than
 * {@link MAX_PASSPHRASE_LENGTH}) or the parameters are not acceptable.
 */
export async function exportKeyBackup(
  contents: KeyBackupContents,
  passphrase: string,
  init: KeyBackupExportInit,
): Promise<string> {
  return fileForm(await seal(contents, passphrase, init));
}

/**
 * The backup as one line of text (about 300 to 600 characters, with the relays) for a QR code or
 * to copy by hand.
 * @throws InvalidBackupInputError as {@link exportKeyBackup}.
 */
export async function exportKeyBackupText(
  contents: KeyBackupContents,
  passphrase: string,
  init: KeyBackupExportInit,
): Promise<string> {
  return textForm(await seal(contents, passphrase, init));
}

/**
 * Both forms of one sealing (same salt, nonce and ciphertext): the key is derived once, which is
 * the slow part on a phone.
 * @throws InvalidBackupInputError as {@link exportKeyBackup}.
 */
export async function exportKeyBackupForms(
  contents: KeyBackupContents,
  passphrase: string,
  init: KeyBackupExportInit,
): Promise<{ readonly file: string; readonly text: string }> {
  const sealed = await seal(contents, passphrase, init);
  return { file: fileForm(sealed), text: textForm(sealed) };
}

/** Canonical base64url of a bounded length, or a damaged-backup error. */
function decodeField(value: unknown, minBytes: number, maxBytes: number): Uint8Array {
  if (typeof value !== 'string' || value.length > Math.ceil((maxBytes * 4) / 3)) {
    throw new DamagedBackupError('bad-field');
  }
  let bytes: Uint8Array;
  try {
    bytes = base64urlnopad.decode(value);
  } catch {
    throw new DamagedBackupError('bad-field');
  }
  if (
    bytes.length < minBytes ||
    bytes.length > maxBytes ||
    base64urlnopad.encode(bytes) !== value
  ) {
    throw new DamagedBackupError('bad-field');
  }
  return bytes;
}

function checkedParams(params: ScryptParams): ScryptParams {
  if (!areScryptParamsAcceptable(params)) throw new DamagedBackupError('kdf-params');
  return params;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const MIN_CIPHERTEXT = MIN_PLAINTEXT + TAG_LENGTH;
const MAX_CIPHERTEXT = MAX_PLAINTEXT + TAG_LENGTH;

function readFile(text: string): Envelope & { readonly checksum: Uint8Array } {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    throw new DamagedBackupError('unreadable');
  }
  if (!isRecord(file) || file['format'] !== KEY_BACKUP_FORMAT)
    throw new DamagedBackupError('not-a-backup');
  const version = file['version'];
  if (typeof version !== 'number' || !Number.isSafeInteger(version))
    throw new DamagedBackupError('bad-field');
  if (version !== KEY_BACKUP_VERSION) throw new UnsupportedBackupVersionError(String(version));
  const kdf = file['kdf'];
  if (!isRecord(kdf) || kdf['name'] !== 'scrypt' || file['cipher'] !== 'xchacha20-poly1305') {
    throw new DamagedBackupError('kdf-params');
  }
  const [N, r, p] = [kdf['N'], kdf['r'], kdf['p']];
  if (typeof N !== 'number' || typeof r !== 'number' || typeof p !== 'number') {
    throw new DamagedBackupError('kdf-params');
  }
  const params = checkedParams({ N, r, p });
  const salt = decodeField(file['salt'], SALT_LENGTH, SALT_LENGTH);
  const nonce = decodeField(file['nonce'], NONCE_LENGTH, NONCE_LENGTH);
  const ciphertext = decodeField(file['ciphertext'], MIN_CIPHERTEXT, MAX_CIPHERTEXT);
  const checksum = decodeField(file['checksum'], CHECKSUM_LENGTH, CHECKSUM_LENGTH);
  const header = concat(Uint8Array.of(version, Math.log2(N), r, p), salt, nonce);
  return { header, params, salt, nonce, ciphertext, checksum };
}

function readCompact(version: string, body: string): Envelope & { readonly checksum: Uint8Array } {
  if (version !== String(KEY_BACKUP_VERSION)) throw new UnsupportedBackupVersionError(version);
  const bytes = decodeField(
    body,
    HEADER_LENGTH + MIN_CIPHERTEXT + CHECKSUM_LENGTH,
    HEADER_LENGTH + MAX_CIPHERTEXT + CHECKSUM_LENGTH,
  );
  const header = bytes.slice(0, HEADER_LENGTH);
  const ciphertext = bytes.slice(HEADER_LENGTH, bytes.length - CHECKSUM_LENGTH);
  const checksum = bytes.slice(bytes.length - CHECKSUM_LENGTH);
  // Checked before the parameters: a flipped bit there is damage, not a strange setting.
  if (!sameBytes(checksum, checksumOf(header, ciphertext)))
    throw new DamagedBackupError('checksum');
  if (header[0] !== KEY_BACKUP_VERSION) throw new DamagedBackupError('bad-field');
  const log2N = header[1] as number;
  const params = checkedParams({
    N: log2N <= SCRYPT_LIMITS.maxLog2N ? 2 ** log2N : Infinity,
    r: header[2] as number,
    p: header[3] as number,
  });
  return {
    header,
    params,
    salt: header.slice(4, 4 + SALT_LENGTH),
    nonce: header.slice(4 + SALT_LENGTH),
    ciphertext,
    checksum,
  };
}

function readContents(plaintext: Uint8Array): KeyBackupContents {
  if (plaintext.length < MIN_PLAINTEXT || plaintext.length > MAX_PLAINTEXT) {
    throw new DamagedBackupError('contents');
  }
  // Authenticated by the AEAD, so only a bug could make these wrong; still checked, as any input.
  let details: unknown;
  try {
    details = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext.slice(64)));
  } catch {
    throw new DamagedBackupError('contents');
  }
  if (!isRecord(details)) throw new DamagedBackupError('contents');
  const { root, name, relays } = details;
  if (
    typeof root !== 'string' ||
    root.length > MAX_ROOT_DOC_URL_LENGTH ||
    !ROOT_DOC_URL.test(root) ||
    typeof name !== 'string' ||
    [...name].length > MAX_BACKUP_NAME_LENGTH ||
    !Array.isArray(relays) ||
    relays.length > MAX_BACKUP_RELAYS ||
    !relays.every((relay) => isRelayAddress(relay))
  ) {
    throw new DamagedBackupError('contents');
  }
  return {
    memberSeed: plaintext.slice(0, 32),
    coop: hex.encode(plaintext.slice(32, 64)),
    rootDocUrl: root,
    name,
    relays: relays as string[],
  };
}

const COMPACT = /^IKB([0-9]{1,3})\.([A-Za-z0-9_-]*)$/;

/**
 * Opens a backup: the JSON file's text or the compact text (surrounding white space ignored).
 * @throws DamagedBackupError when the text is not an intact backup (with the reason);
 * UnsupportedBackupVersionError when it comes from an unknown version; WrongPassphraseError when
 * the passphrase does not open it. Nothing else.
 */
export async function restoreKeyBackup(
  text: string,
  passphrase: string,
  init: KeyBackupRestoreInit = {},
): Promise<KeyBackupContents> {
  if (typeof text !== 'string') throw new DamagedBackupError('unreadable');
  if (text.length > MAX_BACKUP_TEXT_LENGTH) throw new DamagedBackupError('too-large');
  const trimmed = text.trim();
  const compact = COMPACT.exec(trimmed);
  let envelope: Envelope & { readonly checksum: Uint8Array };
  if (compact) {
    envelope = readCompact(compact[1] as string, compact[2] as string);
  } else if (trimmed.startsWith(KEY_BACKUP_TEXT_PREFIX)) {
    throw new DamagedBackupError('unreadable');
  } else {
    envelope = readFile(trimmed);
    if (!sameBytes(envelope.checksum, checksumOf(envelope.header, envelope.ciphertext))) {
      throw new DamagedBackupError('checksum');
    }
  }
  // Export refuses these passphrases, so they cannot open anything: skip the slow derivation.
  if (
    typeof passphrase !== 'string' ||
    passphrase.length === 0 ||
    passphrase.length > MAX_PASSPHRASE_LENGTH
  ) {
    throw new WrongPassphraseError();
  }
  let key: Uint8Array;
  try {
    key = await (init.kdf ?? scryptKdf)(
      passphraseBytes(passphrase),
      envelope.salt,
      envelope.params,
      init.onProgress,
    );
  } catch {
    // Parameters were checked; a KDF that still fails has met something it cannot do.
    throw new DamagedBackupError('kdf-params');
  }
  let plaintext: Uint8Array;
  try {
    plaintext = xchacha20poly1305(key, envelope.nonce, envelope.header).decrypt(
      envelope.ciphertext,
    );
  } catch {
    throw new WrongPassphraseError();
  } finally {
    key.fill(0);
  }
  try {
    return readContents(plaintext);
  } finally {
    plaintext.fill(0);
  }
}
