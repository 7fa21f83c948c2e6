import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * Domain-separation prefix of discovery topics. Versioned so a later scheme gets other topics
 * instead of colliding with this one; never change it in place.
 */
export const DISCOVERY_TOPIC_PREFIX = 'integrale/discovery-topic/v1:';

/** What a well-formed discovery topic looks like: 64 lowercase hex digits. */
export const DISCOVERY_TOPIC_PATTERN = /^[0-9a-f]{64}$/;

/**
 * The pubsub topic on which the members of one cooperative announce themselves: the hex SHA-256 of
 * {@link DISCOVERY_TOPIC_PREFIX} followed by the cooperative id.
 *
 * A relay forwards announcements by topic, so it sees this hash, never the cooperative id; the
 * prefix keeps the hash from being the id's hash in any other context (the id itself is already a
 * hash). Pure and synchronous (@noble/hashes, no `crypto.subtle`), so it runs on a plain-HTTP LAN
 * page too (NETWORK-NOTES gotcha 7).
 */
export function discoveryTopic(coopId: string): string {
  if (coopId.length === 0) throw new RangeError('discoveryTopic needs a cooperative id');
  return bytesToHex(sha256(utf8ToBytes(DISCOVERY_TOPIC_PREFIX + coopId)));
}
