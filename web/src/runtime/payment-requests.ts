import type { DocHandle } from '@automerge/automerge-repo/slim';
import type { KeyPair, SignatureVerifier } from '@integrale/identity';
import { codePointLength, formatTimestamp } from '@integrale/ledger';
import {
  MAX_REQUEST_MEMO,
  createPaymentRequest,
  createRequestBook,
  createRequestDecline,
  paymentRequestStatuses,
  requestPayMemo,
  writeRequestRecord,
  type CooperativePeer,
  type RequestBook,
  type RequestRecord,
  type RequestsDoc,
} from '@integrale/peer';
import type {
  ApproveResult,
  PaymentRequestInput,
  PaymentRequestView,
  RequestProblem,
  RequestResult,
  RequestsRuntime,
} from '../app/runtime-requests.js';
import type { PayRequest, PayResult } from '../app/runtime.js';
import { ledgerAlerts, type LedgerAlert } from '../ledger/alerts.js';
import { ledgerJsonLines } from '../ledger/ledger-export.js';
import type { Movement } from '../ledger/statement.js';
import { memberMovements, type EntryIdCache } from './ledger-views.js';

/*
 * The browser runtime's part for payment requests, statements, the export and the alerts, over
 * the peer whose data the screens show. Requests and declines are signed here, in any tab: they
 * are not entries of the member's feed, so a follower tab signing one cannot fork it. Approving
 * is a payment, and goes through the runtime's `pay` (which hands it to the leader tab).
 *
 * Records in the root document are verified asynchronously (signature checks may be), once per
 * record; what the screens read is the last verified set, cached until the next change.
 */

/** What the requests part needs from the runtime around it. */
export interface RequestsSideInit {
  /** The peer whose data the screens show, or `null`. */
  readonly peer: () => CooperativePeer | null;
  /** This member's key, once loaded. */
  readonly member: () => KeyPair | null;
  readonly verifier: () => SignatureVerifier | null;
  /** The runtime's payment (checks, signing in turn, the leader tab). */
  readonly pay: (request: PayRequest) => Promise<PayResult>;
  /** Registers a listener called first on each change of the runtime (caches go stale there). */
  readonly subscribe: (listener: () => void) => () => void;
  /** Tells the screens something changed. */
  readonly changed: () => void;
  /** Milliseconds since 1970. */
  readonly clock: () => number;
  readonly log: (message: string) => void;
  readonly entryIds?: EntryIdCache;
}

/** The requests part, with what the runtime calls when it stops. */
export interface RequestsSide extends RequestsRuntime {
  stop(): void;
}

interface Attached {
  readonly peer: CooperativePeer;
  readonly book: RequestBook;
  records: Map<string, RequestRecord>;
  reading: Promise<void>;
  readonly stop: () => void;
}

/** Creates the requests part of a browser runtime. */
export function createRequestsSide(init: RequestsSideInit): RequestsSide {
  const entryIds: EntryIdCache = init.entryIds ?? new WeakMap();
  let attached: Attached | null = null;
  let statuses: PaymentRequestView[] | undefined;
  let alerts: LedgerAlert[] | undefined;
  let movements: Movement[] | undefined;
  const unsubscribe = init.subscribe(() => {
    statuses = undefined;
    alerts = undefined;
    movements = undefined;
  });

  function rootOf(peer: CooperativePeer): DocHandle<RequestsDoc> {
    return peer.root() as unknown as DocHandle<RequestsDoc>;
  }

  function reread(current: Attached): Promise<void> {
    current.reading = current.reading
      .then(async () => {
        const records = await current.book.read(rootOf(current.peer).doc()?.requests);
        if (attached !== current) return;
        current.records = records;
        init.changed();
      })
      .catch((error: unknown) => init.log(`could not read payment requests: ${String(error)}`));
    return current.reading;
  }

  /** Follows the shown peer's root document (a new session brings a new peer). */
  function current(): Attached | null {
    const peer = init.peer();
    const verifier = init.verifier();
    if (peer === attached?.peer) return attached;
    attached?.stop();
    attached = null;
    if (peer === null || verifier === null) return null;
    const handle = rootOf(peer);
    const onChange = (): void => {
      if (next !== null) void reread(next);
    };
    handle.on('change', onChange);
    const next: Attached = {
      peer,
      book: createRequestBook({ coop: peer.coop, verifier }),
      records: new Map(),
      reading: Promise.resolve(),
      stop: () => handle.off('change', onChange),
    };
    attached = next;
    void reread(next);
    return next;
  }

  function views(): PaymentRequestView[] {
    const here = current();
    const self = init.member()?.did;
    if (here === null || self === undefined) return [];
    statuses ??= paymentRequestStatuses(here.records, here.peer.ledger)
      .filter(({ request }) => request.from === self || request.to === self)
      .map(({ id, request, state, payEntry }) => ({
        id,
        from: request.from,
        to: request.to,
        amount: request.amount,
        memo: request.memo,
        ts: request.ts,
        state,
        payEntry,
      }));
    return statuses;
  }

  function requestProblem(
    here: Attached | null,
    self: string | undefined,
    input: PaymentRequestInput,
  ): RequestProblem | null {
    if (here === null || self === undefined) return 'not-ready';
    const ledger = here.peer.ledger;
    if (!ledger.isMember(self)) return 'not-member';
    if (input.to === self) return 'self-request';
    if (typeof input.to !== 'string' || !ledger.isMember(input.to)) return 'unknown-member';
    if (!Number.isSafeInteger(input.amount) || input.amount < 1 || input.amount > 1e12) {
      return 'invalid-amount';
    }
    if (typeof input.memo !== 'string') return 'memo-too-long';
    const length = codePointLength(input.memo);
    if (length < 0 || length > MAX_REQUEST_MEMO) return 'memo-too-long';
    return null;
  }

  /** Writes a signed record and waits until it is stored and read back. */
  async function publish(here: Attached, record: RequestRecord): Promise<string> {
    const id = writeRequestRecord(rootOf(here.peer), record);
    await here.peer.repo.flush();
    await reread(here);
    return id;
  }

  return {
    paymentRequests: views,

    async requestPayment(input): Promise<RequestResult> {
      const here = current();
      const member = init.member();
      const reason = requestProblem(here, member?.did, input);
      if (reason !== null || here === null || member === null) {
        return { ok: false, reason: reason ?? 'not-ready' };
      }
      const record = createPaymentRequest(member, {
        coop: here.peer.coop,
        to: input.to,
        amount: input.amount,
        memo: input.memo,
        ts: formatTimestamp(new Date(init.clock())),
      });
      return { ok: true, id: await publish(here, record) };
    },

    async approveRequest(id): Promise<ApproveResult> {
      const here = current();
      const self = init.member()?.did;
      if (here === null || self === undefined) return { ok: false, reason: 'not-ready' };
      await here.reading;
      const view = views().find((request) => request.id === id);
      const record = here.records.get(id);
      if (view?.state !== 'open' || view.to !== self || record?.type !== 'request') {
        return { ok: false, reason: 'not-open' };
      }
      return init.pay({ to: view.from, amount: view.amount, memo: requestPayMemo(record, id) });
    },

    async declineRequest(id): Promise<RequestResult> {
      const here = current();
      const member = init.member();
      if (here === null || member === null) return { ok: false, reason: 'not-ready' };
      await here.reading;
      const view = views().find((request) => request.id === id);
      if (view?.state !== 'open' || view.to !== member.did)
        return { ok: false, reason: 'not-open' };
      const record = createRequestDecline(member, {
        coop: here.peer.coop,
        request: id,
        ts: formatTimestamp(new Date(init.clock())),
      });
      return { ok: true, id: await publish(here, record) };
    },

    movements() {
      const here = current();
      const self = init.member()?.did;
      if (here === null || self === undefined) return [];
      movements ??= memberMovements(here.peer.ledger, self, entryIds);
      return movements;
    },

    ledgerAlerts() {
      const here = current();
      if (here === null || here.peer.ledger.genesis() === undefined) return [];
      alerts ??= ledgerAlerts(here.peer.ledger.report());
      return alerts;
    },

    exportLedger() {
      const peer = init.peer();
      return peer === null ? '' : ledgerJsonLines(peer.ledger.items());
    },

    stop() {
      unsubscribe();
      attached?.stop();
      attached = null;
    },
  };
}
