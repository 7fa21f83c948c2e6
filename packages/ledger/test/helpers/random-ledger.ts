/*
 * Random ledgers for property tests and benchmarks. A `LedgerPlan` is plain data (what fast-check
 * generates and shrinks): a few personas, a list of honest operations (invite, join, pay,
 * accept) and a list of faults injected afterwards (tampering, dropped entries, forks,
 * duplicates, a second join on a used invite, malformed items…). `buildLedger` turns a plan into
 * signed entries, deterministically: the same plan always gives the same items.
 *
 * Indices in a plan are taken modulo the size of whatever they pick from, so every plan is
 * buildable and shrinking never produces an impossible one.
 */
import fc from 'fast-check';
import type { KeyPair } from '@integrale/identity';
import {
  createAccept,
  createGenesis,
  createInvite,
  createJoin,
  createPay,
  entryId,
  signEntry,
  type Entry,
  type FeedPosition,
  type InviteEntry,
  type PayEntry,
  type UnsignedEntry,
} from '../../src/index.js';
import { keyOf, tick } from './personas.js';

/** One honest operation. Numbers are picks, taken modulo the size of what they choose from. */
export type PlanOp =
  | { readonly kind: 'invite'; readonly by: number; readonly invitee: number }
  | { readonly kind: 'join'; readonly pick: number }
  | {
      readonly kind: 'pay';
      readonly from: number;
      readonly to: number;
      readonly amount: number;
      /** Pay anyone, even someone who has not joined (may stay pending, or make a cycle). */
      readonly anyone: boolean;
    }
  | { readonly kind: 'accept'; readonly pick: number };

/** One fault injected into the honest entries. `target` picks an entry of the honest list. */
export type PlanFault =
  /** A field changed after signing; `keep` keeps the original too, else it is replaced. */
  | { readonly kind: 'tamper'; readonly target: number; readonly keep: boolean }
  /** An entry left out (never the genesis): what depends on it goes pending. */
  | { readonly kind: 'drop'; readonly target: number }
  /** Another entry signed at the same seq and prev as the target (a fork), `length` long. */
  | {
      readonly kind: 'fork';
      readonly target: number;
      readonly amount: number;
      readonly length: number;
    }
  /** A copy of an entry (a duplicate), re-ordered keys or not. */
  | { readonly kind: 'duplicate'; readonly target: number; readonly reorder: boolean }
  /** Another newcomer joins through the invite of an existing join, then pays someone. */
  | { readonly kind: 'second-join'; readonly target: number }
  /** An entry re-signed with a wrong balance (bad-balance: its feed is broken from there). */
  | { readonly kind: 'bad-balance'; readonly target: number }
  /** A value that is not an entry at all. */
  | { readonly kind: 'malformed'; readonly value: number }
  /**
   * Something appended at the end of a member's feed (after the honest entries): an over-limit
   * pay, a self-pay, a second accept of a pay already accepted, an accept of someone else's pay,
   * a join with a bad proof, or a second join (through a fresh invite) by someone already in.
   */
  | {
      readonly kind: 'tail';
      readonly what: TailFault;
      readonly who: number;
      readonly pick: number;
    };

export const TAIL_FAULTS = [
  'overspend',
  'self-pay',
  'double-accept',
  'not-payee',
  'bad-proof',
  'rejoin',
] as const;
export type TailFault = (typeof TAIL_FAULTS)[number];

export interface LedgerPlan {
  /** 3–6 personas; the first is the founder. */
  readonly personas: number;
  /** How many of the others the founder invites and admits before the operations. */
  readonly founding: number;
  readonly creditLimit: number;
  readonly ops: readonly PlanOp[];
  readonly faults: readonly PlanFault[];
}

/** Values given as `malformed` items. */
export const MALFORMED_ITEMS: readonly unknown[] = [
  42,
  {},
  null,
  [],
  'entry',
  true,
  { author: 'someone', seq: -1 },
  { type: 'pay' },
  [1, [2, { v: 1 }]],
  { v: 1, type: 'invite', seq: 1.5 },
];

const pick = (n: number) => fc.nat({ max: n });

export const planOpArb: fc.Arbitrary<PlanOp> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('invite' as const), by: pick(30), invitee: pick(30) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('join' as const), pick: pick(30) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('pay' as const),
      from: pick(30),
      to: pick(30),
      amount: fc.integer({ min: 1, max: 6000 }),
      anyone: fc.nat({ max: 6 }).map((n) => n === 0),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('accept' as const), pick: pick(30) }) },
);

export const planFaultArb: fc.Arbitrary<PlanFault> = fc.oneof(
  fc.record({ kind: fc.constant('tamper' as const), target: pick(200), keep: fc.boolean() }),
  fc.record({ kind: fc.constant('drop' as const), target: pick(200) }),
  fc.record({
    kind: fc.constant('fork' as const),
    target: pick(200),
    amount: fc.integer({ min: 1, max: 8000 }),
    length: fc.integer({ min: 1, max: 2 }),
  }),
  fc.record({ kind: fc.constant('duplicate' as const), target: pick(200), reorder: fc.boolean() }),
  fc.record({ kind: fc.constant('second-join' as const), target: pick(200) }),
  fc.record({ kind: fc.constant('bad-balance' as const), target: pick(200) }),
  fc.record({ kind: fc.constant('malformed' as const), value: pick(MALFORMED_ITEMS.length - 1) }),
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('tail' as const),
      what: fc.constantFrom(...TAIL_FAULTS),
      who: pick(30),
      pick: pick(30),
    }),
  },
);

/** Plans of 3–6 personas, 5–40 operations and 0–`maxFaults` faults. */
export function ledgerPlanArb(
  options: { maxOps?: number; maxFaults?: number } = {},
): fc.Arbitrary<LedgerPlan> {
  return fc.record({
    personas: fc.integer({ min: 3, max: 6 }),
    founding: fc.integer({ min: 0, max: 5 }),
    creditLimit: fc.constantFrom(5_000, 10_000, 20_000),
    ops: fc.array(planOpArb, { minLength: 5, maxLength: options.maxOps ?? 40 }),
    faults: fc.array(planFaultArb, { maxLength: options.maxFaults ?? 6 }),
  });
}

/** What was built, with enough about each entry to check properties against it. */
export interface BuiltLedger {
  readonly coop: string;
  /** The items to give a ledger: honest entries after faults, plus injected items. */
  readonly items: readonly unknown[];
  /** The honest entries, before faults. */
  readonly honest: readonly Entry[];
  /** Did:keys of the personas (and any intruders), by label. */
  readonly dids: ReadonlyMap<string, string>;
  /** How many faults of each kind actually applied. */
  readonly applied: Readonly<Record<PlanFault['kind'], number>>;
}

interface Written {
  readonly entry: Entry;
  readonly key: KeyPair;
  /** The feed position it was written after (`null` for a seq-1 entry). */
  readonly before: FeedPosition | null;
  /** For a join: the invite and the invitation key used. */
  readonly invitation?: { readonly invite: InviteEntry; readonly key: KeyPair };
}

/**
 * The amount of a fork's pay: sometimes as given (perhaps over the limit), sometimes all the room
 * left on the branch, else within that room.
 */
function forkAmount(amount: number, room: number): number {
  if (amount % 5 === 0 || room < 1) return amount;
  return amount % 5 === 1 ? room : Math.min(amount, room);
}

/** Builds the signed items of a plan. Deterministic. */
export function buildLedger(plan: LedgerPlan, labelPrefix = 'random'): BuiltLedger {
  let clock = 0;
  const ts = (): string => tick(clock++);
  const key = (label: string): KeyPair => keyOf(`${labelPrefix}/${label}`);
  const personas = Array.from({ length: plan.personas }, (_, i) => `p${i}`);
  const dids = new Map(personas.map((name) => [name, key(name).did]));

  const written: Written[] = [];
  const heads = new Map<string, FeedPosition>();
  const members: string[] = [];
  const invited = new Set<string>();
  const outstanding: { invite: InviteEntry; key: KeyPair; newcomer: string }[] = [];
  const unaccepted: { pay: PayEntry; payee: string }[] = [];
  let invitations = 0;

  function write<E extends Entry>(
    name: string,
    entry: E,
    before: FeedPosition | null,
    extra?: Written['invitation'],
  ): E {
    written.push({ entry, key: key(name), before, ...(extra ? { invitation: extra } : {}) });
    const balance = 'balance' in entry ? entry.balance : (before?.balance ?? 0);
    heads.set(name, { id: entryId(entry), seq: entry.seq, balance });
    return entry;
  }

  const founder = personas[0] as string;
  const genesis = createGenesis(key(founder), {
    name: 'Random coop',
    currency: { code: 'RND', name: 'Random', decimals: 2 },
    creditLimit: plan.creditLimit,
    ts: ts(),
  });
  const coop = entryId(genesis);
  write(founder, genesis, null);
  members.push(founder);

  const ops: PlanOp[] = [];
  for (let i = 0; i < Math.min(plan.founding, plan.personas - 1); i++) {
    ops.push({ kind: 'invite', by: 0, invitee: 0 }, { kind: 'join', pick: 0 });
  }
  for (const op of [...ops, ...plan.ops]) {
    switch (op.kind) {
      case 'invite': {
        const by = members[op.by % members.length] as string;
        const candidates = personas.filter((name) => !members.includes(name) && !invited.has(name));
        const newcomer =
          candidates.length > 0 ? (candidates[op.invitee % candidates.length] as string) : null;
        const invitationKey = key(`invitation${invitations++}`);
        const before = heads.get(by) as FeedPosition;
        const invite = write(
          by,
          createInvite(key(by), before, { coop, invitee: invitationKey.did, ts: ts() }),
          before,
        );
        if (newcomer !== null) {
          invited.add(newcomer);
          outstanding.push({ invite, key: invitationKey, newcomer });
        }
        break;
      }
      case 'join': {
        if (outstanding.length === 0) break;
        const [chosen] = outstanding.splice(op.pick % outstanding.length, 1);
        if (chosen === undefined) break;
        const join = createJoin(key(chosen.newcomer), chosen.key, {
          coop,
          invite: entryId(chosen.invite),
          name: chosen.newcomer,
          ts: ts(),
        });
        write(chosen.newcomer, join, null, { invite: chosen.invite, key: chosen.key });
        members.push(chosen.newcomer);
        break;
      }
      case 'pay': {
        const from = members[op.from % members.length] as string;
        const payees = (op.anyone ? personas : members).filter((name) => name !== from);
        if (payees.length === 0) break;
        const to = payees[op.to % payees.length] as string;
        const before = heads.get(from) as FeedPosition;
        const amount = Math.min(op.amount, before.balance + plan.creditLimit);
        if (amount < 1) break;
        const pay = createPay(key(from), before, {
          coop,
          to: key(to).did,
          amount,
          memo: `op ${written.length}`,
          ts: ts(),
        });
        write(from, pay, before);
        unaccepted.push({ pay, payee: to });
        break;
      }
      case 'accept': {
        const open = unaccepted.filter(({ payee }) => members.includes(payee));
        if (open.length === 0) break;
        const chosen = open[op.pick % open.length] as (typeof open)[number];
        unaccepted.splice(unaccepted.indexOf(chosen), 1);
        const before = heads.get(chosen.payee) as FeedPosition;
        write(
          chosen.payee,
          createAccept(key(chosen.payee), before, { coop, pay: chosen.pay, ts: ts() }),
          before,
        );
        break;
      }
    }
  }

  const honest = written.map(({ entry }) => entry);
  let items: unknown[] = [...honest];
  const extra: unknown[] = [];
  const applied: Record<PlanFault['kind'], number> = {
    tamper: 0,
    drop: 0,
    fork: 0,
    duplicate: 0,
    'second-join': 0,
    'bad-balance': 0,
    malformed: 0,
    tail: 0,
  };
  const target = (n: number): Written => written[n % written.length] as Written;

  /** Appends a faulty entry at the end of a member's feed; false when the plan gives nothing to do. */
  function tail(fault: PlanFault & { kind: 'tail' }): boolean {
    const who = members[fault.who % members.length] as string;
    const whoKey = key(who);
    const head = heads.get(who) as FeedPosition;
    const push = (entry: Entry): void => {
      extra.push(entry);
      const balance = 'balance' in entry ? entry.balance : head.balance;
      heads.set(who, { id: entryId(entry), seq: entry.seq, balance });
    };
    const other = members.find((name) => name !== who) ?? who;
    const payTo = (to: string, amount: number): PayEntry =>
      createPay(whoKey, head, { coop, to: key(to).did, amount, memo: fault.what, ts: ts() });
    const pays = written.filter((w) => w.entry.type === 'pay').map((w) => w.entry as PayEntry);
    switch (fault.what) {
      case 'overspend':
        if (other === who) return false;
        push(payTo(other, Math.max(1, head.balance + plan.creditLimit + 1 + (fault.pick % 3))));
        return true;
      case 'self-pay':
        push(payTo(who, 1 + fault.pick));
        return true;
      case 'double-accept': {
        const mine = written.filter(
          (w) => w.entry.type === 'accept' && w.entry.author === whoKey.did,
        );
        const accepted = mine[fault.pick % Math.max(1, mine.length)];
        if (accepted === undefined || accepted.entry.type !== 'accept') return false;
        const pay = pays.find((p) => entryId(p) === (accepted.entry as { pay: string }).pay);
        if (pay === undefined) return false;
        push(createAccept(whoKey, head, { coop, pay, ts: ts() }));
        return true;
      }
      case 'not-payee': {
        const others = pays.filter((p) => p.to !== whoKey.did);
        const pay = others[fault.pick % Math.max(1, others.length)];
        if (pay === undefined) return false;
        const { sig: _sig, ...unsigned } = createAccept(whoKey, head, { coop, pay, ts: ts() });
        push(signEntry(unsigned as UnsignedEntry, whoKey));
        return true;
      }
      case 'bad-proof': {
        const invitationKey = key(`invitation${invitations++}`);
        const invite = createInvite(whoKey, head, { coop, invitee: invitationKey.did, ts: ts() });
        push(invite);
        const stranger = `stranger${intruders++}`;
        dids.set(stranger, key(stranger).did);
        extra.push(
          createJoin(key(stranger), key('not-the-invitation'), {
            coop,
            invite: entryId(invite),
            name: stranger,
            ts: ts(),
          }),
        );
        return true;
      }
      case 'rejoin': {
        const joined = members.filter((name) => name !== founder);
        const newcomer = joined[fault.pick % Math.max(1, joined.length)];
        if (newcomer === undefined) return false;
        const invitationKey = key(`invitation${invitations++}`);
        push(createInvite(whoKey, head, { coop, invitee: invitationKey.did, ts: ts() }));
        const invite = extra[extra.length - 1] as InviteEntry;
        extra.push(
          createJoin(key(newcomer), invitationKey, {
            coop,
            invite: entryId(invite),
            name: `${newcomer} again`,
            ts: ts(),
          }),
        );
        return true;
      }
    }
  }
  let intruders = 0;

  for (const fault of plan.faults) {
    switch (fault.kind) {
      case 'tamper': {
        const { entry } = target(fault.target);
        const tampered = { ...entry, ts: tick(10_000 + clock++) };
        if (fault.keep) extra.push(tampered);
        else items = items.map((item) => (item === entry ? tampered : item));
        applied.tamper++;
        break;
      }
      case 'drop': {
        if (written.length < 2) break;
        const { entry } = written[1 + (fault.target % (written.length - 1))] as Written;
        items = items.filter((item) => item !== entry);
        applied.drop++;
        break;
      }
      case 'fork': {
        const { entry, before, key: authorKey } = target(fault.target);
        if (before === null) break;
        const name = [...dids].find(([, did]) => did === entry.author)?.[0] ?? founder;
        const to =
          members.find((other) => other !== name) ??
          (personas.find((other) => other !== name) as string);
        let position = before;
        for (let i = 0; i < fault.length; i++) {
          const variant =
            i === 0 || fault.amount % 2 === 0
              ? createPay(authorKey, position, {
                  coop,
                  to: key(to).did,
                  // Mostly within the room left on this branch (a valid pay on a fork), so the
                  // two branches together often go past the limit.
                  amount: forkAmount(fault.amount, position.balance + plan.creditLimit),
                  memo: 'fork',
                  ts: ts(),
                })
              : createInvite(authorKey, position, {
                  coop,
                  invitee: key(`fork-invitation${clock}`).did,
                  ts: ts(),
                });
          extra.push(variant);
          position = {
            id: entryId(variant),
            seq: variant.seq,
            balance: 'balance' in variant ? variant.balance : position.balance,
          };
        }
        applied.fork++;
        break;
      }
      case 'duplicate': {
        const { entry } = target(fault.target);
        const copy = fault.reorder
          ? Object.fromEntries(Object.entries(entry).reverse())
          : (JSON.parse(JSON.stringify(entry)) as unknown);
        extra.push(copy);
        applied.duplicate++;
        break;
      }
      case 'second-join': {
        const joins = written.filter((w) => w.invitation !== undefined);
        if (joins.length === 0) break;
        const { invitation } = joins[fault.target % joins.length] as Written;
        if (invitation === undefined) break;
        const intruder = `intruder${intruders++}`;
        dids.set(intruder, key(intruder).did);
        const join = createJoin(key(intruder), invitation.key, {
          coop,
          invite: entryId(invitation.invite),
          name: intruder,
          ts: ts(),
        });
        const pay = createPay(
          key(intruder),
          { id: entryId(join), seq: 1, balance: 0 },
          {
            coop,
            to: genesis.author,
            amount: 1 + (fault.target % 50),
            memo: 'intruder',
            ts: ts(),
          },
        );
        extra.push(join, pay);
        applied['second-join']++;
        break;
      }
      case 'bad-balance': {
        const { entry, key: authorKey } = target(fault.target);
        if (entry.type !== 'pay' && entry.type !== 'accept') break;
        const { sig: _sig, ...unsigned } = entry;
        const wrong = signEntry(
          { ...unsigned, balance: entry.balance + 1 } as UnsignedEntry,
          authorKey,
        );
        items = items.map((item) => (item === entry ? wrong : item));
        applied['bad-balance']++;
        break;
      }
      case 'malformed':
        extra.push(MALFORMED_ITEMS[fault.value % MALFORMED_ITEMS.length]);
        applied.malformed++;
        break;
      case 'tail':
        if (tail(fault)) applied.tail++;
        break;
    }
  }

  return { coop, items: [...items, ...extra], honest, dids, applied };
}
