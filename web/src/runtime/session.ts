import type { Repo, StorageAdapterInterface } from '@automerge/automerge-repo/slim';
import { BroadcastChannelNetworkAdapter } from '@automerge/automerge-repo-network-broadcastchannel';
import type { KeyPair, SignatureVerifier } from '@integrale/identity';
import { openCooperativePeer, type CooperativePeer } from '@integrale/peer';
import { createBrowserPeer, discoveryTopic, type IntegraleNode } from '@integrale/sync';
import type { PrivateKey } from '@libp2p/interface';
import { ephemeralDeviceKey } from './device-keys.js';
import type { Membership } from './membership-store.js';
import { createSyncTracker, type SyncTracker } from './sync-state.js';

/*
 * A session is one tab's running peer of one cooperative, in one of two roles:
 *
 * - leader: the device's libp2p node (its stored key, the relays, the cooperative's discovery
 *   topic) under a `CooperativePeer` that signs (payments, automatic accepts, invitations) and
 *   admits newcomers; plus the BroadcastChannel adapter to the profile's other tabs.
 * - follower: the same documents from the same IndexedDB, synced with the leader tab over the
 *   BroadcastChannel only. Its `CooperativePeer` gets a libp2p node that is never started — the
 *   repo's PeerId must be a PeerId of its own (a throwaway key), since the leader's repo already
 *   uses the device's — and it signs nothing (see tab-channel.ts).
 *
 * A tab changing role closes its session and opens the other kind: the repo's PeerId is fixed
 * for its life, and only the leader's may be the device's.
 */

/** The role of a session. */
export type SessionRole = 'leader' | 'follower';

/** What every session needs. */
export interface SessionDeps {
  readonly member: KeyPair;
  readonly verifier: SignatureVerifier;
  /** The profile's document storage (IndexedDB), shared by its tabs. */
  readonly storage: StorageAdapterInterface;
  /** The device's libp2p key (leader only). */
  readonly deviceKey: PrivateKey;
  /** Relays to keep dialled (leader only). */
  readonly relays: readonly string[];
}

/** One tab's running peer. */
export interface Session {
  readonly role: SessionRole;
  readonly peer: CooperativePeer;
  readonly node: IntegraleNode;
  /** The relays the node keeps dialled (none for a follower). */
  readonly relays: readonly string[];
  /** How the documents stand with each member's device (sync-state.ts). */
  readonly sync: SyncTracker;
  /** Says goodbye to the other tabs now (the page is going away; nothing else is awaited). */
  leaveTabs(): void;
  /** Saves every document, leaves the tabs, stops the peer and the node. */
  stop(): Promise<void>;
}

/** The BroadcastChannel of the profile's tabs in one cooperative. */
export const tabsChannelName = (coop: string): string => `integrale-tabs:${coop}`;

type ShareConfig = Repo['shareConfig'];

/**
 * Connects the profile's other tabs to a peer's repo. The membership gate in packages/peer knows
 * libp2p peers only (a device certificate proves a member's device); a tab on the
 * BroadcastChannel is this same profile, same origin, same keys — trusted. So the repo's share
 * policy lets the peers that arrived over the channel through and asks the gate about the rest.
 * No libp2p peer can pass for a tab: the sync adapter requires a remote's repo PeerId to equal
 * its authenticated libp2p PeerId, and the tabs' PeerIds are the device's own (the leader) or
 * throwaway keys (followers) — keys only this profile holds. Returns the adapter.
 */
export function shareWithTabs(peer: CooperativePeer, coop: string): BroadcastChannelNetworkAdapter {
  const tabs = new Set<string>();
  const adapter = new BroadcastChannelNetworkAdapter({
    channelName: tabsChannelName(coop),
    peerWaitMs: 100,
  });
  adapter.on('peer-candidate', ({ peerId }) => tabs.add(peerId));
  adapter.on('peer-disconnected', ({ peerId }) => tabs.delete(peerId));
  const gate: ShareConfig = peer.repo.shareConfig;
  peer.repo.shareConfig = {
    announce: async (peerId, documentId) => tabs.has(peerId) || gate.announce(peerId, documentId),
    access: async (peerId, documentId) => tabs.has(peerId) || gate.access(peerId, documentId),
  };
  peer.repo.networkSubsystem.addNetworkAdapter(adapter);
  return adapter;
}

/** Wraps a running peer and its node as a session. */
export function sessionOf(
  role: SessionRole,
  peer: CooperativePeer,
  node: IntegraleNode,
  relays: readonly string[],
): Session {
  const adapter = shareWithTabs(peer, peer.coop);
  const sync = createSyncTracker({ repo: peer.repo });
  let left = false;
  const leaveTabs = (): void => {
    if (left) return;
    left = true;
    peer.repo.networkSubsystem.removeNetworkAdapter(adapter);
  };
  let stopping: Promise<void> | undefined;
  return {
    role,
    peer,
    node,
    relays,
    sync,
    leaveTabs,
    stop() {
      stopping ??= (async () => {
        sync.stop();
        await peer.repo.flush();
        leaveTabs();
        await peer.stop();
        await node.stop();
      })();
      return stopping;
    },
  };
}

/**
 * Opens a session, trying again a few times with growing pauses, each time on a fresh node: a
 * failed `openCooperativePeer` leaves its repo's adapter registered on the node it was given, so
 * that node cannot serve another. A document may be on its way to storage (a follower tab opened
 * as the leader wrote), or a peer's hello may have come just as the repo decided no one had the
 * document (automerge-repo can find a peer's hello and its own `find` racing: see join.ts).
 */
async function withRetries(
  attempts: number,
  makeNode: () => Promise<IntegraleNode>,
  open: (node: IntegraleNode) => Promise<CooperativePeer>,
): Promise<{ node: IntegraleNode; peer: CooperativePeer }> {
  for (let attempt = 1; ; attempt++) {
    const node = await makeNode();
    try {
      return { node, peer: await open(node) };
    } catch (error) {
      await node.stop();
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
    }
  }
}

function openOn(
  node: IntegraleNode,
  membership: Membership,
  deps: SessionDeps,
  role: SessionRole,
  bootstrapPeers: readonly string[],
): Promise<CooperativePeer> {
  return openCooperativePeer({
    node,
    member: deps.member,
    verifier: deps.verifier,
    storage: deps.storage,
    coop: membership.coop,
    rootUrl: membership.rootUrl,
    // Only the leader signs: a follower's accept would race the leader's (tab-channel.ts).
    autoAccept: role === 'leader',
    // Likewise taking up a decided credit limit: two tabs doing it would fork the member's feed.
    autoTakeUpLimits: role === 'leader',
    // A follower's PeerId is a throwaway key: it is not a device of the member's.
    registerDevice: role === 'leader',
    // Only matters when a document is not in storage yet: then a leader waits for the members
    // online to say hello; a follower has no libp2p peers to wait for.
    readyTimeoutMs: role === 'leader' ? 10_000 : 50,
    bootstrapPeers,
  });
}

/**
 * Opens this tab as the leader: starts the device's node first (so that, when the documents are
 * not in storage yet, members online can send them), then the peer on it. `bootstrapPeers`: the
 * member's device that admitted this one, trusted until the ledger's genesis is here.
 */
export async function openLeaderSession(
  membership: Membership,
  deps: SessionDeps,
  bootstrapPeers: readonly string[] = [],
): Promise<Session> {
  const { node, peer } = await withRetries(
    3,
    () =>
      createBrowserPeer({
        privateKey: deps.deviceKey,
        relays: deps.relays,
        discoveryTopic: discoveryTopic(membership.coop),
      }),
    (fresh) => openOn(fresh, membership, deps, 'leader', bootstrapPeers),
  );
  return sessionOf('leader', peer, node, deps.relays);
}

/** Opens this tab as a follower of the leader tab (see the top of this file). */
export async function openFollowerSession(
  membership: Membership,
  deps: SessionDeps,
): Promise<Session> {
  const { node, peer } = await withRetries(
    4,
    async () =>
      createBrowserPeer({ privateKey: await ephemeralDeviceKey(), relays: [], start: false }),
    (fresh) => openOn(fresh, membership, deps, 'follower', []),
  );
  return sessionOf('follower', peer, node, []);
}
