import { ImmutableString, type DocHandle } from '@automerge/automerge-repo';
import {
  canonicalJson,
  decodeSignatureText,
  didToPublicKeyOrNull,
  sha256Hex,
  signToText,
  utf8,
  type KeyPair,
  type SignatureVerifier,
} from '@integrale/identity';
import {
  checkShape,
  isId,
  spendApprovalMessage,
  type AccountEntry,
  type Ledger,
  type PreparedSpend,
  type SpendEntry,
} from '@integrale/ledger';

/*
 * Spending from a collective account (acct/1, docs/protocol-accounts.md) takes several devices:
 * a member prepares the spend, stewards approve it one by one on their own devices, and once
 * enough have approved, the member who prepared it writes the spend into their feed. What
 * happens between those steps is soft data in the cooperative's root document:
 *
 * - `spendRequests`: the prepared spend, signed by whoever prepared it (so nobody can pass a
 *   request off as someone else's);
 * - `spendApprovals`: per request, each steward's approval — the very signature the spend entry
 *   will carry, so it verifies by itself and cannot be forged by whoever writes the document.
 *
 * Only the preparer's device writes the spend: two devices writing the same request would sign
 * two entries at one place of the account's chain — a fork, and a double debit. A request whose
 * place was taken meanwhile (another spend went first) is stale: it must be prepared again.
 */

/** Prefix of the bytes a member signs when preparing a spend (never valid as an entry). */
export const SPEND_REQUEST_PREFIX = 'integrale/v1/spend-request\n';

/** Largest request text a carrier takes; a real one is under 2 KiB (receipts aside). */
const MAX_REQUEST_TEXT = 512 * 1024;

/** Most requests read from a document: beyond, a flooding member's extra ones are ignored. */
const MAX_REQUESTS = 10_000;

/** A prepared spend, signed by the member who prepared it (and will write it). */
export interface SpendRequestRecord {
  readonly v: 1;
  readonly type: 'spend-request';
  readonly spend: PreparedSpend;
  /** did:key of the member who prepared it. */
  readonly by: string;
  /** Their clock (informative). */
  readonly ts: string;
  readonly sig: string;
}

/** Where spend requests travel (fields of the root document). */
export interface SpendRequestsDoc {
  spendRequests?: Record<string, ImmutableString>;
  /** Request id → steward did → approval signature. */
  spendApprovals?: Record<string, Record<string, ImmutableString>>;
}

/** Stewards and a threshold: whose approvals a spend needs, and how many. */
export interface StewardRules {
  readonly stewards: readonly string[];
  readonly threshold: number;
}

/** The adopted outcome `id`'s new rules for `account`, if it is one that sets them. */
function decidedRules(ledger: Ledger, id: string, account: string): StewardRules | null {
  const outcome = ledger.validGovernance('outcome').find((o) => o.id === id)?.entry;
  if (outcome?.result !== 'adopted') return null;
  const proposal = ledger.validGovernance('proposal').find((p) => p.id === outcome.proposal);
  const rules = proposal?.entry.effects.accountRules;
  return rules?.account === account ? rules : null;
}

/**
 * The rules the next spend of `account` should follow: the decision its chain follows now, or
 * the newest adopted decision (by its outcome's clock, then id) that sets new rules for the
 * account and revokes those — the only move the ledger allows (acct/1 `rules`).
 */
export function rulesForNextSpend(ledger: Ledger, account: string): string | null {
  const current = ledger.accountRules(account)?.decision ?? null;
  let next: { id: string; order: string } | null = null;
  const proposals = new Map(ledger.validGovernance('proposal').map((p) => [p.id, p.entry]));
  for (const { id, entry } of ledger.validGovernance('outcome')) {
    if (entry.result !== 'adopted') continue;
    const effects = proposals.get(entry.proposal)?.effects;
    if (effects?.accountRules?.account !== account) continue;
    if ((effects.revokes ?? null) !== current) continue;
    const order = entry.ts + ' ' + id;
    if (next === null || order > next.order) next = { id, order };
  }
  return next?.id ?? current;
}

/** The stewards and threshold a prepared spend follows (its `rules`, or the account's own). */
export function rulesOfSpend(
  ledger: Ledger,
  spend: PreparedSpend,
  account: AccountEntry,
): StewardRules {
  return spend.rules === null
    ? account
    : (decidedRules(ledger, spend.rules, spend.account) ?? { stewards: [], threshold: 1 });
}

/** The id of a request: SHA-256 of its canonical JSON. */
export function spendRequestId(record: SpendRequestRecord): string {
  return sha256Hex(utf8(canonicalJson(record)));
}

function requestMessage(record: Omit<SpendRequestRecord, 'sig'>): Uint8Array {
  return utf8(SPEND_REQUEST_PREFIX + canonicalJson(record));
}

/** Signs a prepared spend as `by`'s request. */
export function createSpendRequest(
  by: KeyPair,
  spend: PreparedSpend,
  ts: string,
): SpendRequestRecord {
  const unsigned = { v: 1 as const, type: 'spend-request' as const, spend, by: by.did, ts };
  return { ...unsigned, sig: signToText(by, requestMessage(unsigned)) };
}

/** Writes a request (and, if given, its preparer's own approval); returns its id. */
export function writeSpendRequest(
  handle: DocHandle<SpendRequestsDoc>,
  record: SpendRequestRecord,
): string {
  const id = spendRequestId(record);
  handle.change((doc) => {
    doc.spendRequests ??= {};
    doc.spendRequests[id] = new ImmutableString(JSON.stringify(record));
    // The approvals' map is made here, once, by the preparer: were each approving steward to
    // make it, two doing so at once would make two maps at one key, and Automerge would keep
    // only one of them — and lose the other's approval.
    doc.spendApprovals ??= {};
    doc.spendApprovals[id] ??= {};
  });
  return id;
}

/** Adds a steward's approval signature to a request. */
export function writeSpendApproval(
  handle: DocHandle<SpendRequestsDoc>,
  requestId: string,
  steward: string,
  signature: string,
): void {
  handle.change((doc) => {
    doc.spendApprovals ??= {};
    doc.spendApprovals[requestId] ??= {};
    const approvals = doc.spendApprovals[requestId];
    if (approvals !== undefined) approvals[steward] = new ImmutableString(signature);
  });
}

/** Where a request stands, as this device sees it. */
export type SpendRequestState =
  /** Fewer valid approvals than the account's threshold. */
  | 'awaiting'
  /** Enough approvals: the preparer's device writes it. */
  | 'ready'
  /** The spend is in the ledger (valid or not: see its status there). */
  | 'written'
  /** Its place in the account's chain was taken by another spend: prepare it again. */
  | 'stale';

/** A request checked against the ledger. */
export interface SpendRequestView {
  readonly id: string;
  readonly request: SpendRequestRecord;
  readonly account: AccountEntry;
  /** The stewards and threshold this spend needs (the account's, or a decision's). */
  readonly rules: StewardRules;
  /** Stewards whose approval signatures verify, sorted. */
  readonly approvedBy: readonly string[];
  readonly state: SpendRequestState;
  /** Id of the spend entry, once written. */
  readonly entry: string | null;
}

/**
 * Signatures already checked, by key, message hash and signature: requests are read again at
 * every change of the ledger or the root document, and their signatures never change.
 */
const checkedSignatures = new Map<string, boolean>();
const MAX_REMEMBERED = 50_000;

function remembering(verifier: SignatureVerifier): SignatureVerifier {
  return {
    ...verifier,
    verify(publicKey, message, signature) {
      const key = sha256Hex(publicKey) + sha256Hex(message) + sha256Hex(signature);
      const known = checkedSignatures.get(key);
      if (known !== undefined) return known;
      const remember = (ok: boolean): boolean => {
        if (checkedSignatures.size >= MAX_REMEMBERED) checkedSignatures.clear();
        checkedSignatures.set(key, ok);
        return ok;
      };
      const result = verifier.verify(publicKey, message, signature);
      return typeof result === 'boolean' ? remember(result) : result.then(remember);
    },
  };
}

function textOf(value: unknown): string | null {
  if (value instanceof ImmutableString) return value.val;
  return typeof value === 'string' ? value : null;
}

/** The fields of a spend the approvals sign, from a spend entry or a prepared spend. */
function signedPart(spend: PreparedSpend | SpendEntry): string {
  return canonicalJson({
    coop: spend.coop,
    account: spend.account,
    accountSeq: spend.accountSeq,
    accountPrev: spend.accountPrev,
    to: spend.to,
    amount: spend.amount,
    memo: spend.memo,
    receipts: spend.receipts,
    decision: spend.decision,
    rules: spend.rules,
  });
}

/** A record from the document as a well-formed, validly signed request of this coop, or null. */
async function checkRequest(
  text: string,
  id: string,
  coop: string,
  verifier: SignatureVerifier,
): Promise<SpendRequestRecord | null> {
  if (text.length > MAX_REQUEST_TEXT) return null;
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return null;
  const { v, type, spend, by, ts, sig } = record as Record<string, unknown>;
  if (v !== 1 || type !== 'spend-request' || typeof ts !== 'string' || ts.length > 40) return null;
  if (typeof by !== 'string' || typeof sig !== 'string') return null;
  if (Object.keys(record).length !== 6) return null;
  // The prepared spend must be what a spend entry's shape check accepts.
  const probe = {
    v: 1,
    type: 'spend',
    author: by,
    seq: 2,
    prev: '0'.repeat(64),
    ts: '2000-01-01T00:00:00.000Z',
    sig,
    approvals: {},
    ...(spend as object),
  };
  const shaped = checkShape(probe);
  if (
    shaped?.type !== 'spend' ||
    shaped.coop !== coop ||
    Object.keys(spend as object).length !== 10
  )
    return null;
  const checked = record as SpendRequestRecord;
  if (spendRequestId(checked) !== id) return null;
  const key = didToPublicKeyOrNull(by);
  const signature = decodeSignatureText(sig);
  if (key === null || signature === null) return null;
  const { sig: _sig, ...unsigned } = checked;
  if (!(await verifier.verify(key, requestMessage(unsigned), signature))) return null;
  return checked;
}

/** Every request of the document, checked, with its approvals and state. */
export async function readSpendRequests(
  doc: SpendRequestsDoc,
  init: {
    readonly coop: string;
    readonly ledger: Ledger;
    readonly verifier: SignatureVerifier;
    /** Only the requests this member prepared (what their device writes). */
    readonly preparedBy?: string;
  },
): Promise<SpendRequestView[]> {
  const { ledger } = init;
  const verifier = remembering(init.verifier);
  const accounts = new Map(ledger.validGovernance('account').map((a) => [a.id, a.entry]));
  const written = new Map<string, string>();
  for (const { id, entry } of ledger.validGovernance('spend')) written.set(signedPart(entry), id);
  // A written spend may be invalid: look at every held item too, for the preparer's own.
  const views: SpendRequestView[] = [];
  const entries = Object.entries(doc.spendRequests ?? {}).slice(0, MAX_REQUESTS);
  for (const [id, value] of entries) {
    const text = textOf(value);
    if (!isId(id) || text === null) continue;
    if (init.preparedBy !== undefined && !text.includes(init.preparedBy)) continue;
    const request = await checkRequest(text, id, init.coop, verifier);
    if (request === null || !ledger.isMember(request.by)) continue;
    if (init.preparedBy !== undefined && request.by !== init.preparedBy) continue;
    const account = accounts.get(request.spend.account);
    if (account === undefined) continue;
    const rules = rulesOfSpend(ledger, request.spend, account);
    const message = spendApprovalMessage(request.spend);
    const approvedBy: string[] = [];
    for (const [did, raw] of Object.entries(doc.spendApprovals?.[id] ?? {})) {
      const signature = decodeSignatureText(textOf(raw) ?? '');
      const key = didToPublicKeyOrNull(did);
      if (!rules.stewards.includes(did) || signature === null || key === null) continue;
      if (await verifier.verify(key, message, signature)) approvedBy.push(did);
    }
    approvedBy.sort();
    const entry = written.get(signedPart(request.spend)) ?? null;
    const head = ledger.accountHead(request.spend.account);
    const placeTaken =
      (head?.accountSeq ?? 0) >= request.spend.accountSeq ||
      (request.spend.accountPrev ?? null) !== (head?.id ?? null);
    const authorised = request.spend.decision !== null || approvedBy.length >= rules.threshold;
    const state: SpendRequestState =
      entry !== null ? 'written' : placeTaken ? 'stale' : authorised ? 'ready' : 'awaiting';
    views.push({ id, request, account, rules, approvedBy, state, entry });
  }
  return views.sort((a, b) =>
    a.request.ts < b.request.ts ? 1 : a.request.ts > b.request.ts ? -1 : 0,
  );
}

/** The approvals a ready request's spend entry carries: `threshold` of them, by did order. */
export function approvalsToWrite(
  view: SpendRequestView,
  doc: SpendRequestsDoc,
): Record<string, string> {
  if (view.request.spend.decision !== null) return {};
  const approvals: Record<string, string> = {};
  for (const did of view.approvedBy.slice(0, view.rules.threshold)) {
    approvals[did] = textOf(doc.spendApprovals?.[view.id]?.[did]) ?? '';
  }
  return approvals;
}
