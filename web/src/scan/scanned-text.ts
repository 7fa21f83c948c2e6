import { MAX_INVITATION_LINK_LENGTH, parseInvitationLink } from '../invitation.js';
import { MAX_RELAY_ADDRESS_LENGTH, isRelayAddress } from '../runtime/relays.js';

/*
 * What a scanned QR code (or a typed text) is, before anything is done with it. Both come from
 * outside — a code on a wall, a message from a stranger — so each is bounded and checked, and a
 * text that is not what the screen asked for gets a reason the screen can say in plain words.
 */

/** Longest text looked at; a QR code holds at most about 3 kB. */
export const MAX_SCANNED_LENGTH = 4096;

/** Why a text is not a relay address. */
export type RelayAddressProblem =
  | 'empty'
  | 'too-long'
  /** It is an invitation link (the join screen takes those). */
  | 'invitation'
  /** A web address or another URL scheme (`http:`, `javascript:`…), not a multiaddr. */
  | 'url'
  /** Does not start with `/`: not a multiaddr at all. */
  | 'not-multiaddr'
  /** A multiaddr without `/p2p/<PeerId>` at its end: the relay's identity is missing. */
  | 'no-peer-id'
  /** Spaces, control or non-ASCII characters, or a malformed PeerId. */
  | 'malformed';

/** What a text turned out to be. */
export type ScannedText =
  | { readonly kind: 'invitation'; readonly link: string }
  | { readonly kind: 'relay'; readonly address: string }
  | { readonly kind: 'unknown'; readonly problem: RelayAddressProblem };

const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Whether a text is shaped like an invitation link, valid or not (an expired one still is). */
function looksLikeInvitation(text: string): boolean {
  if (text.length > MAX_INVITATION_LINK_LENGTH) return false;
  const parsed = parseInvitationLink(text, { now: 0 });
  return parsed.ok || (parsed.reason !== 'not-an-invitation' && parsed.reason !== 'too-long');
}

/**
 * Why `text` (trimmed) is not a relay address this app keeps, or `null` when it is one:
 * a multiaddr of printable ASCII ending in `/p2p/<PeerId>` (see relays.ts).
 */
export function relayAddressProblem(text: string): RelayAddressProblem | null {
  if (typeof text !== 'string') return 'malformed';
  if (text.length > MAX_SCANNED_LENGTH) return 'too-long';
  const trimmed = text.trim();
  if (trimmed === '') return 'empty';
  // (Not a type guard here: a string that is not a relay address is still a string.)
  const relay: boolean = isRelayAddress(trimmed);
  if (relay) return null;
  if (looksLikeInvitation(trimmed)) return 'invitation';
  if (trimmed.length > MAX_RELAY_ADDRESS_LENGTH) return 'too-long';
  if (URL_SCHEME.test(trimmed)) return 'url';
  if (!trimmed.startsWith('/')) return 'not-multiaddr';
  if (!/^[\x21-\x7e]+$/.test(trimmed)) return 'malformed';
  if (!trimmed.includes('/p2p/')) return 'no-peer-id';
  return 'malformed';
}

/** What a scanned (or pasted) text is: an invitation link, a relay address, or neither. */
export function classifyScannedText(text: string): ScannedText {
  const problem = relayAddressProblem(text);
  if (problem === null) return { kind: 'relay', address: text.trim() };
  if (problem === 'invitation') return { kind: 'invitation', link: text.trim() };
  return { kind: 'unknown', problem };
}
