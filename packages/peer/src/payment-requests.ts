import { ImmutableString, type DocHandle } from '@automerge/automerge-repo';
import {
  canonicalJson,
  decodeSignatureText,
  didToPublicKeyOrNull,
  isDidKey,
  sha256Hex,
  signToText,
  utf8,
  type KeyPair,
  type SignatureVerifier,
} from '@integrale/identity';
import {
  MAX_AMOUNT,
  checkShape,
  codePointLength,
  isId,
  itemId,
  type Ledger,
} from '@integrale/ledger';

/*
 * Payment requests: member X asks member Y for an amount. A request is soft data, not a ledger
 * entry — it moves no money — and travels in the cooperative's root document. The document is
 * only a carrier: any member could write into it, so each record is signed by the member it
 * speaks for (the requester for a request, the asked member for a decline) and every peer checks
 * the signature, the fields and the membership of those named before showing anything. Whether a
 * request was paid is never read from the document: it is a valid `pay` in the ledger whose memo
 * names the request.
 */

/** Prefix of the bytes a member signs for a request or a decline (never valid as an entry). */
export const REQUEST_SIGNING_PREFIX = 'integrale/v1/request\n';

/** Most characters in a request's memo: the paying entry's memo adds the request's marker. */
export const MAX_REQUEST_MEMO = 200;

/** Largest record text a carrier takes; real records are under 1 KiB. */
export const MAX_REQUEST_TEXT = 4 * 1024;

/** Most records read from a document: beyond, a flooding member's extra records are ignored. */
export const MAX_REQUEST_RECORDS = 10_000;

const TS_PATTERN = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$/;

/** X (`from`) asks Y (`to`) to pay `amount` minor units; signed by `from`. */
export interface PaymentRequestRecord {
  readonly v: 1;
  readonly type: 'request';
  /** The cooperative's id (its genesis id). */
  readonly coop: string;
  /** did:key of the requester, who signs and would be paid. */
  readonly from: string;
  /** did:key of the member asked to pay. */
  readonly to: string;
  /** Minor units, 1 … 10^12. */
  readonly amount: number;
  /** 0–200 characters. */
  readonly memo: string;
  /** The requester's clock (informative). */
  readonly ts: string;
  /** base64url Ed25519 signature by `from` over the prefix + JCS(record without sig). */
  readonly sig: string;
}

/** Y declines request `request`; signed by `author`, who must be the request's `to`. */
export interface RequestDeclineRecord {
  readonly v: 1;
  readonly type: 'decline';
  readonly coop: string;
  /** Id of the request record. */
  readonly request: string;
  readonly author: string;
  readonly ts: string;
  readonly sig: string;
}

/** Either kind of record. */
export type RequestRecord = PaymentRequestRecord | RequestDeclineRecord;

/** The root document's part: record id → canonical JSON text of the signed record. */
export type RequestMap = Record<string, ImmutableString | string>;

/** Why a carried record is ignored. */
export type RequestRecordProblem =
  | 'not-text'
  | 'too-large'
  | 'not-json'
  | 'malformed'
  | 'id-mismatch'
  | 'wrong-coop'
  | 'bad-signature';

const REQUEST_FIELDS = ['v', 'type', 'coop', 'from', 'to', 'amount', 'memo', 'ts', 'sig'];
const DECLINE_FIELDS = ['v', 'type', 'coop', 'request', 'author', 'ts', 'sig'];

function signingBytes(unsigned: object): Uint8Array {
  return utf8(REQUEST_SIGNING_PREFIX + canonicalJson(unsigned));
}

/** A record's id: lowercase hex SHA-256 of JCS(record with its sig), as for ledger entries. */
export function requestRecordId(record: RequestRecord): string {
  return sha256Hex(utf8(canonicalJson(record)));
}

/** The signer of a record. */
export function recordSigner(record: RequestRecord): string {
  return record.type === 'request' ? record.from : record.author;
}

/** Signs a request by `requester` asking `fields.to` for `fields.amount`. */
export function createPaymentRequest(
  requester: KeyPair,
  fields: {
    readonly coop: string;
    readonly to: string;
    readonly amount: number;
    readonly memo: string;
    readonly ts: string;
  },
): PaymentRequestRecord {
  const unsigned = {
    v: 1 as const,
    type: 'request' as const,
    coop: fields.coop,
    from: requester.did,
    to: fields.to,
    amount: fields.amount,
    memo: fields.memo,
    ts: fields.ts,
  };
  const record = { ...unsigned, sig: signToText(requester, signingBytes(unsigned)) };
  if (shapeOf(record) === null) throw new RangeError('a payment request with impossible fields');
  return record;
}

/** Signs `author`'s decline of the request with id `request`. */
export function createRequestDecline(
  author: KeyPair,
  fields: { readonly coop: string; readonly request: string; readonly ts: string },
): RequestDeclineRecord {
  const unsigned = {
    v: 1 as const,
    type: 'decline' as const,
    coop: fields.coop,
    request: fields.request,
    author: author.did,
    ts: fields.ts,
  };
  return { ...unsigned, sig: signToText(author, signingBytes(unsigned)) };
}

function hasExactly(record: Record<string, unknown>, fields: readonly string[]): boolean {
  const keys = Object.keys(record);
  return keys.length === fields.length && fields.every((field) => Object.hasOwn(record, field));
}

/** The record if `value` has the shape of one (nothing about signature or coop), else `null`. */
function shapeOf(value: unknown): RequestRecord | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  const { v, type, coop, ts, sig } = record;
  if (v !== 1 || typeof coop !== 'string' || !isId(coop)) return null;
  if (typeof ts !== 'string' || !TS_PATTERN.test(ts)) return null;
  if (decodeSignatureText(sig) === null) return null;
  if (type === 'request') {
    if (!hasExactly(record, REQUEST_FIELDS)) return null;
    const { from, to, amount, memo } = record;
    if (!isDidKey(from) || !isDidKey(to) || from === to) return null;
    if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) return null;
    if (amount < 1 || amount > MAX_AMOUNT) return null;
    if (typeof memo !== 'string') return null;
    const length = codePointLength(memo);
    if (length < 0 || length > MAX_REQUEST_MEMO) return null;
    return record as unknown as PaymentRequestRecord;
  }
  if (type === 'decline') {
    if (!hasExactly(record, DECLINE_FIELDS)) return null;
    const { request, author } = record;
    if (typeof request !== 'string' || !isId(request) || !isDidKey(author)) return null;
    return record as unknown as RequestDeclineRecord;
  }
  return null;
}

/**
 * Checks one record carried under `key` in the root document (untrusted): text of bounded size,
 * JSON of a record's exact shape, its id equal to the key, for this cooperative, signed by the
 * member it speaks for under the ledger's verification rule. Never throws.
 */
export async function checkRequestRecord(
  key: string,
  carried: unknown,
  coop: string,
  verifier: SignatureVerifier,
): Promise<
  | { readonly ok: true; readonly record: RequestRecord; readonly id: string }
  | {
      readonly ok: false;
      readonly problem: RequestRecordProblem;
    }
> {
  const text =
    typeof carried === 'string' ? carried : carried instanceof ImmutableString ? carried.val : null;
  if (text === null) return { ok: false, problem: 'not-text' };
  if (text.length > MAX_REQUEST_TEXT) return { ok: false, problem: 'too-large' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'not-json' };
  }
  const record = shapeOf(value);
  if (record === null) return { ok: false, problem: 'malformed' };
  const id = requestRecordId(record);
  if (id !== key) return { ok: false, problem: 'id-mismatch' };
  if (record.coop !== coop) return { ok: false, problem: 'wrong-coop' };
  const { sig, ...unsigned } = record;
  const publicKey = didToPublicKeyOrNull(recordSigner(record));
  const signature = decodeSignatureText(sig);
  if (publicKey === null || signature === null) return { ok: false, problem: 'bad-signature' };
  const valid = await verifier.verify(publicKey, signingBytes(unsigned), signature);
  return valid ? { ok: true, record, id } : { ok: false, problem: 'bad-signature' };
}

/** The marker a paying entry's memo ends with: it names the request it pays. */
export function requestMarker(requestId: string): string {
  return `[request:${requestId}]`;
}

/** The memo of the `pay` answering a request: its memo, then the marker (≤ 275 characters). */
export function requestPayMemo(request: PaymentRequestRecord, requestId: string): string {
  return request.memo === ''
    ? requestMarker(requestId)
    : `${request.memo} ${requestMarker(requestId)}`;
}

const MARKER_AT_END = /\[request:([0-9a-f]{64})\]$/;

/** The request id a pay's memo names at its end, or `null`. */
export function requestIdInMemo(memo: string): string | null {
  return MARKER_AT_END.exec(memo)?.[1] ?? null;
}

/** Where a request stands. */
export type PaymentRequestState =
  /** Neither paid nor declined yet. */
  | 'open'
  /** The asked member signed a decline. */
  | 'declined'
  /** A valid `pay` in the ledger answers it (this wins over a decline: money moved). */
  | 'paid';

/** A verified request and what became of it. */
export interface PaymentRequestStatus {
  readonly id: string;
  readonly request: PaymentRequestRecord;
  readonly state: PaymentRequestState;
  /** Id of the valid pay entry that answered it, when paid. */
  readonly payEntry: string | null;
}

/**
 * Where each verified request stands, against the ledger this peer verified: requests naming a
 * non-member (or a member no longer valid here) are left out; a decline counts only when signed
 * by the member asked; paid means a valid pay by the asked member to the requester, of the
 * amount, whose memo ends with the request's marker. Sorted newest first (then by id).
 */
export function paymentRequestStatuses(
  records: ReadonlyMap<string, RequestRecord>,
  ledger: Ledger,
): PaymentRequestStatus[] {
  const payments = new Map<string, string>();
  for (const item of ledger.items()) {
    const entry = checkShape(item);
    if (entry === null || entry.type !== 'pay') continue;
    const named = requestIdInMemo(entry.memo);
    if (named === null) continue;
    const request = records.get(named);
    if (request?.type !== 'request') continue;
    if (entry.author !== request.to || entry.to !== request.from) continue;
    if (entry.amount !== request.amount) continue;
    const id = itemId(entry);
    if (ledger.status(id)?.state !== 'valid') continue;
    const before = payments.get(named);
    if (before === undefined || id < before) payments.set(named, id);
  }
  const declined = new Set<string>();
  for (const record of records.values()) {
    if (record.type !== 'decline') continue;
    const request = records.get(record.request);
    if (request?.type === 'request' && request.to === record.author) declined.add(record.request);
  }
  const statuses: PaymentRequestStatus[] = [];
  for (const [id, record] of records) {
    if (record.type !== 'request') continue;
    if (!ledger.isMember(record.from) || !ledger.isMember(record.to)) continue;
    const payEntry = payments.get(id) ?? null;
    const state = payEntry !== null ? 'paid' : declined.has(id) ? 'declined' : 'open';
    statuses.push({ id, request: record, state, payEntry });
  }
  return statuses.sort((a, b) =>
    a.request.ts !== b.request.ts ? (a.request.ts < b.request.ts ? 1 : -1) : a.id < b.id ? -1 : 1,
  );
}

/** Reads a root document's records, verifying each once (verdicts kept by key and text). */
export interface RequestBook {
  /** The records of `map` that pass {@link checkRequestRecord}, by id. */
  read(map: Readonly<RequestMap> | undefined): Promise<Map<string, RequestRecord>>;
}

/** Options of {@link createRequestBook}. */
export interface RequestBookInit {
  readonly coop: string;
  readonly verifier: SignatureVerifier;
}

/** Creates a {@link RequestBook} for one cooperative. */
export function createRequestBook(init: RequestBookInit): RequestBook {
  /** key → [text, verdict]: a record is immutable, so a key's verdict holds while its text does. */
  const verdicts = new Map<string, { text: string; record: RequestRecord | null }>();
  return {
    async read(map) {
      const out = new Map<string, RequestRecord>();
      if (map === undefined || map === null || typeof map !== 'object') return out;
      let seen = 0;
      for (const [key, carried] of Object.entries(map)) {
        if (++seen > MAX_REQUEST_RECORDS) break;
        const text =
          typeof carried === 'string'
            ? carried
            : carried instanceof ImmutableString
              ? carried.val
              : null;
        const known = verdicts.get(key);
        if (text !== null && known?.text === text) {
          if (known.record !== null) out.set(key, known.record);
          continue;
        }
        const checked = await checkRequestRecord(key, carried, init.coop, init.verifier);
        if (text !== null) verdicts.set(key, { text, record: checked.ok ? checked.record : null });
        if (checked.ok) out.set(key, checked.record);
      }
      return out;
    },
  };
}

/** The part of the root document this module writes. */
export interface RequestsDoc {
  requests?: RequestMap;
}

/**
 * Writes a signed record into the root document under its id, as an immutable string (signed
 * text must never be merged character by character). Returns the id.
 */
export function writeRequestRecord(handle: DocHandle<RequestsDoc>, record: RequestRecord): string {
  const id = requestRecordId(record);
  const text = canonicalJson(record);
  handle.change((doc) => {
    if (doc.requests === undefined) doc.requests = {};
    doc.requests[id] = new ImmutableString(text);
  });
  return id;
}
