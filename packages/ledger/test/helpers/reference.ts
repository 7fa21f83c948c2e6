/*
 * A reference model of spec sections 3 and 4, written from the spec text and as plainly as
 * possible: no incremental state, no worklist, just "establish whatever can be established from
 * what is established, until nothing changes" (the least fixed point), then the report. Slow
 * (quadratic and worse) and only for tests: the incremental ledger must agree with it.
 *
 * It reuses the shape check, the signing message and the ids of the package (tested on their
 * own) and the signature verifier; everything from check 4 on is independent of ledger.ts.
 */
import {
  decodeSignatureText,
  didToPublicKeyOrNull,
  type SignatureVerifier,
} from '@integrale/identity';
import {
  checkShape,
  isFormatInteger,
  itemId,
  joinProofMessage,
  signingMessage,
  type CoreEntry as Entry,
  type GenesisEntry,
  type InvalidReason,
  type PendingReason,
  type VerificationReport,
} from '../../src/index.js';

type Verdict =
  | { readonly valid: true; readonly balance: number }
  | { readonly valid: false; readonly reason: InvalidReason };

function signatureValid(
  verifier: SignatureVerifier,
  did: string,
  message: Uint8Array,
  text: string,
): boolean {
  const key = didToPublicKeyOrNull(did);
  const signature = decodeSignatureText(text);
  if (key === null || signature === null) return false;
  const result = verifier.verify(key, message, signature);
  if (typeof result !== 'boolean')
    throw new Error('the reference model needs a synchronous verifier');
  return result;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The report of spec section 4 for a set of items, computed the slow, obvious way. */
export function referenceReport(
  items: readonly unknown[],
  coop: string,
  verifier: SignatureVerifier,
): VerificationReport {
  const held = new Map<string, unknown>();
  for (const item of items) {
    const id = itemId(item);
    if (!held.has(id)) held.set(id, item);
  }

  // Checks 1–3.
  const entries = new Map<string, Entry>();
  const verdicts = new Map<string, Verdict>();
  for (const [id, item] of held) {
    // Format v1 alone: the reference knows nothing of the governance extension.
    const entry = checkShape(item, { extensions: false }) as Entry | null;
    if (entry === null) {
      verdicts.set(id, { valid: false, reason: 'malformed' });
    } else if (entry.type === 'genesis' ? id !== coop : entry.coop !== coop) {
      verdicts.set(id, { valid: false, reason: 'wrong-coop' });
    } else {
      const { sig, ...unsigned } = entry;
      if (!signatureValid(verifier, entry.author, signingMessage(unsigned), sig)) {
        verdicts.set(id, { valid: false, reason: 'bad-signature' });
      } else {
        entries.set(id, entry);
      }
    }
  }
  const passing = new Map(entries);

  const proofValid = (
    join: Entry & { type: 'join' },
    invite: Entry & { type: 'invite' },
  ): boolean =>
    signatureValid(verifier, invite.invitee, joinProofMessage(coop, join.author), join.proof);

  function members(): Set<string> {
    const result = new Set<string>();
    for (const [id, entry] of passing) {
      const verdict = verdicts.get(id);
      if (verdict?.valid === true && (entry.type === 'genesis' || entry.type === 'join'))
        result.add(entry.author);
    }
    return result;
  }
  const genesis = passing.get(coop) as GenesisEntry | undefined;
  const limit = genesis?.creditLimit ?? 0;

  /** Checks 4–7 against what is established; `undefined` when it cannot be decided yet. */
  function judge(id: string, entry: Entry, memberSet: Set<string>): Verdict | undefined {
    const invalid = (reason: InvalidReason): Verdict => ({ valid: false, reason });
    let previous = 0;
    if (entry.seq === 1) {
      if (entry.prev !== null || (entry.type !== 'genesis' && entry.type !== 'join'))
        return invalid('bad-prev');
    } else {
      if (entry.prev === null) return invalid('bad-prev');
      if (!held.has(entry.prev)) return undefined;
      const item = held.get(entry.prev);
      if (!isObject(item) || item['author'] !== entry.author || item['seq'] !== entry.seq - 1)
        return invalid('bad-prev');
      const verdict = verdicts.get(entry.prev);
      if (verdict === undefined) return undefined;
      if (!verdict.valid) return invalid('invalid-prev');
      previous = verdict.balance;
    }
    if (entry.type === 'genesis') return { valid: true, balance: 0 };
    if (entry.type === 'join') {
      if (!held.has(entry.invite)) return undefined;
      const verdict = verdicts.get(entry.invite);
      if (verdict === undefined) return undefined;
      const invite = passing.get(entry.invite);
      if (!verdict.valid || invite?.type !== 'invite') return invalid('bad-reference');
      if (!proofValid(entry, invite)) return invalid('bad-proof');
      for (const [otherId, other] of passing) {
        if (
          other.type === 'join' &&
          other.invite === entry.invite &&
          otherId < id &&
          proofValid(other, invite)
        ) {
          return invalid('invite-used');
        }
      }
      return { valid: true, balance: 0 };
    }
    if (!memberSet.has(entry.author)) return undefined;
    switch (entry.type) {
      case 'invite':
        return { valid: true, balance: previous };
      case 'pay': {
        if (!memberSet.has(entry.to)) return undefined;
        if (entry.to === entry.author) return invalid('self-pay');
        if (entry.balance !== previous - entry.amount) return invalid('bad-balance');
        if (entry.balance < -limit) return invalid('over-limit');
        return { valid: true, balance: entry.balance };
      }
      case 'accept': {
        if (!held.has(entry.pay)) return undefined;
        const verdict = verdicts.get(entry.pay);
        if (verdict === undefined) return undefined;
        const pay = passing.get(entry.pay);
        if (!verdict.valid || pay?.type !== 'pay') return invalid('bad-reference');
        if (pay.to !== entry.author) return invalid('not-payee');
        // Walk the accept's own prev chain (all valid, since its prev is).
        for (
          let at = passing.get(entry.prev ?? '');
          at !== undefined;
          at = passing.get(at.prev ?? '')
        ) {
          if (at.type === 'accept' && at.pay === entry.pay) return invalid('double-accept');
        }
        if (entry.balance !== previous + pay.amount) return invalid('bad-balance');
        return { valid: true, balance: entry.balance };
      }
    }
  }

  // The least fixed point: establish what can be, again and again, until nothing changes.
  for (let changed = true; changed;) {
    changed = false;
    const memberSet = members();
    for (const [id, entry] of passing) {
      if (verdicts.has(id)) continue;
      const verdict = judge(id, entry, memberSet);
      if (verdict !== undefined) {
        verdicts.set(id, verdict);
        changed = true;
      }
    }
  }
  const memberSet = members();

  /** Why an undecided entry waits: the first unmet dependency, followed while it is held. */
  function pendingReason(entry: Entry, depth = 0): PendingReason {
    if (depth > held.size) return 'missing-member';
    const follow = (id: string, missing: PendingReason): PendingReason | null => {
      if (!held.has(id)) return missing;
      if (verdicts.has(id)) return null;
      return pendingReason(passing.get(id) as Entry, depth + 1);
    };
    if (entry.seq > 1 && entry.prev !== null) {
      const reason = follow(entry.prev, 'missing-prev');
      if (reason !== null) return reason;
    }
    if (entry.type === 'join') return follow(entry.invite, 'missing-invite') ?? 'missing-member';
    if (!memberSet.has(entry.author)) return 'missing-member';
    if (entry.type === 'pay' && !memberSet.has(entry.to)) return 'missing-member';
    if (entry.type === 'accept') return follow(entry.pay, 'missing-pay') ?? 'missing-member';
    return 'missing-member';
  }

  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const row = (id: string) => {
    const item = held.get(id);
    const author = isObject(item) && typeof item['author'] === 'string' ? item['author'] : null;
    const seq = isObject(item) && isFormatInteger(item['seq']) ? item['seq'] : null;
    return { id, author, seq };
  };
  const invalid: VerificationReport['invalid'][number][] = [];
  const pending: VerificationReport['pending'][number][] = [];
  let valid = 0;
  for (const id of held.keys()) {
    const verdict = verdicts.get(id);
    if (verdict === undefined)
      pending.push({ ...row(id), reason: pendingReason(passing.get(id) as Entry) });
    else if (verdict.valid) valid++;
    else invalid.push({ ...row(id), reason: verdict.reason });
  }

  const seats = new Map<string, string[]>();
  for (const [id, entry] of passing) {
    const key = JSON.stringify([entry.author, entry.seq]);
    seats.set(key, [...(seats.get(key) ?? []), id]);
  }
  const forks = [...seats]
    .filter(([, ids]) => ids.length > 1)
    .map(([key, ids]) => {
      const [author, seq] = JSON.parse(key) as [string, number];
      return { author, seq, ids: [...ids].sort() };
    })
    .sort((a, b) => (a.author < b.author ? -1 : a.author > b.author ? 1 : a.seq - b.seq));

  const validEntries = [...passing].filter(([id]) => verdicts.get(id)?.valid === true);
  const accepted = new Set<string>();
  const balances: Record<string, number> = {};
  const sortedMembers = [...memberSet].sort();
  for (const did of sortedMembers) {
    const received = new Set<string>();
    let balance = 0;
    for (const [, entry] of validEntries) {
      if (entry.author !== did) continue;
      if (entry.type === 'pay') balance -= entry.amount;
      if (entry.type === 'accept') received.add(entry.pay);
    }
    for (const pay of received) {
      balance += (passing.get(pay) as Entry & { type: 'pay' }).amount;
      accepted.add(pay);
    }
    balances[did] = balance;
  }
  const unaccepted = validEntries
    .filter(([id, entry]) => entry.type === 'pay' && !accepted.has(id))
    .map(([id]) => id)
    .sort();
  const overLimit = sortedMembers
    .filter((did) => (balances[did] as number) < -limit)
    .map((did) => ({ account: did, balance: balances[did] as number }));

  return {
    coop,
    entries: held.size,
    valid,
    invalid: invalid.sort(byId),
    pending: pending.sort(byId),
    forks,
    members: sortedMembers,
    balances,
    unaccepted,
    overLimit,
  };
}
