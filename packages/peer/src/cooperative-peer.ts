import {
  Repo,
  type AutomergeUrl,
  type DocHandle,
  type PeerId,
  type StorageAdapterInterface,
} from '@automerge/automerge-repo';
import {
  createDeviceCertificate,
  generateKeyPair,
  type DeviceCertificate,
  type KeyPair,
  type RandomBytes,
  type SignatureVerifier,
} from '@integrale/identity';
import {
  approveSpend,
  createAccept,
  createAccount,
  createBallot,
  createContribution,
  createSpend,
  prepareSpend,
  createGenesis,
  createInvite,
  createJoin,
  createLedger,
  createLimit,
  createOutcome,
  createPay,
  createProposal,
  createProxy,
  entryId,
  formatTimestamp,
  type AccountEntry,
  type AccountKind,
  type BallotEntry,
  type ContributeEntry,
  type Choice,
  type Currency,
  type Entry,
  type FeedHead,
  type InviteEntry,
  type JoinEntry,
  type Ledger,
  type OutcomeEntry,
  type PayEntry,
  type ProposalEntry,
  type ProxyEntry,
  type Sha256Hex,
} from '@integrale/ledger';
import { createLibp2pNetworkAdapter, type Libp2pNetworkAdapter } from '@integrale/sync';
import type { Libp2p } from '@libp2p/interface';
import { handleJoinRequests, requestJoin, type JoinAnswer } from './join-protocol.js';
import { createLedgerCarrier, type LedgerCarrier, type LedgerDoc } from './ledger-carrier.js';
import { createMembershipGate, type MembershipGate } from './membership-gate.js';
import { registerDevice, type DeviceMap } from './device-registry.js';
import {
  approvalsToWrite,
  rulesForNextSpend,
  rulesOfSpend,
  createSpendRequest,
  readSpendRequests,
  writeSpendApproval,
  writeSpendRequest,
  type SpendRequestView,
  type SpendRequestsDoc,
} from './spend-requests.js';
import {
  countVote,
  limitToTakeUp,
  removedMembers,
  type Closing,
  type ProposalDraft,
} from './governance.js';
import type { RequestMap } from './payment-requests.js';
import type { ProfileMap } from './profiles.js';
import { emptyScopeDoc, FEDERATION, type CircleRecord } from './circles.js';
import { openCommonServices, type ServiceRecord } from './services.js';
import type { BudgetsDoc } from './budgets.js';

/*
 * A member's peer in one cooperative: the repo (with the members-only policy), the ledger read
 * from its carrier document, the join handler, and the automatic accept of incoming payments.
 * The same composition runs in a browser tab and in an always-on Node peer; only the libp2p node
 * and the storage adapter differ.
 */

/** The cooperative's root document: soft data that points to everything else. */
export interface RootDoc extends SpendRequestsDoc, BudgetsDoc {
  v: 1;
  /** The genesis id. */
  coop: string;
  /** The cooperative's name, as the genesis gives it. */
  name: string;
  /** The ledger's carrier document. */
  ledger: AutomergeUrl;
  /** Signed payment requests and declines, by record id (see payment-requests.ts). */
  requests?: RequestMap;
  /** Each member's signed profile (their name), by did (see profiles.ts). */
  profiles?: ProfileMap;
  /** Device certificates by device PeerId: the devices in use (see device-registry.ts). */
  devices?: DeviceMap;
  /** Local circles by id: name, document, members (see circles.ts). */
  circles?: Record<string, CircleRecord>;
  /** The federation level's document (its assemblies; see circles.ts). */
  federation?: AutomergeUrl;
  /** Each scope's projects document, by scope (see projects.ts). */
  projects?: Record<string, AutomergeUrl>;
  /** The offers-and-wants directory's document (see market.ts). */
  market?: AutomergeUrl;
  /** The common services by id: their accounts (see services.ts). */
  services?: Record<string, ServiceRecord>;
  /** Signed purchase rounds, orders and closes by record id (see purchases.ts). */
  purchases?: Record<string, unknown>;
}

/** A collective account as a member opens it (this member must be among the stewards). */
export interface AccountFields {
  readonly name: string;
  readonly kind: AccountKind;
  readonly scope: string;
  readonly stewards: readonly string[];
  readonly threshold: number;
}

/** A spend from a collective account, as a member asks for it. */
export interface SpendDraft {
  readonly account: string;
  /** A member's did:key, or another account's id. */
  readonly to: string;
  readonly amount: number;
  readonly memo: string;
  /** An adopted decision authorising exactly this spend (no approvals needed then). */
  readonly decision?: string | null;
}

/** What a peer needs in every case. */
export interface CooperativePeerBase {
  /** This device's libp2p node (started or not); its PeerId is the repo's PeerId. */
  readonly node: Libp2p;
  /** The member's key: it signs this member's entries and certifies this device. */
  readonly member: KeyPair;
  readonly verifier: SignatureVerifier;
  /** Where documents persist (IndexedDB in a browser, the filesystem on Node); none keeps them in memory. */
  readonly storage?: StorageAdapterInterface;
  /** The clock, for `ts` fields (informative only). */
  readonly clock?: () => Date;
  readonly sha256Hex?: Sha256Hex;
  /** Sign an `accept` as soon as a valid payment to this member is seen (default true). */
  readonly autoAccept?: boolean;
  /**
   * Take up in this member's feed, as soon as it is seen, the credit limit the cooperative
   * decided for them (default true; see governance.ts).
   */
  readonly autoTakeUpLimits?: boolean;
  /** How long the network adapter waits for a first peer before saying it is ready. */
  readonly readyTimeoutMs?: number;
  /**
   * Peers trusted until this device holds the cooperative's valid genesis (see
   * `MembershipGate.vouch`): for a newcomer, the member's peer that admitted it.
   */
  readonly bootstrapPeers?: readonly string[];
  /**
   * Write this device's certificate into the root document's `devices` on opening (default
   * true). A follower tab's peer, whose PeerId is a throwaway key, says false.
   */
  readonly registerDevice?: boolean;
}

/** Opening a cooperative this device already belongs to. */
export interface CooperativePeerInit extends CooperativePeerBase {
  readonly coop: string;
  readonly rootUrl: AutomergeUrl;
}

/** A running member's peer. */
export interface CooperativePeer {
  readonly coop: string;
  readonly rootUrl: AutomergeUrl;
  readonly repo: Repo;
  readonly ledger: Ledger;
  readonly gate: MembershipGate;
  readonly adapter: Libp2pNetworkAdapter;
  root(): DocHandle<RootDoc>;
  /** Pays another member; resolves once the signed entry is in the ledger and its document. */
  pay(to: string, amount: number, memo: string): Promise<PayEntry>;
  /** Writes an invite; returns it with the one-time invitation key to hand to the newcomer. */
  invite(randomBytes: RandomBytes): Promise<{ invite: InviteEntry; invitationKey: KeyPair }>;
  /** Signs a proposal (or an amendment) in this member's feed. */
  propose(draft: ProposalDraft): Promise<ProposalEntry>;
  /** Signs a ballot; a later one on the same proposal replaces it. */
  vote(proposal: string, choice: Choice, reason: string): Promise<BallotEntry>;
  /** Gives this member's vote to `to` for an assembly, or takes it back (`null`). */
  giveProxy(assembly: string, to: string | null): Promise<ProxyEntry>;
  /** How the vote on a proposal stands over what this device holds (`null`: not held). */
  count(proposal: string): Closing | null;
  /**
   * Closes a vote: counts what this device holds and signs the outcome (`withdraw`: the
   * proposer withdraws it instead). Rejects when the proposal is not held as valid.
   */
  close(proposal: string, options?: { readonly withdraw?: boolean }): Promise<OutcomeEntry>;
  /** Opens a collective account with this member among its stewards (acct/1). */
  openAccount(fields: AccountFields): Promise<AccountEntry>;
  /** Pays into a collective account. */
  contribute(account: string, amount: number, memo: string): Promise<ContributeEntry>;
  /**
   * Prepares a spend from a collective account (at the head of its chain, taking in what it
   * received since) and puts it up for approval; a steward preparing it approves it at once.
   * This device writes it into this member's feed once enough stewards have approved (or at
   * once, with a `decision` authorising it). Resolves with the request's id.
   */
  requestSpend(spend: SpendDraft): Promise<string>;
  /** Approves a spend request as one of its account's stewards. */
  approveSpend(requestId: string): Promise<void>;
  /** Every spend request of the cooperative, checked, with its approvals and state. */
  spendRequests(): Promise<SpendRequestView[]>;
  /** Resolves when the ledger document's pending changes are processed. */
  settled(): Promise<void>;
  /** Registers a listener for every ledger update; returns a function that removes it. */
  onLedgerUpdate(listener: () => void): () => void;
  stop(): Promise<void>;
}

const now = () => new Date();

/** The parts every peer has before its documents are known. */
interface PeerCore {
  readonly init: CooperativePeerBase;
  readonly coop: string;
  readonly ledger: Ledger;
  readonly gate: MembershipGate;
  readonly adapter: Libp2pNetworkAdapter;
  readonly repo: Repo;
  readonly ts: () => string;
  readonly certificate: DeviceCertificate;
}

function createCore(init: CooperativePeerBase, coop: string): PeerCore {
  const clock = init.clock ?? now;
  const ts = () => formatTimestamp(clock());
  const ledger = createLedger({
    coop,
    verifier: init.verifier,
    ...(init.sha256Hex ? { sha256Hex: init.sha256Hex } : {}),
  });
  const gate = createMembershipGate({ coop, ledger, verifier: init.verifier });
  for (const peerId of init.bootstrapPeers ?? []) gate.vouch(peerId);
  const device = init.node.peerId.toString();
  const certificate = createDeviceCertificate(init.member, { coop, device, ts: ts() });
  const adapter = createLibp2pNetworkAdapter({
    node: init.node,
    credential: () => certificate,
    authorizePeer: (peer) => gate.authorizePeer(peer),
    mayReceive: (peerId, message) => gate.mayReceive(peerId, message),
    ...(init.readyTimeoutMs === undefined ? {} : { readyTimeoutMs: init.readyTimeoutMs }),
  });
  const repo = new Repo({
    network: [adapter],
    ...(init.storage ? { storage: init.storage } : {}),
    peerId: device as PeerId,
    shareConfig: gate.shareConfig,
  });
  return { init, coop, ledger, gate, adapter, repo, ts, certificate };
}

/** Wires the carrier, the join handler and auto-accept around a core and its documents. */
async function assemble(
  core: PeerCore,
  rootHandle: DocHandle<RootDoc>,
  ledgerHandle: DocHandle<LedgerDoc>,
  firstEntries: readonly Entry[] = [],
): Promise<CooperativePeer> {
  const { init, coop, ledger, ts } = core;
  const listeners = new Set<() => void>();
  let accepting: Promise<void> = Promise.resolve();
  /**
   * Every entry this device signs goes through this queue: each reads the feed head the one
   * before it wrote, so two calls at once (or a payment racing an automatic accept) never sign
   * two entries at one seq — which would be a fork of this member's own feed.
   */
  let signing: Promise<unknown> = Promise.resolve();
  function signInTurn<T>(task: () => Promise<T>): Promise<T> {
    const run = signing.then(async () => {
      await carrier.settled();
      return task();
    });
    signing = run.catch(() => undefined);
    return run;
  }
  /** Members and removed members, as last told to the repo. */
  let memberCount = '';

  const carrier: LedgerCarrier = createLedgerCarrier({
    handle: ledgerHandle,
    ledger,
    ...(init.sha256Hex ? { sha256Hex: init.sha256Hex } : {}),
    onUpdate: () => {
      // Who may see the documents follows membership: let the repo re-ask the gate.
      const members = `${ledger.members().length}/${removedMembers(ledger).size}`;
      if (members !== memberCount) {
        memberCount = members;
        core.repo.shareConfigChanged();
      }
      if (init.autoAccept !== false)
        accepting = accepting.then(() => signInTurn(acceptIncoming)).catch(() => undefined);
      if (init.autoTakeUpLimits !== false)
        accepting = accepting.then(() => signInTurn(takeUpLimit)).catch(() => undefined);
      // A spend request may have become ready (or stale) with what the ledger now holds. A peer
      // that accepts nothing by itself (a follower tab) writes no spend either: only one tab of a
      // member signs, or two would write the same spend at one seq — a fork of their feed.
      if (init.autoAccept !== false)
        accepting = accepting.then(() => signInTurn(writeReadySpends)).catch(() => undefined);
      for (const listener of listeners) listener();
    },
  });

  /** The payee's device signs `accept` for each valid payment it has not accepted yet. */
  async function acceptIncoming(): Promise<void> {
    for (const pay of ledger.unacceptedPaysTo(init.member.did)) {
      const head = ledger.feedHead(init.member.did);
      if (head === undefined) return;
      await carrier.append(createAccept(init.member, head, { coop, pay, ts: ts() }));
    }
  }

  /** Writes this member's spend requests that have gathered enough approvals. */
  async function writeReadySpends(): Promise<void> {
    const doc = rootHandle.doc();
    const views = await readSpendRequests(doc, {
      coop,
      ledger,
      verifier: init.verifier,
      preparedBy: init.member.did,
    });
    for (const view of views) {
      if (view.state !== 'ready' || view.request.by !== init.member.did) continue;
      const head = ledger.feedHead(init.member.did);
      if (head === undefined) return;
      const approvals = approvalsToWrite(view, doc);
      await carrier.append(createSpend(init.member, head, view.request.spend, approvals, ts()));
    }
  }
  const onRootChange = (): void => {
    if (init.autoAccept === false) return;
    accepting = accepting.then(() => signInTurn(writeReadySpends)).catch(() => undefined);
  };
  rootHandle.on('change', onRootChange);

  /** Takes up the credit limit decided for this member, when their feed follows an older one. */
  async function takeUpLimit(): Promise<void> {
    const decided = limitToTakeUp(ledger, init.member.did);
    const head = ledger.feedHead(init.member.did);
    if (decided === null || head === undefined) return;
    await carrier.append(createLimit(init.member, head, { coop, ts: ts(), ...decided }));
  }

  /** Signs one governance entry in turn, built on the current head of this member's feed. */
  function signGovernance<E extends Entry>(build: (head: FeedHead) => E): Promise<E> {
    return signInTurn(async () => {
      const entry = build(ownHead());
      await carrier.append(entry);
      return entry;
    });
  }

  await carrier.start();
  if (init.registerDevice !== false) {
    await registerDevice(rootHandle, core.certificate, { coop, verifier: init.verifier });
  }
  for (const entry of firstEntries) await carrier.append(entry);
  const stopJoins = await handleJoinRequests({
    node: init.node,
    ledger,
    admit: (join: JoinEntry) => carrier.append(join),
    rootUrl: () => rootHandle.url,
  });

  function ownHead() {
    const head = ledger.feedHead(init.member.did);
    if (head === undefined) throw new Error('this member has no valid entry in the ledger yet');
    return head;
  }

  return {
    coop,
    rootUrl: rootHandle.url,
    repo: core.repo,
    ledger,
    gate: core.gate,
    adapter: core.adapter,
    root: () => rootHandle,
    pay(to, amount, memo) {
      return signInTurn(async () => {
        const entry = createPay(init.member, ownHead(), { coop, to, amount, memo, ts: ts() });
        await carrier.append(entry);
        return entry;
      });
    },
    invite(randomBytes) {
      return signInTurn(async () => {
        const invitationKey = generateKeyPair(randomBytes);
        const entry = createInvite(init.member, ownHead(), {
          coop,
          invitee: invitationKey.did,
          ts: ts(),
        });
        await carrier.append(entry);
        return { invite: entry, invitationKey };
      });
    },
    propose(draft) {
      return signGovernance((head) =>
        createProposal(init.member, head, { coop, ts: ts(), ...draft }),
      );
    },
    vote(proposal, choice, reason) {
      return signGovernance((head) =>
        createBallot(init.member, head, { coop, ts: ts(), proposal, choice, reason }),
      );
    },
    giveProxy(assembly, to) {
      return signGovernance((head) =>
        createProxy(init.member, head, { coop, ts: ts(), assembly, to }),
      );
    },
    count: (proposal) => countVote(ledger, proposal),
    openAccount(fields) {
      return signGovernance((head) =>
        createAccount(init.member, head, { coop, ts: ts(), ...fields }),
      );
    },
    contribute(account, amount, memo) {
      return signGovernance((head) =>
        createContribution(init.member, head, { coop, ts: ts(), account, amount, memo }),
      );
    },
    async requestSpend(draft) {
      // Read the account's chain once this device has processed what it received.
      await carrier.settled();
      const head = ledger.accountHead(draft.account);
      const spend = prepareSpend({
        coop,
        account: draft.account,
        accountSeq: (head?.accountSeq ?? 0) + 1,
        accountPrev: head?.id ?? null,
        to: draft.to,
        amount: draft.amount,
        memo: draft.memo,
        receipts: ledger.untakenReceipts(draft.account),
        decision: draft.decision ?? null,
        rules: rulesForNextSpend(ledger, draft.account),
      });
      const request = createSpendRequest(init.member, spend, ts());
      const id = writeSpendRequest(rootHandle, request);
      const account = ledger
        .validGovernance('account')
        .find((candidate) => candidate.id === draft.account)?.entry;
      // A steward under the rules this spend follows approves it at once.
      const rules = account === undefined ? undefined : rulesOfSpend(ledger, spend, account);
      if (rules?.stewards.includes(init.member.did) === true && spend.decision === null) {
        writeSpendApproval(rootHandle, id, init.member.did, approveSpend(init.member, spend));
      }
      return id;
    },
    async approveSpend(requestId) {
      const views = await readSpendRequests(rootHandle.doc(), {
        coop,
        ledger,
        verifier: init.verifier,
      });
      const view = views.find((candidate) => candidate.id === requestId);
      if (view === undefined) throw new Error('no such spend request');
      if (!view.rules.stewards.includes(init.member.did))
        throw new Error('only a steward of the account approves its spends');
      const signature = approveSpend(init.member, view.request.spend);
      writeSpendApproval(rootHandle, requestId, init.member.did, signature);
    },
    spendRequests: () =>
      readSpendRequests(rootHandle.doc(), { coop, ledger, verifier: init.verifier }),
    close(proposal, options = {}) {
      return signGovernance((head) => {
        const closing = countVote(ledger, proposal);
        if (closing === null) throw new Error('this device holds no valid proposal with this id');
        return createOutcome(init.member, head, {
          coop,
          ts: ts(),
          proposal,
          ballots: closing.ballots,
          proxies: closing.proxies,
          result: options.withdraw === true ? 'withdrawn' : closing.result,
          counts: closing.counts,
        });
      });
    },
    async settled() {
      await carrier.settled();
      await accepting;
      await carrier.settled();
    },
    onLedgerUpdate(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stop() {
      rootHandle.off('change', onRootChange);
      carrier.stop();
      await stopJoins();
      await core.repo.shutdown();
    },
  };
}

/** Opens a cooperative this device belongs to (its documents are in storage or with peers). */
export async function openCooperativePeer(init: CooperativePeerInit): Promise<CooperativePeer> {
  const core = createCore(init, init.coop);
  const rootHandle = await core.repo.find<RootDoc>(init.rootUrl);
  const ledgerHandle = await core.repo.find<LedgerDoc>(rootHandle.doc().ledger);
  return assemble(core, rootHandle, ledgerHandle);
}

/** Founding a cooperative: the founder's genesis and the first documents. */
export interface FoundCooperativeInit extends CooperativePeerBase {
  readonly name: string;
  readonly currency: Currency;
  readonly creditLimit: number;
  /** Open the common services' accounts at founding (default true; see services.ts). */
  readonly commonServices?: boolean;
}

/** Creates a cooperative: the founder's genesis, the root and ledger documents, the founder's peer. */
export async function foundCooperative(init: FoundCooperativeInit): Promise<CooperativePeer> {
  const clock = init.clock ?? now;
  const genesis = createGenesis(init.member, {
    name: init.name,
    currency: init.currency,
    creditLimit: init.creditLimit,
    ts: formatTimestamp(clock()),
  });
  const coop = entryId(genesis);
  const core = createCore(init, coop);
  const ledgerHandle = core.repo.create<LedgerDoc>({ entries: {} });
  const federationHandle = core.repo.create(emptyScopeDoc(FEDERATION));
  const rootHandle = core.repo.create<RootDoc>({
    v: 1,
    coop,
    name: init.name,
    ledger: ledgerHandle.url,
    // Every map members add to is made here, by the founder alone: two devices making the same
    // map at once would make two objects at one key, and Automerge keeps only one of them.
    devices: {},
    requests: {},
    profiles: {},
    circles: {},
    spendRequests: {},
    spendApprovals: {},
    budgets: {},
    federation: federationHandle.url,
    services: {},
    purchases: {},
  });
  const peer = await assemble(core, rootHandle, ledgerHandle, [genesis]);
  // The six common services' accounts, stewarded by the founder (services.ts).
  if (init.commonServices !== false) await openCommonServices(peer, init.member.did, entryId);
  return peer;
}

/** What a newcomer holds from an invitation. */
export interface JoinCooperativeInit extends CooperativePeerBase {
  readonly coop: string;
  /** Id of the invite entry. */
  readonly invite: string;
  /** The one-time invitation key (from the invitation link's secret). */
  readonly invitationKey: KeyPair;
  /** The newcomer's name. */
  readonly name: string;
  /** Called with each refusal while no member has admitted the newcomer yet. */
  readonly onRefusal?: (answer: JoinAnswer) => void;
  readonly signal?: AbortSignal;
}

/**
 * The newcomer's side: signs its join, asks each connected peer in turn until a member admits
 * it, then opens the cooperative. Keeps trying (as peers connect) until admitted or aborted.
 */
export async function joinCooperative(init: JoinCooperativeInit): Promise<CooperativePeer> {
  const clock = init.clock ?? now;
  const join = createJoin(init.member, init.invitationKey, {
    coop: init.coop,
    invite: init.invite,
    name: init.name,
    ts: formatTimestamp(clock()),
  });
  for (;;) {
    if (init.signal?.aborted) throw new Error('joining was cancelled');
    for (const connection of init.node.getConnections()) {
      if (connection.limits != null) continue;
      const answer = await requestJoin(init.node, connection.remotePeer, join);
      if (answer.ok) {
        return openCooperativePeer({
          ...init,
          coop: init.coop,
          rootUrl: answer.root as AutomergeUrl,
          bootstrapPeers: [connection.remotePeer.toString()],
        });
      }
      init.onRefusal?.(answer);
      if (
        answer.reason === 'invite-used' ||
        answer.reason === 'bad-proof' ||
        answer.reason === 'malformed'
      ) {
        throw new Error(`the invitation was refused: ${answer.reason}`);
      }
    }
    await new Promise<void>((resolve) => {
      const done = () => {
        init.node.removeEventListener('connection:open', done);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(done, 2_000);
      init.node.addEventListener('connection:open', done);
    });
  }
}
