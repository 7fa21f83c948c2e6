import type { DocumentId, Message, PeerId } from '@automerge/automerge-repo';
import { checkDeviceCertificate, type SignatureVerifier } from '@integrale/identity';
import type { Ledger } from '@integrale/ledger';
import { removedMembers } from './governance.js';

/*
 * Members only. A peer's device presents a certificate signed by its member's key; libp2p's
 * handshake already proved the device holds its PeerId. A document is announced and served only
 * to peers whose member is valid in the ledger and not removed by an adopted decision, checked at
 * every request (so a newcomer gains access the moment their join is valid, and a removed member
 * loses it). A stranger may still
 * ask: it gets `doc-unavailable`, never content. A stranger that pushes sync data for a document
 * is misbehaving: the adapter hangs up on it.
 *
 * Bootstrap. A device whose ledger holds no valid genesis yet (a newcomer just admitted, a device
 * where the member restored their key from a backup, a device whose storage was wiped) cannot
 * tell members from strangers: membership is in the ledger it does not have. Until the genesis is
 * valid, it trusts every peer that presents a valid certificate for this cooperative and for the
 * device it authenticated as (and the peers vouched for by the join handshake). Why this is safe
 * enough: such a device holds nothing of the cooperative to leak — documents flow to it — and
 * what comes in is re-verified: a ledger entry is valid only under a genesis whose id is the
 * cooperative's id, which no stranger can forge, so a stranger can at worst send junk (or soft
 * data in the root document) until a member's device has delivered the real ledger. The window
 * closes the moment the genesis is valid: from then on membership alone decides, and the repo is
 * told to ask again (the carrier calls `shareConfigChanged` as members change).
 */

/** What the gate knows of a connected peer. */
export interface PeerStanding {
  /** The member the device's certificate names, or null for a peer without a valid one. */
  readonly member: string | null;
}

/** Options of {@link createMembershipGate}. */
export interface MembershipGateInit {
  readonly coop: string;
  readonly ledger: Ledger;
  readonly verifier: SignatureVerifier;
}

/** The members-only policy, as hooks for the network adapter and the repo. */
export interface MembershipGate {
  /**
   * Adapter hook: records which member a peer's certificate names. A peer without a certificate
   * is let in as a stranger (it may only be told `doc-unavailable`); a certificate that is
   * present but forged, or for another device or cooperative, is refused.
   */
  authorizePeer(peer: {
    remotePeer: string;
    repoPeerId: string;
    credential: unknown;
  }): Promise<boolean>;
  /** Whether the peer's member is a member now. */
  isMemberPeer(peerId: string): boolean;
  /** The member behind a peer, if its certificate was valid. */
  memberOf(peerId: string): string | null;
  /** Adapter hook: a stranger may ask for documents, but never send document data. */
  mayReceive(peerId: string, message: Message): boolean;
  /** Repo `shareConfig`: announce and serve documents to members' devices only. */
  readonly shareConfig: {
    announce: (peerId: PeerId, documentId?: DocumentId) => Promise<boolean>;
    access: (peerId: PeerId, documentId: DocumentId) => Promise<boolean>;
  };
  /**
   * Trusts a peer while this device's ledger has no valid genesis yet: the member's peer that
   * admitted a newcomer, so the newcomer can fetch the documents that will prove everything
   * else. Once the genesis is known, membership alone decides. (Peers with a valid certificate
   * for this cooperative are trusted in that window too: see the top of this file.)
   */
  vouch(peerId: string): void;
  forget(peerId: string): void;
}

/** Message types a stranger may send: asking, or saying it has nothing. */
const STRANGER_MESSAGES = new Set(['request', 'doc-unavailable']);

/** Creates the members-only gate of one cooperative. */
export function createMembershipGate(init: MembershipGateInit): MembershipGate {
  const standing = new Map<string, PeerStanding>();
  const vouched = new Set<string>();

  const isMemberPeer = (peerId: string): boolean => {
    const member = standing.get(peerId)?.member ?? null;
    if (member === null || !init.ledger.isMember(member)) return false;
    // A member the cooperative removed by decision (gov/1 `removeMember`) is one no more here:
    // the ledger keeps their signed past, the documents stop reaching their devices.
    return !removedMembers(init.ledger).has(member);
  };
  /** Trusted for bootstrap: vouched for, or holding a valid certificate for this cooperative. */
  const mayBootstrap = (peerId: string): boolean =>
    vouched.has(peerId) || (standing.get(peerId)?.member ?? null) !== null;
  const isTrusted = (peerId: string): boolean =>
    isMemberPeer(peerId) || (init.ledger.genesis() === undefined && mayBootstrap(peerId));

  return {
    async authorizePeer({ remotePeer, repoPeerId, credential }) {
      if (credential === undefined || credential === null) {
        standing.set(repoPeerId, { member: null });
        return true;
      }
      const checked = await checkDeviceCertificate(
        credential,
        { coop: init.coop, device: remotePeer },
        init.verifier,
      );
      if (!checked.ok) return false;
      standing.set(repoPeerId, { member: checked.member });
      return true;
    },
    isMemberPeer,
    memberOf: (peerId) => standing.get(peerId)?.member ?? null,
    mayReceive(peerId, message) {
      return isTrusted(peerId) || STRANGER_MESSAGES.has(message.type);
    },
    shareConfig: {
      announce: async (peerId) => isTrusted(peerId),
      access: async (peerId) => isTrusted(peerId),
    },
    vouch(peerId) {
      vouched.add(peerId);
    },
    forget(peerId) {
      standing.delete(peerId);
    },
  };
}
