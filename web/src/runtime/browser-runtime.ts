import type { StorageAdapterInterface } from '@automerge/automerge-repo/slim';
import type { KeyPair, RandomBytes, SignatureVerifier } from '@integrale/identity';
import {
  InvalidEntryError,
  createJoin,
  entryId,
  formatTimestamp,
  type JoinEntry,
} from '@integrale/ledger';
import { foundCooperative, openCooperativePeer, type CooperativePeer } from '@integrale/peer';
import { createBrowserPeer, discoveryTopic, type IntegraleNode } from '@integrale/sync';
import type { PrivateKey } from '@libp2p/interface';
import {
  EMPTY_SNAPSHOT,
  type AddRelayResult,
  type AppRuntime,
  type FoundRequest,
  type FoundResult,
  type InviteResult,
  type JoinProblem,
  type JoinProgress,
  type JoinRequest,
  type JoinResult,
  type NetworkFacts,
  type PayRequest,
  type PayResult,
  type RuntimePhase,
  type RuntimeProblem,
  type RuntimeSnapshot,
} from '../app/runtime.js';
import {
  InvalidInvitationError,
  encodeInvitationLink,
  invitationKeyPair,
  parseInvitationLink,
} from '../invitation.js';
import { KeyStoreUnavailableError, type KeyStore } from '../key-store.js';
import { loadAutomerge } from './automerge-wasm.js';
import { loadOrCreateDeviceKey, loadOrCreateMemberKey } from './device-keys.js';
import { cooperativeInfo, entryViews, payProblem, type EntryIdCache } from './ledger-views.js';
import { createRequestsSide } from './payment-requests.js';
import { createProfilesSide, isOwnProfileName, writeOwnProfile } from './profiles.js';
import { createKeysSide } from './keys.js';
import { createGovernanceSide } from './governance.js';
import { createAssembliesSide } from './assemblies.js';
import { createAccountsSide } from './accounts.js';
import { createServicesSide } from './services.js';
import { createProjectsSide } from './projects.js';
import {
  MEMBERSHIP_KEY,
  readMembership,
  readUserRelays,
  writeMembership,
  writeUserRelays,
  type Membership,
} from './membership-store.js';
import { connectionFacts, networkFacts, type ConnectionFact } from './network-facts.js';
import { askToJoin, JoinCancelledError, JoinRefusedError, type Admission } from './join.js';
import { untilDocumentsStored } from './stored-documents.js';
import {
  fetchServingRelays,
  isRelayAddress,
  mergeRelays,
  relayPeerId,
  type FetchLike,
} from './relays.js';
import {
  openFollowerSession,
  openLeaderSession,
  sessionOf,
  type Session,
  type SessionDeps,
  type SessionRole,
} from './session.js';
import {
  createTabChannel,
  type ChannelLike,
  type TabAnswers,
  type TabCall,
  type TabChannel,
} from './tab-channel.js';
import {
  leaseLeadership,
  webLocksLeadership,
  type LeaseStorage,
  type LockManagerLike,
  type TabLeadership,
} from './tab-leadership.js';
import { chooseVerifier } from './verifier.js';
import { servingRelaysOrRemembered } from '../offline/remembered-relays.js';

/*
 * The app's runtime in a browser tab: this device's keys, the cooperative it belongs to, and the
 * peer that runs it — as the leader tab (libp2p) or a follower tab (BroadcastChannel to the
 * leader), see session.ts and tab-leadership.ts. Everything the screens show comes from
 * `snapshot()`, rebuilt lazily after each change.
 */

/** How long an invitation link is offered for. */
export const INVITATION_LIFETIME_SECONDS = 7 * 24 * 60 * 60;

/** Most relays written into an invitation link (the link format's bound). */
const MAX_LINK_RELAYS = 4;

/**
 * How long a newly admitted device's repo waits for the admitting peer's sync hello before a
 * document it does not have counts as unavailable (the sync adapter's default, 2 s, is too short
 * for a busy phone).
 */
const JOIN_READY_TIMEOUT_MS = 15_000;

/** How long a follower tab waits for an entry the leader signed to reach it. */
const FOLLOWER_ENTRY_WAIT_MS = 10_000;

/** Refusals that only mean "not this peer" (the relay has no join handler; a peer went away). */
const TRANSIENT_REFUSALS = new Set(['unreachable', 'timeout']);

/** The membership of a join in progress has no root document yet. */
const PENDING_ROOT = 'automerge:pending' as Membership['rootUrl'];

/** What the browser gives the runtime: passed in, so that nothing reaches for a global. */
export interface BrowserRuntimeInit {
  /** The app's address without fragment: invitation links point there. */
  readonly appUrl: string;
  /** The page's origin, where the serving relay answers `/relay.json`. */
  readonly origin: string;
  /** `localStorage`: the membership, the member's relays, the tab lease. */
  readonly storage: LeaseStorage;
  /** Opens the key store (IndexedDB). */
  readonly openKeyStore: () => Promise<KeyStore>;
  /** The document storage (IndexedDB), made once Automerge is loaded. */
  readonly openDocuments: () => StorageAdapterInterface;
  readonly fetch: FetchLike;
  /** Randomness for keys and invitation secrets (`crypto.getRandomValues`). */
  readonly randomBytes: RandomBytes;
  /** `crypto.subtle`, absent on a plain-HTTP LAN page. */
  readonly subtle: SubtleCrypto | undefined;
  /** `navigator.locks`, absent outside secure contexts. */
  readonly locks: LockManagerLike | undefined;
  /** Opens a BroadcastChannel. */
  readonly openChannel: (name: string) => ChannelLike;
  /** Where `storage` and `pagehide` events arrive (the window). */
  readonly events: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  /** The clock, in milliseconds since 1970. @default Date.now */
  readonly clock?: () => number;
  /** Where the runtime says what went wrong and how it recovered. @default console.warn */
  readonly log?: (message: string) => void;
}

/** The running parts, for the test hook and for diagnostics. Read-only by convention. */
export interface RuntimeInternals {
  /** This tab's session, once open. */
  readonly session: Session | null;
  /** The libp2p node of a join in progress (before its session exists). */
  readonly joiningNode: IntegraleNode | null;
  /** `webcrypto` or `noble`, once started. */
  readonly verifierBackend: string | null;
  /** How this tab competes for the network: `web-locks`, `lease`, or null before a cooperative. */
  readonly leadership: TabLeadership['kind'] | null;
  /** Every relay this tab would dial. */
  readonly relays: readonly string[];
}

/** The runtime of one browser tab. */
export interface BrowserRuntime extends AppRuntime {
  /** Loads keys and opens the remembered cooperative, if any. Resolves once that is done. */
  start(): Promise<void>;
  /** Stops the peer and gives the network up to another tab. */
  stop(): Promise<void>;
  inspect(): RuntimeInternals;
  /** Every open libp2p connection of this tab (none in a follower tab). */
  connections(): ConnectionFact[];
}

/** What a started runtime holds. */
interface Device {
  readonly member: KeyPair;
  readonly deviceKey: PrivateKey;
  readonly verifier: SignatureVerifier;
  readonly documents: StorageAdapterInterface;
  /** From the serving relay's `/relay.json`, read once at start. */
  readonly servingRelays: readonly string[];
}

/** The cooperative this tab has open: its leadership competition and its tab channel. */
interface Opened {
  /** Replaced once when a join completes (the root document's url is known then). */
  membership: Membership;
  readonly leadership: TabLeadership;
  readonly channel: TabChannel;
  /** Where leadership decisions go (replaced once a join completes). */
  onRole: (leading: boolean) => void;
  leading: boolean | undefined;
}

const hex = (bytes: Uint8Array): string =>
  Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

/** Creates the runtime of this tab; call {@link BrowserRuntime.start}. */
export function createBrowserRuntime(init: BrowserRuntimeInit): BrowserRuntime {
  const clock = init.clock ?? Date.now;
  const log = (message: string): void => (init.log ?? console.warn)(`integrale:runtime ${message}`);
  const tabId = hex(init.randomBytes(16));
  const newId = (): string => hex(init.randomBytes(16));
  const listeners = new Set<() => void>();
  const entryIds: EntryIdCache = new WeakMap();

  let device: Device | undefined;
  let phase: RuntimePhase = 'starting';
  let problem: RuntimeProblem | null = null;
  let joinProgress: JoinProgress | null = null;
  let opened: Opened | undefined;
  let session: Session | null = null;
  /** The session whose data the screens show: the previous one while the next one opens. */
  let shown: Session | null = null;
  let joiningNode: IntegraleNode | null = null;
  let joinAbort: AbortController | undefined;
  let followerNetwork: NetworkFacts | null = null;
  let detach: (() => void) | undefined;
  let roleQueue: Promise<void> = Promise.resolve();
  /** Signing, one entry at a time: each builds on the head the previous one left. */
  let signing: Promise<unknown> = Promise.resolve();
  let networkReport: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let cached: RuntimeSnapshot | undefined;

  function changed(): void {
    cached = undefined;
    for (const listener of [...listeners]) listener();
  }

  /** Payment requests, statements, the export and the alerts (payment-requests.ts). */
  const requests = createRequestsSide({
    peer: () => shown?.peer ?? null,
    member: () => device?.member ?? null,
    verifier: () => device?.verifier ?? null,
    pay: (request) => runtime.pay(request),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    changed,
    clock,
    log,
    entryIds,
  });

  /** Members' names from their signed profiles: the founder's, above all (profiles.ts). */
  const profiles = createProfilesSide({
    peer: () => shown?.peer ?? null,
    verifier: () => device?.verifier ?? null,
    changed,
    log,
  });

  /** Circles and assemblies: the collaborative side of the meetings (assemblies.ts). */
  const assemblies = createAssembliesSide({
    peer: () => shown?.peer ?? null,
    member: () => device?.member ?? null,
    verifier: () => device?.verifier ?? null,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    changed,
    clock,
    newId,
    log,
  });

  /** Projects, mutual aid and the offers-and-wants directory (projects.ts). */
  const projects = createProjectsSide({
    peer: () => shown?.peer ?? null,
    member: () => device?.member ?? null,
    verifier: () => device?.verifier ?? null,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    changed,
    clock,
    newId,
    log,
  });

  /** Backup, restore, devices in use, and whether a restored device may sign (keys.ts). */
  const keys = createKeysSide({
    peer: () => shown?.peer ?? null,
    member: () => device?.member ?? null,
    thisDevice: () => device?.deviceKey.publicKey.toString() ?? null,
    verifier: () => device?.verifier ?? null,
    membership: () => opened?.membership ?? readMembership(init.storage),
    relays: () => allRelays(),
    free: () => device !== undefined && phase === 'no-cooperative' && opened === undefined,
    openKeyStore: init.openKeyStore,
    randomBytes: init.randomBytes,
    clock,
    changed,
    adopt: async (member, membership) => {
      if (device === undefined) return;
      device = { ...device, member };
      writeMembership(init.storage, membership);
      await openRemembered(membership);
    },
  });

  /**
   * What every part that signs needs from the tab: the peer shown, this member, whether it may
   * sign now (not while a restored key's feed is still syncing), whether this tab leads, the
   * signing queue, and waiting for an entry the leader tab signed.
   */
  const signingPart = {
    peer: () => shown?.peer ?? null,
    member: () => device?.member ?? null,
    self: () => device?.member.did ?? null,
    verifier: () => device?.verifier ?? null,
    ready: () => phase === 'ready' && session !== null && keys.keysSnapshot().signing !== 'syncing',
    leading: () => session?.role === 'leader' || (session !== null && opened === undefined),
    sign: <T>(peer: CooperativePeer, task: () => Promise<T>) => sign(peer, task),
    untilHeld: (peer: CooperativePeer, id: string) => untilHeld(peer, id),
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    changed,
    clock,
    log,
  };

  /** Hands a call to the leader tab (a follower does not sign). */
  function callLeader<C extends Exclude<TabCall, { op: 'pay' | 'invite' }>>(
    call: C,
  ): Promise<TabAnswers[C['op']]> {
    if (opened === undefined)
      return Promise.resolve({ ok: false, reason: 'not-ready' } as TabAnswers[C['op']]);
    return opened.channel.call(call);
  }

  /** Proposals, votes, proxies and the decision log, signed in the leader tab (governance.ts). */
  const governance = createGovernanceSide({
    ...signingPart,
    callLeader: (call) => callLeader({ op: 'governance', call }),
    entryIds,
  });

  /** Common services, the fund's loans and grouped purchases (services.ts). */
  const economy = createServicesSide({
    ...signingPart,
    callLeader: (call) => callLeader({ op: 'economy', call }),
  });

  /** Collective accounts, spend requests and budgets, signed in the leader tab (accounts.ts). */
  const accounts = createAccountsSide({
    ...signingPart,
    callLeader: (call) => callLeader({ op: 'accounts', call }),
  });

  /** Reads the member key again: another tab of this profile may have restored one. */
  async function reloadMemberKey(): Promise<void> {
    if (device === undefined) return;
    const store = await init.openKeyStore();
    try {
      device = { ...device, member: await loadOrCreateMemberKey(store, init.randomBytes) };
    } finally {
      store.close();
    }
  }

  function setPhase(next: RuntimePhase, nextProblem: RuntimeProblem | null = null): void {
    phase = next;
    problem = nextProblem;
    changed();
  }

  function currentNetwork(): NetworkFacts {
    if (session?.role === 'leader') {
      const current = session;
      return networkFacts(
        current.node,
        current.relays,
        (peerId) => current.peer.gate.memberOf(peerId),
        (peers) => current.sync.documents(current.peer.rootUrl, peers),
      );
    }
    if (session?.role === 'follower') {
      return followerNetwork ?? { role: 'follower', relays: [], peers: [], documents: [] };
    }
    if (joiningNode !== null) return networkFacts(joiningNode, allRelays(), () => null);
    return EMPTY_SNAPSHOT.network;
  }

  function buildSnapshot(): RuntimeSnapshot {
    const ledger = shown?.peer.ledger;
    const self = device?.member.did ?? null;
    const network = currentNetwork();
    const memberPeers = network.peers.filter((peer) => peer.direct && peer.member !== null);
    return {
      cooperative: ledger === undefined ? null : cooperativeInfo(ledger),
      self,
      members: ledger === undefined ? [] : profiles.members(ledger.members()),
      balance: ledger !== undefined && self !== null ? ledger.balanceOf(self) : 0,
      connection: {
        state:
          network.role === 'none' && joiningNode === null
            ? 'offline'
            : memberPeers.length > 0
              ? 'online'
              : 'connecting',
        peers: memberPeers.length,
      },
      phase,
      problem,
      join: joinProgress,
      entries: ledger === undefined ? [] : entryViews(ledger, entryIds),
      network,
    };
  }

  function allRelays(extra: readonly string[] = []): string[] {
    return mergeRelays(
      device?.servingRelays ?? [],
      opened?.membership.relays ?? [],
      extra,
      readUserRelays(init.storage),
    );
  }

  function sessionDeps(): SessionDeps {
    if (device === undefined) throw new Error('the runtime has not started');
    return {
      member: device.member,
      verifier: device.verifier,
      storage: device.documents,
      deviceKey: device.deviceKey,
      relays: allRelays(),
    };
  }

  // ---- the leader's network reports to follower tabs ------------------------------------------

  function reportNetwork(): void {
    changed();
    if (session?.role !== 'leader' || networkReport !== undefined) return;
    // Coalesced: a reservation or a new peer fires several events in a row.
    networkReport = setTimeout(() => {
      networkReport = undefined;
      if (session?.role === 'leader') opened?.channel.publishNetwork(currentNetwork());
    }, 50);
  }

  // ---- sessions ---------------------------------------------------------------------------------

  /** Follows a session's ledger and network; returns the function that stops following. */
  function attach(next: Session): () => void {
    const stops: (() => void)[] = [keys.follow(next.peer)];
    let ownHead =
      device === undefined ? undefined : next.peer.ledger.feedHead(device.member.did)?.id;
    stops.push(
      next.peer.onLedgerUpdate(() => {
        changed();
        // This member's new entries (an automatic accept) go to storage at once: an entry
        // others may already hold must never be lost here, or this device could sign another
        // one at the same seq after a crash — a fork.
        const head =
          device === undefined ? undefined : next.peer.ledger.feedHead(device.member.did);
        if (next.role === 'leader' && head !== undefined && head.id !== ownHead) {
          ownHead = head.id;
          next.peer.repo.flush().catch((error: unknown) => log(`could not save: ${String(error)}`));
        }
      }),
    );
    if (next.role === 'leader') {
      const events = ['connection:open', 'connection:close', 'self:peer:update'] as const;
      for (const type of events) {
        next.node.addEventListener(type, reportNetwork);
        stops.push(() => next.node.removeEventListener(type, reportNetwork));
      }
      stops.push(next.sync.subscribe(reportNetwork));
      const onPeer = (): void => reportNetwork();
      next.peer.adapter.on('peer-candidate', onPeer);
      next.peer.adapter.on('peer-disconnected', onPeer);
      stops.push(() => {
        next.peer.adapter.off('peer-candidate', onPeer);
        next.peer.adapter.off('peer-disconnected', onPeer);
      });
      opened?.channel.serve(answerTab);
      stops.push(() => opened?.channel.unserve());
      reportNetwork();
    } else {
      followerNetwork = null;
      opened?.channel.askNetwork();
    }
    return () => {
      for (const stop of stops) stop();
    };
  }

  function install(next: Session): void {
    detach?.();
    session = next;
    shown = next;
    detach = attach(next);
    setPhase('ready');
  }

  async function applyRole(role: SessionRole): Promise<void> {
    if (stopped || opened === undefined || session?.role === role) return;
    const membership = opened.membership;
    const previous = session;
    if (previous !== null) {
      detach?.();
      detach = undefined;
      session = null;
      await previous.stop();
    } else if (phase !== 'ready') {
      setPhase('opening');
    }
    try {
      const next =
        role === 'leader'
          ? await openLeaderSession(membership, sessionDeps())
          : await openFollowerSession(membership, sessionDeps());
      if (stopped || opened?.membership !== membership) {
        await next.stop();
        return;
      }
      install(next);
    } catch (error) {
      log(`could not open the cooperative as ${role}: ${String(error)}`);
      setPhase('failed', 'documents-unavailable');
    }
  }

  function enqueueRole(leading: boolean): void {
    roleQueue = roleQueue
      .then(() => applyRole(leading ? 'leader' : 'follower'))
      .catch((error: unknown) => {
        log(`changing role failed: ${String(error)}`);
        setPhase('failed', 'internal-error');
      });
  }

  function leadershipFor(coop: string): TabLeadership {
    return init.locks === undefined
      ? leaseLeadership({ storage: init.storage, key: `integrale.network-lease:${coop}`, tabId })
      : webLocksLeadership(init.locks, `integrale-network-${coop}`);
  }

  /** Opens a cooperative: competes for the network and sets up the channel to the other tabs. */
  function openCooperative(membership: Membership, onRole?: (leading: boolean) => void): Opened {
    const channel = createTabChannel({
      channel: init.openChannel(`integrale-leader:${membership.coop}`),
      newId,
    });
    channel.onNetwork((facts) => {
      if (session?.role !== 'follower') return;
      followerNetwork = { ...facts, role: 'follower' };
      changed();
    });
    channel.onNetworkAsked(() => {
      if (session?.role === 'leader') channel.publishNetwork(currentNetwork());
    });
    const next: Opened = {
      membership,
      leadership: leadershipFor(membership.coop),
      channel,
      onRole: onRole ?? enqueueRole,
      leading: undefined,
    };
    opened = next;
    next.leadership.start((leading) => {
      next.leading = leading;
      next.onRole(leading);
    });
    return next;
  }

  /** Opens a remembered cooperative; resolves once this tab's first session is open (or failed). */
  async function openRemembered(membership: Membership): Promise<void> {
    setPhase('opening');
    openCooperative(membership);
    // The first decision is queued by the leadership's first call; wait for it to be applied.
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (phase === 'ready' || phase === 'failed' || stopped) {
          listeners.delete(check);
          resolve();
        }
      };
      listeners.add(check);
      check();
    });
  }

  // ---- signing ----------------------------------------------------------------------------------

  /**
   * Runs a signing task after every earlier one and after the peer has processed what it received
   * (automatic accepts included), so the entry builds on the current head of this member's feed.
   */
  function sign<T>(peer: CooperativePeer, task: () => Promise<T>): Promise<T> {
    const run = signing.then(async () => {
      await peer.settled();
      const result = await task();
      // Stored before anyone hears of it: an entry is never lost by a page closing now.
      await peer.repo.flush();
      return result;
    });
    signing = run.catch(() => undefined);
    return run;
  }

  async function payHere(request: PayRequest): Promise<PayResult> {
    const current = session;
    if (current?.role !== 'leader' || device === undefined)
      return { ok: false, reason: 'not-ready' };
    const member = device.member.did;
    return sign(current.peer, async (): Promise<PayResult> => {
      const problemNow = payProblem(current.peer.ledger, member, request);
      if (problemNow !== null) return { ok: false, reason: problemNow };
      const entry = await current.peer.pay(request.to, request.amount, request.memo);
      return { ok: true, entry: entryId(entry) };
    });
  }

  async function inviteHere(): Promise<InviteResult> {
    const current = session;
    if (current?.role !== 'leader' || device === undefined || opened === undefined) {
      return { ok: false, reason: 'not-ready' };
    }
    if (!current.peer.ledger.isMember(device.member.did))
      return { ok: false, reason: 'not-member' };
    const relays = current.relays.slice(0, MAX_LINK_RELAYS);
    if (relays.length === 0) return { ok: false, reason: 'no-relay' };
    const randomBytes = init.randomBytes;
    const { invite, invitationKey } = await sign(current.peer, () =>
      current.peer.invite(randomBytes),
    );
    const expiresAt = Math.floor(clock() / 1000) + INVITATION_LIFETIME_SECONDS;
    const base = {
      coop: opened.membership.coop,
      invite: entryId(invite),
      secret: invitationKey.secretKey,
      relays,
      expiresAt,
    };
    const name = cooperativeInfo(current.peer.ledger)?.name;
    let link: string;
    try {
      link = encodeInvitationLink(name === undefined ? base : { ...base, name }, init.appUrl);
    } catch (error) {
      // A name the link cannot carry (too long) is only display: leave it out.
      if (!(error instanceof InvalidInvitationError) || error.field !== 'name') throw error;
      link = encodeInvitationLink(base, init.appUrl);
    }
    return { ok: true, link, expiresAt };
  }

  function answerTab(call: TabCall): Promise<unknown> {
    if (call.op === 'governance') return governance.here(call.call);
    if (call.op === 'accounts') return accounts.here(call.call);
    if (call.op === 'economy') return economy.here(call.call);
    return call.op === 'pay' ? payHere(call.request) : inviteHere();
  }

  /** Resolves when this tab's ledger holds `id` (a follower waiting for the leader's entry). */
  function untilHeld(peer: CooperativePeer, id: string): Promise<void> {
    return new Promise<void>((resolve) => {
      if (peer.ledger.has(id)) {
        resolve();
        return;
      }
      const timer = setTimeout(done, FOLLOWER_ENTRY_WAIT_MS);
      const stop = peer.onLedgerUpdate(() => {
        if (peer.ledger.has(id)) done();
      });
      function done(): void {
        clearTimeout(timer);
        stop();
        resolve();
      }
    });
  }

  // ---- events from the page ---------------------------------------------------------------------

  const onStorage = (event: Event): void => {
    const { key } = event as StorageEvent;
    // Another tab founded or joined: follow it into the cooperative.
    if (key !== MEMBERSHIP_KEY || phase !== 'no-cooperative' || opened !== undefined) return;
    const membership = readMembership(init.storage);
    if (membership !== null)
      void reloadMemberKey()
        .then(() => openRemembered(membership))
        .catch((error: unknown) => log(`could not follow the other tab: ${String(error)}`));
  };

  const onPageHide = (event: Event): void => {
    if ((event as PageTransitionEvent).persisted) return;
    // Going away: tell the other tabs now, and hand the network over without waiting for the
    // browser to notice the lock holder is gone.
    session?.leaveTabs();
    opened?.leadership.stop();
  };

  // ---- the runtime ------------------------------------------------------------------------------

  const runtime: BrowserRuntime = {
    snapshot() {
      cached ??= buildSnapshot();
      return cached;
    },

    balanceOf(did) {
      return shown?.peer.ledger.balanceOf(did) ?? 0;
    },

    paymentRequests: () => requests.paymentRequests(),
    requestPayment: (input) => requests.requestPayment(input),
    approveRequest: (id) => requests.approveRequest(id),
    declineRequest: (id) => requests.declineRequest(id),
    movements: () => requests.movements(),
    ledgerAlerts: () => requests.ledgerAlerts(),
    exportLedger: () => requests.exportLedger(),

    governanceSnapshot: () => governance.governanceSnapshot(),
    proposal: (id) => governance.proposal(id),
    propose: (input) => governance.propose(input),
    vote: (proposal, choice, reason) => governance.vote(proposal, choice, reason),
    giveProxy: (assembly, to) => governance.giveProxy(assembly, to),
    closeVote: (proposal, options) => governance.closeVote(proposal, options),
    proxyOf: (assembly) => governance.proxyOf(assembly),

    accountsSnapshot: () => accounts.accountsSnapshot(),
    openAccount: (input) => accounts.openAccount(input),
    contribute: (account, amount, memo) => accounts.contribute(account, amount, memo),
    requestSpend: (input) => accounts.requestSpend(input),
    approveSpend: (request) => accounts.approveSpend(request),
    createBudget: (input) => accounts.createBudget(input),

    economySnapshot: () => economy.economySnapshot(),
    createCommonServices: () => economy.createCommonServices(),
    proposeServiceChange: (service, title, text) =>
      economy.proposeServiceChange(service, title, text),
    proposeLoan: (input) => economy.proposeLoan(input),
    payOutLoan: (loan) => economy.payOutLoan(loan),
    repayLoan: (loan, amount) => economy.repayLoan(loan, amount),
    createPurchaseRound: (input) => economy.createPurchaseRound(input),
    orderInRound: (round, quantities) => economy.orderInRound(round, quantities),
    closePurchaseRound: (round) => economy.closePurchaseRound(round),
    payPurchaseShare: (round) => economy.payPurchaseShare(round),

    keysSnapshot: () => keys.keysSnapshot(),
    backUpKey: (request) => keys.backUpKey(request),
    restoreKey: (request) => keys.restoreKey(request),

    assembliesSnapshot: () => assemblies.assembliesSnapshot(),
    meeting: (scope, assembly) => assemblies.meeting(scope, assembly),
    createCircle: (name) => assemblies.createCircle(name),
    joinCircle: (circle) => assemblies.joinCircle(circle),
    leaveCircle: (circle) => assemblies.leaveCircle(circle),
    createAssembly: (draft) => assemblies.createAssembly(draft),
    meetingAction: (scope, assembly, action) => assemblies.meetingAction(scope, assembly, action),
    editMinutes: (scope, assembly, edit) => assemblies.editMinutes(scope, assembly, edit),

    projectsSnapshot: () => projects.projectsSnapshot(),
    offerPayments: (listing) => projects.offerPayments(listing),
    createProject: (input) => projects.createProject(input),
    editProject: (project, edit) => projects.editProject(project, edit),
    offerHelp: (input) => projects.offerHelp(input),
    answerHelp: (project, offer, answer) => projects.answerHelp(project, offer, answer),
    addListing: (draft) => projects.addListing(draft),
    closeListing: (id) => projects.closeListing(id),

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async start() {
      if (device !== undefined || stopped) return;
      setPhase('starting');
      try {
        await loadAutomerge();
        const keyStore = await init.openKeyStore();
        const member = await loadOrCreateMemberKey(keyStore, init.randomBytes);
        const deviceKey = await loadOrCreateDeviceKey(keyStore);
        keyStore.close();
        const verifier = await chooseVerifier(init.subtle);
        const documents = init.openDocuments();
        // Opened offline (from the service worker's cache), the last good answer stands in.
        const servingRelays = servingRelaysOrRemembered(
          init.storage,
          await fetchServingRelays(init.fetch, init.origin),
        );
        device = { member, deviceKey, verifier, documents, servingRelays };
      } catch (error) {
        setPhase(
          'failed',
          error instanceof KeyStoreUnavailableError ? 'storage-unavailable' : 'internal-error',
        );
        return;
      }
      init.events.addEventListener('storage', onStorage);
      init.events.addEventListener('pagehide', onPageHide);
      const membership = readMembership(init.storage);
      if (membership === null) setPhase('no-cooperative');
      else await openRemembered(membership);
    },

    async stop() {
      if (stopped) return;
      stopped = true;
      requests.stop();
      profiles.stop();
      assemblies.stop();
      accounts.stop();
      economy.stop();
      projects.stop();
      init.events.removeEventListener('storage', onStorage);
      init.events.removeEventListener('pagehide', onPageHide);
      joinAbort?.abort();
      clearTimeout(networkReport);
      detach?.();
      detach = undefined;
      opened?.leadership.stop();
      opened?.channel.close();
      await roleQueue;
      const current = session;
      session = null;
      await current?.stop();
      changed();
    },

    inspect() {
      return {
        session,
        joiningNode,
        verifierBackend: device?.verifier.backend ?? null,
        leadership: opened?.leadership.kind ?? null,
        relays: session?.relays ?? allRelays(),
      };
    },

    connections() {
      const node = session?.role === 'leader' ? session.node : joiningNode;
      return node === null ? [] : connectionFacts(node, session?.relays ?? allRelays());
    },

    async pay(request) {
      const current = session;
      if (phase !== 'ready' || current === null || device === undefined) {
        return { ok: false, reason: 'not-ready' };
      }
      // A restored key signs nothing before this device holds its feed: see keys.ts.
      if (keys.keysSnapshot().signing === 'syncing') return { ok: false, reason: 'not-ready' };
      const reason = payProblem(current.peer.ledger, device.member.did, request);
      if (reason !== null) return { ok: false, reason };
      if (current.role === 'leader' || opened === undefined) return payHere(request);
      const result = await opened.channel.call({ op: 'pay', request });
      if (result.ok) await untilHeld(current.peer, result.entry);
      return result;
    },

    async invite() {
      const current = session;
      if (phase !== 'ready' || current === null || device === undefined) {
        return { ok: false, reason: 'not-ready' };
      }
      if (keys.keysSnapshot().signing === 'syncing') return { ok: false, reason: 'not-ready' };
      if (!current.peer.ledger.isMember(device.member.did))
        return { ok: false, reason: 'not-member' };
      if (current.role === 'leader' || opened === undefined) return inviteHere();
      return opened.channel.call({ op: 'invite' });
    },

    async found(request: FoundRequest): Promise<FoundResult> {
      if (device === undefined) return { ok: false, reason: 'not-ready' };
      if (readMembership(init.storage) !== null || opened !== undefined) {
        return { ok: false, reason: 'already-member' };
      }
      if (phase !== 'no-cooperative') return { ok: false, reason: 'not-ready' };
      const { founderName } = request;
      if (founderName !== undefined && !isOwnProfileName(founderName)) {
        return { ok: false, reason: 'invalid-details' };
      }
      setPhase('founding');
      // The cooperative's id is its genesis's, known only once foundCooperative has signed it,
      // and the node's discovery topic derives from that id: found on a node that never starts,
      // save, and open the new cooperative like any remembered one.
      const node = await createBrowserPeer({
        privateKey: device.deviceKey,
        relays: [],
        start: false,
      });
      let membership: Membership;
      try {
        const peer = await foundCooperative({
          node,
          member: device.member,
          verifier: device.verifier,
          storage: device.documents,
          name: request.name,
          currency: request.currency,
          creditLimit: request.creditLimit,
          clock: () => new Date(clock()),
        });
        membership = { coop: peer.coop, rootUrl: peer.rootUrl, relays: [] };
        // The genesis names only the cooperative: the founder's name is their signed profile.
        if (founderName !== undefined) writeOwnProfile(peer, device.member, founderName, clock());
        await peer.stop(); // saves both documents first
      } catch (error) {
        setPhase('no-cooperative');
        if (error instanceof InvalidEntryError) return { ok: false, reason: 'invalid-details' };
        throw error;
      } finally {
        await node.stop();
      }
      writeMembership(init.storage, membership);
      await openRemembered(membership);
      return { ok: true, coop: membership.coop };
    },

    async join(request: JoinRequest): Promise<JoinResult> {
      if (device === undefined) return { ok: false, reason: 'not-ready' };
      if (readMembership(init.storage) !== null || opened !== undefined) {
        return { ok: false, reason: 'already-member' };
      }
      if (phase !== 'no-cooperative') return { ok: false, reason: 'not-ready' };
      const parsed = parseInvitationLink(request.link, { now: clock() });
      if (!parsed.ok) {
        return { ok: false, reason: parsed.reason === 'expired' ? 'expired' : 'invalid-link' };
      }
      const invitation = parsed.invitation;
      let join: JoinEntry;
      try {
        join = createJoin(device.member, invitationKeyPair(invitation), {
          coop: invitation.coop,
          invite: invitation.invite,
          name: request.name.trim(),
          ts: formatTimestamp(new Date(clock())),
        });
      } catch (error) {
        if (error instanceof InvalidEntryError) return { ok: false, reason: 'invalid-name' };
        throw error;
      }

      setPhase('joining');
      joinProgress = { coop: invitation.coop, state: 'waiting-for-member', lastRefusal: null };
      // The network is this tab's to run only if no other tab of the profile runs it.
      let decide: (leading: boolean) => void = () => undefined;
      const first = new Promise<boolean>((resolve) => (decide = resolve));
      const joining = openCooperative(
        { coop: invitation.coop, rootUrl: PENDING_ROOT, relays: invitation.relays },
        (leading) => decide(leading),
      );
      const fail = async (reason: JoinProblem, node?: IntegraleNode): Promise<JoinResult> => {
        joiningNode = null;
        joinProgress = null;
        joinAbort = undefined;
        joining.leadership.stop();
        joining.channel.close();
        opened = undefined;
        await node?.stop();
        setPhase('no-cooperative');
        return { ok: false, reason };
      };
      if (!(await first)) return fail('busy');

      const relays = allRelays(invitation.relays);
      const node = await createBrowserPeer({
        privateKey: device.deviceKey,
        relays,
        discoveryTopic: discoveryTopic(invitation.coop),
      });
      joiningNode = node;
      joinAbort = new AbortController();
      const onNetwork = (): void => changed();
      node.addEventListener('connection:open', onNetwork);
      node.addEventListener('connection:close', onNetwork);
      changed();
      let admission: Admission;
      try {
        admission = await askToJoin({
          node,
          join,
          skip: new Set(relays.map(relayPeerId)),
          signal: joinAbort.signal,
          onRefusal: (reason) => {
            if (TRANSIENT_REFUSALS.has(reason) || joinProgress === null) return;
            joinProgress = { ...joinProgress, lastRefusal: reason };
            changed();
          },
        });
      } catch (error) {
        if (error instanceof JoinCancelledError) return fail('cancelled', node);
        if (error instanceof JoinRefusedError) return fail(error.reason as JoinProblem, node);
        await fail('not-ready', node);
        throw error;
      } finally {
        node.removeEventListener('connection:open', onNetwork);
        node.removeEventListener('connection:close', onNetwork);
      }

      // Admitted: this device is a member now, whatever happens next.
      joinAbort = undefined;
      joinProgress = { ...joinProgress, state: 'admitted' };
      const membership: Membership = {
        coop: invitation.coop,
        rootUrl: admission.rootUrl,
        relays: invitation.relays,
      };
      joining.membership = membership;
      changed();
      const bootstrap = [admission.admittedBy];
      let next: Session;
      try {
        next = sessionOf(
          'leader',
          await openCooperativePeer({
            node,
            member: device.member,
            verifier: device.verifier,
            storage: device.documents,
            coop: membership.coop,
            rootUrl: membership.rootUrl,
            bootstrapPeers: bootstrap,
            readyTimeoutMs: JOIN_READY_TIMEOUT_MS,
          }),
          node,
          relays,
        );
      } catch (error) {
        // See join.ts. The repo that gave up on the document is still running on the node,
        // syncing with the admitting peer and saving what arrives: once both documents are
        // stored, stop that node and open them from storage (a fresh node would have to wait
        // for the others to dial it again before any document could come).
        log(`admitted, but the first opening failed (${String(error)}): waiting for storage`);
        const stored = await untilDocumentsStored(device.documents, membership.rootUrl);
        await node.stop();
        joiningNode = null;
        try {
          next = await openLeaderSession(membership, sessionDeps(), bootstrap);
        } catch (again) {
          log(
            `admitted, but the documents could not be opened (stored: ${stored}): ${String(again)}`,
          );
          writeMembership(init.storage, membership); // a reload tries again
          joining.onRole = enqueueRole;
          setPhase('failed', 'documents-unavailable');
          return { ok: false, reason: 'not-ready' };
        }
      }
      await next.peer.repo.flush();
      writeMembership(init.storage, membership);
      // The competition goes on under the real membership; its later decisions apply normally
      // (a lease conflict may still hand the network to another tab).
      joining.onRole = enqueueRole;
      joiningNode = null;
      install(next);
      if (joining.leading === false) enqueueRole(false);
      return { ok: true, coop: invitation.coop };
    },

    cancelJoin() {
      joinAbort?.abort();
    },

    async addRelay(address): Promise<AddRelayResult> {
      if (!isRelayAddress(address)) return { ok: false, reason: 'invalid-address' };
      const relays = readUserRelays(init.storage);
      if (!relays.includes(address)) writeUserRelays(init.storage, [...relays, address]);
      // The reconnector takes its relays when the node is made: a leader restarts its session.
      if (session?.role === 'leader' && !session.relays.includes(address)) {
        const current = session;
        roleQueue = roleQueue.then(async () => {
          if (session !== current) return;
          detach?.();
          detach = undefined;
          session = null;
          await current.stop();
          await applyRole('leader');
        });
        await roleQueue;
      }
      changed();
      return { ok: true };
    },
  };
  return runtime;
}
