import type { Currency, EntryStatus, EntryType, MemberInfo } from '@integrale/ledger';
import type { DocumentSyncFact } from './runtime-network.js';
import type { RequestsRuntime } from './runtime-requests.js';
import type { KeysRuntime } from './runtime-keys.js';
import type { AssembliesRuntime } from './runtime-assemblies.js';
import type { GovernanceRuntime } from './runtime-governance.js';
import type { AccountsRuntime } from './runtime-accounts.js';
import type { ProjectsRuntime } from './runtime-projects.js';
import type { ServicesRuntime } from './runtime-services.js';

export type {
  DocumentRole,
  DocumentSyncFact,
  PeerDocumentSync,
  PeerSyncState,
} from './runtime-network.js';

/*
 * What the screens need from the running cooperative, and nothing about how it is done. The
 * peer-to-peer runtime (src/runtime/, over packages/peer and packages/sync) implements this
 * interface and is given to `<coop-app>`; without one the app says it is not connected.
 * Everything a screen shows is read from one snapshot, so a render never sees half an update.
 */

/** What the runtime is doing. */
export type RuntimePhase =
  /** Loading this device's keys and remembered cooperative. */
  | 'starting'
  /** This device belongs to no cooperative yet: found one or join one. */
  | 'no-cooperative'
  | 'founding'
  /** Joining with an invitation: see {@link RuntimeSnapshot.join}. */
  | 'joining'
  /** Opening the cooperative this device belongs to, from its own storage. */
  | 'opening'
  | 'ready'
  /** This device cannot run the app: see {@link RuntimeSnapshot.problem}. */
  | 'failed';

/** Why the runtime failed (each has a sentence in the UI). */
export type RuntimeProblem =
  /** IndexedDB is refused or broken (private browsing, storage full…). */
  | 'storage-unavailable'
  /** The cooperative's documents are neither in this device's storage nor with a peer. */
  | 'documents-unavailable'
  | 'internal-error';

/** The cooperative, as its valid genesis describes it. */
export interface CooperativeInfo {
  /** Id of the genesis entry. */
  readonly id: string;
  readonly name: string;
  readonly currency: Currency;
  /** No member's balance may go below −creditLimit (minor units). */
  readonly creditLimit: number;
}

/** How this device is connected to the others. */
export type ConnectionState = 'offline' | 'connecting' | 'online';

/**
 * Which part this tab plays on the network. Tabs of one browser profile share documents among
 * themselves; one of them (the leader) runs the libp2p node for all, the others (followers) reach
 * the other members through it.
 */
export type NetworkRole = 'none' | 'leader' | 'follower';

/** A relay this device keeps dialled. */
export interface RelayFact {
  /** Its multiaddr, as configured (`/ip4/…/tcp/…/ws/p2p/…`). */
  readonly address: string;
  /**
   * `reserved`: connected, and others can reach this device through it; `connected`: connected,
   * no reservation yet; `connecting`: not connected (being dialled, with backoff).
   */
  readonly state: 'connecting' | 'connected' | 'reserved';
}

/** Another device this device is connected to. */
export interface PeerFact {
  /** Its libp2p PeerId. */
  readonly peerId: string;
  /** The member its device certificate names, once its sync hello arrived; else `null`. */
  readonly member: string | null;
  /** A direct connection (not through a relay): the only kind documents travel on. */
  readonly direct: boolean;
  /**
   * `webrtc`: direct WebRTC; `relayed`: only through a relay or another member's device
   * (signalling, no documents); `lan`: direct, to a private or loopback address; `other`: direct
   * TCP or WebSockets elsewhere. See network-facts.ts.
   */
  readonly transport: 'webrtc' | 'relayed' | 'lan' | 'other';
  /** For a relayed connection through another member's device: that member; else `null`. */
  readonly via: string | null;
}

/** The network as this tab knows it (a follower tab shows what its leader tab reports). */
export interface NetworkFacts {
  readonly role: NetworkRole;
  readonly relays: readonly RelayFact[];
  /** Connected devices other than relays, sorted by PeerId. */
  readonly peers: readonly PeerFact[];
  /** The cooperative's documents and how they stand with each member's device (runtime-network.ts). */
  readonly documents: readonly DocumentSyncFact[];
}

/** How a join with an invitation is going. */
export interface JoinProgress {
  /** The cooperative the invitation is for. */
  readonly coop: string;
  /**
   * `waiting-for-member`: no member's device has admitted this one yet — none is online, or
   * those online do not know the invitation yet; `admitted`: a member's device took the join,
   * the documents are coming.
   */
  readonly state: 'waiting-for-member' | 'admitted';
  /** The last answer of a member's device that did not admit this one, if any. */
  readonly lastRefusal: string | null;
}

/** A ledger entry as the screens show it: what it says and what this device made of it. */
export interface LedgerEntryView {
  readonly id: string;
  readonly type: EntryType;
  readonly author: string;
  readonly seq: number;
  /** The author's clock (informative only). */
  readonly ts: string;
  /** Valid, invalid (with the reason) or pending (with what it waits for). */
  readonly status: EntryStatus;
  /** For a payment. */
  readonly pay?: { readonly to: string; readonly amount: number; readonly memo: string };
  /** For an accept: the id of the payment it accepts. */
  readonly accepts?: string;
}

/** Everything the screens show, at one moment. Immutable: a change makes a new snapshot. */
export interface RuntimeSnapshot {
  /** `null` until this device is part of a cooperative and holds its valid genesis. */
  readonly cooperative: CooperativeInfo | null;
  /** This member's did:key; `null` before they have a key. */
  readonly self: string | null;
  /** Current members, sorted by did. */
  readonly members: readonly MemberInfo[];
  /** This member's balance in minor units (0 before any movement). */
  readonly balance: number;
  readonly connection: {
    readonly state: ConnectionState;
    /** Devices of other members connected right now. */
    readonly peers: number;
  };
  readonly phase: RuntimePhase;
  /** Why the runtime failed, when `phase` is `failed`. */
  readonly problem: RuntimeProblem | null;
  /** While joining (and once admitted): how it is going; `null` otherwise. */
  readonly join: JoinProgress | null;
  /**
   * The latest ledger entries this device holds with their verdicts, newest first (by the
   * authors' clocks), at most {@link MAX_SNAPSHOT_ENTRIES}.
   */
  readonly entries: readonly LedgerEntryView[];
  readonly network: NetworkFacts;
}

/** What a founder gives to create a cooperative. */
export interface FoundRequest {
  /** The cooperative's name, 1–80 characters. */
  readonly name: string;
  /**
   * The founder's name, 1–80 characters, written as their signed profile (runtime/profiles.ts).
   * The create form always sends one; without it the founder stays unnamed, as in cooperatives
   * founded before profiles (the screens then say « Personne fondatrice »).
   */
  readonly founderName?: string;
  readonly currency: Currency;
  /** How far below zero a balance may go, in minor units. */
  readonly creditLimit: number;
}

/** Why founding did not happen. */
export type FoundProblem = 'not-ready' | 'already-member' | 'invalid-details';

/** The outcome of {@link AppRuntime.found}. */
export type FoundResult =
  | { readonly ok: true; /** The new cooperative's id. */ readonly coop: string }
  | { readonly ok: false; readonly reason: FoundProblem };

/** Why no invitation was made. */
export type InviteProblem = 'not-ready' | 'not-member' | 'no-relay';

/** The outcome of {@link AppRuntime.invite}. */
export type InviteResult =
  | {
      readonly ok: true;
      /** The invitation link (see src/invitation.ts); its secret is in the fragment. */
      readonly link: string;
      /** Until when the link is offered, in seconds since 1970. */
      readonly expiresAt: number;
    }
  | { readonly ok: false; readonly reason: InviteProblem };

/** What a newcomer gives to join. */
export interface JoinRequest {
  /** The invitation link (or its `#/join?…` fragment). */
  readonly link: string;
  /** The name the newcomer is known by, 1–80 characters. */
  readonly name: string;
}

/** Why a join did not happen (the member's device's refusals keep their names). */
export type JoinProblem =
  | 'not-ready'
  | 'already-member'
  | 'invalid-link'
  | 'expired'
  | 'invalid-name'
  /** Another tab of this browser is joining the same cooperative. */
  | 'busy'
  | 'cancelled'
  | 'invite-used'
  | 'bad-proof'
  | 'malformed';

/** The outcome of {@link AppRuntime.join}. */
export type JoinResult =
  | { readonly ok: true; readonly coop: string }
  | { readonly ok: false; readonly reason: JoinProblem };

/** The outcome of {@link AppRuntime.addRelay}. */
export type AddRelayResult =
  { readonly ok: true } | { readonly ok: false; readonly reason: 'invalid-address' };

/** A payment a member asks for. */
export interface PayRequest {
  /** did:key of the payee. */
  readonly to: string;
  /** Minor units, 1 … 10^12 (see `parseAmount`). */
  readonly amount: number;
  /** 0–280 characters. */
  readonly memo: string;
}

/** Why a payment was not made (each has a sentence in the UI). */
export type PayProblem =
  | 'not-ready'
  | 'not-member'
  | 'unknown-payee'
  | 'self-pay'
  | 'invalid-amount'
  | 'over-limit'
  | 'memo-too-long';

/** The outcome of {@link AppRuntime.pay}. */
export type PayResult =
  | { readonly ok: true; /** Id of the signed pay entry. */ readonly entry: string }
  | { readonly ok: false; readonly reason: PayProblem };

/** The running cooperative, as the UI sees it. */
export interface AppRuntime
  extends
    RequestsRuntime,
    KeysRuntime,
    AssembliesRuntime,
    GovernanceRuntime,
    ProjectsRuntime,
    AccountsRuntime,
    ServicesRuntime {
  /** The current state. Cheap: called on every render. */
  snapshot(): RuntimeSnapshot;
  /** Any member's balance in minor units, over every branch (0 for one with no movement). */
  balanceOf(did: string): number;
  /**
   * Signs a payment in this member's feed and shares it. Resolves with the reason when the
   * payment cannot be made; rejects only when the device itself fails (storage, say).
   */
  pay(request: PayRequest): Promise<PayResult>;
  /** Calls `listener` after each change of the snapshot; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Creates a cooperative with this member as its founder. */
  found(request: FoundRequest): Promise<FoundResult>;
  /** Signs an invite and writes it as a link to hand to the newcomer (one link, one person). */
  invite(): Promise<InviteResult>;
  /**
   * Joins with an invitation. Resolves once admitted and the documents are here, or with the
   * reason it cannot be; while no member is online it keeps waiting (see the snapshot's `join`).
   */
  join(request: JoinRequest): Promise<JoinResult>;
  /** Stops waiting to be admitted: the pending {@link join} resolves with `cancelled`. */
  cancelJoin(): void;
  /** Adds a relay (a multiaddr ending in `/p2p/<relay PeerId>`), kept for later visits. */
  addRelay(address: string): Promise<AddRelayResult>;
}

/** The snapshot of a device that is part of no cooperative yet. */
export const EMPTY_SNAPSHOT: RuntimeSnapshot = {
  cooperative: null,
  self: null,
  members: [],
  balance: 0,
  connection: { state: 'offline', peers: 0 },
  phase: 'no-cooperative',
  problem: null,
  join: null,
  entries: [],
  network: { role: 'none', relays: [], peers: [], documents: [] },
};

/** Most entries in {@link RuntimeSnapshot.entries}. */
export const MAX_SNAPSHOT_ENTRIES = 200;

/** Most characters in a payment's memo (the ledger's bound). */
export const MAX_MEMO_LENGTH = 280;
