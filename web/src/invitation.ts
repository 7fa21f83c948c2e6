import { keyPairFromSeed, type KeyPair } from '@integrale/identity';
import { isId } from '@integrale/ledger';
import { base64urlnopad } from '@scure/base';

/*
 * Invitation links. The link is the app's address with everything in the fragment, which a
 * browser never sends to a server, so the relay that serves the app never sees the secret:
 *
 *   https://relay.example/#/join?v=1&coop=<64 hex>&invite=<64 hex>&secret=<43 base64url>
 *     &relay=<multiaddr>[&relay=<multiaddr>…]&name=<cooperative name>&expires=<Unix seconds>
 *
 * - v        format version, `1`.
 * - coop     the cooperative's id (its genesis entry's id).
 * - invite   the id of the invite entry that names this invitation's key.
 * - secret   the 32-byte seed of the one-time invitation key, base64url without padding.
 * - relay    1 to 4 relay multiaddrs to find the members by, in order of preference.
 * - name     optional: the cooperative's name, shown before joining; display only, never trusted.
 * - expires  when the inviter wants the link to stop working, in whole seconds since 1970 UTC.
 *
 * Values are percent-encoded (`encodeURIComponent`); parameters come in that order when written,
 * any order when read. Unknown parameters are ignored (a later minor addition), a repeated
 * single-valued one makes the link malformed.
 */

/** The format version written in links (`v=1`). */
export const INVITATION_VERSION = 1;

/** Longest link text read; a longer text is refused before anything else is looked at. */
export const MAX_INVITATION_LINK_LENGTH = 4096;

/** Most relay addresses in one link. */
export const MAX_RELAYS = 4;

/** Longest relay multiaddr, in characters. */
export const MAX_RELAY_LENGTH = 300;

/** Longest cooperative name in a link, in characters (code points). */
export const MAX_INVITATION_NAME_LENGTH = 80;

/** Latest expiry accepted: the last second of year 9999. */
export const MAX_EXPIRES_AT = 253_402_300_799;

/** An invitation, as the link carries it. */
export interface Invitation {
  /** The cooperative's id: 64 lowercase hex digits. */
  readonly coop: string;
  /** The invite entry's id: 64 lowercase hex digits. */
  readonly invite: string;
  /** The one-time invitation key's 32-byte seed. */
  readonly secret: Uint8Array;
  /** 1–4 relay multiaddrs. */
  readonly relays: readonly string[];
  /** The cooperative's name for display (never trusted: the genesis names the cooperative). */
  readonly name?: string;
  /** Expiry, in whole seconds since 1970-01-01 UTC. */
  readonly expiresAt: number;
}

/** The parts of a link, as named in errors. */
export type InvitationField = 'v' | 'coop' | 'invite' | 'secret' | 'relay' | 'name' | 'expires';

/** Why a text is not a usable invitation. */
export type InvitationProblem =
  | { readonly reason: 'too-long' }
  | { readonly reason: 'not-an-invitation' }
  | { readonly reason: 'malformed' }
  | { readonly reason: 'wrong-version'; readonly version: string }
  | { readonly reason: 'missing-field'; readonly field: InvitationField }
  | { readonly reason: 'invalid-field'; readonly field: InvitationField }
  | { readonly reason: 'expired'; readonly invitation: Invitation };

/** Reason codes of {@link InvitationProblem}. */
export type InvitationProblemReason = InvitationProblem['reason'];

/** The outcome of reading a link. */
export type InvitationParseResult =
  | { readonly ok: true; readonly invitation: Invitation }
  | ({ readonly ok: false } & InvitationProblem);

/** Options of {@link parseInvitationLink}. */
export interface ParseInvitationInit {
  /** The current time in milliseconds since 1970 UTC (the clock is passed in). */
  readonly now: number;
}

/** An invitation that cannot be written as a link (a field out of bounds). */
export class InvalidInvitationError extends Error {
  override name = 'InvalidInvitationError';
  constructor(readonly field: InvitationField) {
    super(`the invitation's ${field} cannot be written in a link`);
  }
}

const SECRET_TEXT = /^[A-Za-z0-9_-]{43}$/;
const RELAY = /^\/[\x21-\x7e]+$/;
const EXPIRES_TEXT = /^[1-9][0-9]{0,11}$/;
/** Control characters and the bidirectional overrides that can disguise a name. */
const UNSAFE_NAME = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const SINGLE_FIELDS = ['v', 'coop', 'invite', 'secret', 'name', 'expires'] as const;
/** Most parameters read from one link, to bound the work on hostile input. */
const MAX_PARAMS = 16;

function isSecret(bytes: unknown): bytes is Uint8Array {
  return bytes instanceof Uint8Array && bytes.length === 32;
}

function isRelay(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_RELAY_LENGTH && RELAY.test(value);
}

function isName(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0) return false;
  if (value.length > MAX_INVITATION_NAME_LENGTH * 2) return false;
  return (
    [...value].length <= MAX_INVITATION_NAME_LENGTH &&
    !UNSAFE_NAME.test(value) &&
    value.trim() !== ''
  );
}

function isExpiry(value: unknown): value is number {
  return (
    Number.isSafeInteger(value) && (value as number) > 0 && (value as number) <= MAX_EXPIRES_AT
  );
}

/** The seed as canonical base64url, or `null` when the text is not exactly 32 bytes so written. */
function decodeSecret(text: string): Uint8Array | null {
  if (!SECRET_TEXT.test(text)) return null;
  try {
    const bytes = base64urlnopad.decode(text);
    return bytes.length === 32 && base64urlnopad.encode(bytes) === text ? bytes : null;
  } catch {
    return null;
  }
}

/**
 * Writes an invitation as a link on the app at `appUrl` (the page's address; any fragment it
 * has is replaced).
 * @throws InvalidInvitationError naming the first field that is out of bounds.
 */
export function encodeInvitationLink(invitation: Invitation, appUrl: string): string {
  const { coop, invite, secret, relays, name, expiresAt } = invitation;
  if (!isId(coop)) throw new InvalidInvitationError('coop');
  if (!isId(invite)) throw new InvalidInvitationError('invite');
  if (!isSecret(secret)) throw new InvalidInvitationError('secret');
  if (
    !Array.isArray(relays) ||
    relays.length < 1 ||
    relays.length > MAX_RELAYS ||
    !relays.every(isRelay)
  ) {
    throw new InvalidInvitationError('relay');
  }
  if (name !== undefined && !isName(name)) throw new InvalidInvitationError('name');
  if (!isExpiry(expiresAt)) throw new InvalidInvitationError('expires');
  const parts = [
    `v=${INVITATION_VERSION}`,
    `coop=${coop}`,
    `invite=${invite}`,
    `secret=${base64urlnopad.encode(secret)}`,
    ...relays.map((relay) => `relay=${encodeURIComponent(relay)}`),
    ...(name === undefined ? [] : [`name=${encodeURIComponent(name)}`]),
    `expires=${expiresAt}`,
  ];
  const base = appUrl.split('#')[0] ?? '';
  return `${base}#/join?${parts.join('&')}`;
}

/**
 * Reads an invitation link: a whole address, or just its fragment (`#/join?…`). Hostile input
 * is expected: the text is bounded, every field checked, and the answer is always a result,
 * never an exception.
 */
export function parseInvitationLink(
  text: string,
  init: ParseInvitationInit,
): InvitationParseResult {
  try {
    if (typeof text !== 'string') return { ok: false, reason: 'not-an-invitation' };
    if (text.length > MAX_INVITATION_LINK_LENGTH) return { ok: false, reason: 'too-long' };
    const trimmed = text.trim();
    const hash = trimmed.indexOf('#');
    const fragment = hash === -1 ? '' : trimmed.slice(hash + 1);
    const match = /^\/?join\?(.*)$/s.exec(fragment);
    if (!match) return { ok: false, reason: 'not-an-invitation' };
    return parseInvitationQuery(match[1] as string, init);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
}

/**
 * Reads the query part of an invitation link (what follows `#/join?`), as the app's router
 * hands it over. Same checks and answers as {@link parseInvitationLink}.
 */
export function parseInvitationQuery(
  query: string,
  init: ParseInvitationInit,
): InvitationParseResult {
  try {
    if (typeof query !== 'string') return { ok: false, reason: 'malformed' };
    if (query.length > MAX_INVITATION_LINK_LENGTH) return { ok: false, reason: 'too-long' };
    if (/\s/.test(query)) return { ok: false, reason: 'malformed' };
    const pairs = query === '' ? [] : query.split('&');
    if (pairs.length > MAX_PARAMS) return { ok: false, reason: 'malformed' };

    const single = new Map<string, string>();
    const relayTexts: string[] = [];
    for (const pair of pairs) {
      const eq = pair.indexOf('=');
      if (eq <= 0) return { ok: false, reason: 'malformed' };
      const key = pair.slice(0, eq);
      let value: string;
      try {
        value = decodeURIComponent(pair.slice(eq + 1));
      } catch {
        return { ok: false, reason: 'malformed' };
      }
      if (key === 'relay') relayTexts.push(value);
      else if ((SINGLE_FIELDS as readonly string[]).includes(key)) {
        if (single.has(key)) return { ok: false, reason: 'malformed' };
        single.set(key, value);
      }
    }

    // The version first: another version may carry other fields.
    const version = single.get('v');
    if (version === undefined) return { ok: false, reason: 'missing-field', field: 'v' };
    if (version !== String(INVITATION_VERSION)) {
      return { ok: false, reason: 'wrong-version', version: version.slice(0, 16) };
    }

    const required = (field: 'coop' | 'invite' | 'secret' | 'expires') => single.get(field);
    const coop = required('coop');
    if (coop === undefined) return { ok: false, reason: 'missing-field', field: 'coop' };
    if (!isId(coop)) return { ok: false, reason: 'invalid-field', field: 'coop' };
    const invite = required('invite');
    if (invite === undefined) return { ok: false, reason: 'missing-field', field: 'invite' };
    if (!isId(invite)) return { ok: false, reason: 'invalid-field', field: 'invite' };
    const secretText = required('secret');
    if (secretText === undefined) return { ok: false, reason: 'missing-field', field: 'secret' };
    const secret = decodeSecret(secretText);
    if (secret === null) return { ok: false, reason: 'invalid-field', field: 'secret' };
    if (relayTexts.length === 0) return { ok: false, reason: 'missing-field', field: 'relay' };
    if (relayTexts.length > MAX_RELAYS || !relayTexts.every(isRelay)) {
      return { ok: false, reason: 'invalid-field', field: 'relay' };
    }
    const name = single.get('name');
    if (name !== undefined && !isName(name))
      return { ok: false, reason: 'invalid-field', field: 'name' };
    const expiresText = required('expires');
    if (expiresText === undefined) return { ok: false, reason: 'missing-field', field: 'expires' };
    const expiresAt = EXPIRES_TEXT.test(expiresText) ? Number(expiresText) : NaN;
    if (!isExpiry(expiresAt)) return { ok: false, reason: 'invalid-field', field: 'expires' };

    const invitation: Invitation = {
      coop,
      invite,
      secret,
      relays: relayTexts,
      ...(name === undefined ? {} : { name }),
      expiresAt,
    };
    if (!Number.isFinite(init.now) || expiresAt * 1000 <= init.now) {
      return { ok: false, reason: 'expired', invitation };
    }
    return { ok: true, invitation };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
}

/** The one-time invitation key of an invitation: what proves the newcomer holds the link. */
export function invitationKeyPair(invitation: Pick<Invitation, 'secret'>): KeyPair {
  return keyPairFromSeed(invitation.secret);
}
