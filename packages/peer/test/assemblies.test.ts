import { save } from '@automerge/automerge';
import { ImmutableString, Repo, type DocHandle } from '@automerge/automerge-repo';
import { canonicalJson, signToText, utf8 } from '@integrale/identity';
import { describe, expect, it } from 'vitest';
import {
  CHECK_IN_SIGNING_PREFIX,
  addAction,
  addAgendaItem,
  approveAgenda,
  checkCheckIn,
  createAssembly,
  createCheckIn,
  editMinutes,
  emptyScopeDoc,
  escalateItem,
  moveAgendaItem,
  nextItem,
  nextSpeaker,
  placeDraft,
  previousAssembly,
  ratifyMinutes,
  readAssemblies,
  readAssembly,
  readDrafts,
  removeAgendaItem,
  requestFloor,
  setActionDone,
  setCurrentItem,
  verifiedAttendance,
  withdrawFloor,
  writeCheckIn,
  type AssemblyInput,
  type ScopeDoc,
} from '../src/index.js';
import { keyOf, verifier } from './helpers/cooperative.js';

/*
 * Assemblies are soft data in their scope's document: what is read is validated, concurrent
 * edits merge, and attendance is a signed check-in that nobody can make in another's name.
 */

const alice = keyOf('alice');
const bob = keyOf('bob');
const chloe = keyOf('chloe');
const zoe = keyOf('zoe'); // no member
const COOP = 'c'.repeat(64);
const AT = '2026-12-05T14:00:00.000Z';
const PROPOSAL = 'a'.repeat(64);
const members = new Set([alice.did, bob.did, chloe.did]);
const isMember = (did: string) => members.has(did);

function plenary(id = 'plenary-1', startsAt = AT): AssemblyInput {
  return {
    id,
    title: 'Plénière de décembre',
    startsAt,
    place: 'Montreuil',
    online: 'https://visio.example/coop',
    facilitator: alice.did,
    agenda: [
      { id: 'info', title: 'Nouvelles de l’épicerie', kind: 'information', minutes: 5 },
      { id: 'talk', title: 'Local partagé', kind: 'discussion', minutes: 20 },
      { id: 'vote', title: 'Budget 2027', kind: 'decision', minutes: 15, proposal: PROPOSAL },
    ],
  };
}

function scope(name = 'montreuil') {
  const repo = new Repo({});
  const handle = repo.create<ScopeDoc>(emptyScopeDoc(name));
  return { repo, handle };
}

const view = (handle: DocHandle<ScopeDoc>, id = 'plenary-1') =>
  readAssembly(handle.doc().scope, id, handle.doc().assemblies[id])!;

/** A second repo holding a copy of `handle`'s document (as another member's device would). */
function copyOf(handle: DocHandle<ScopeDoc>): DocHandle<ScopeDoc> {
  return new Repo({}).import<ScopeDoc>(save(handle.doc()));
}

describe('an assembly and its agenda', () => {
  it('is created with its typed items in order, and read back validated', () => {
    const { handle } = scope();
    expect(createAssembly(handle, plenary())).toStrictEqual({ ok: true });
    const read = view(handle);
    expect(read.agenda.map((item) => [item.id, item.kind])).toStrictEqual([
      ['info', 'information'],
      ['talk', 'discussion'],
      ['vote', 'decision'],
    ]);
    expect(read.agenda[2]!.proposal).toBe(PROPOSAL);
    expect(read).toMatchObject({
      scope: 'montreuil',
      facilitator: alice.did,
      agendaApproved: null,
    });
  });

  it('refuses bad input with a reason and writes nothing', () => {
    const { handle } = scope();
    const cases: [Partial<AssemblyInput>, string][] = [
      [{ title: ' ' }, 'invalid-title'],
      [{ startsAt: 'demain' }, 'invalid-date'],
      [{ online: 'javascript:alert(1)' }, 'invalid-link'],
      [{ facilitator: 'alice' }, 'invalid-member'],
      [{ agenda: [{ id: 'x', title: 'x', kind: 'vote' as never, minutes: 5 }] }, 'invalid-item'],
      [{ agenda: [{ id: 'x', title: 'x', kind: 'decision', minutes: 0 }] }, 'invalid-time-box'],
      [
        { agenda: [{ id: 'x', title: 'x', kind: 'decision', minutes: 5, proposal: 'nope' }] },
        'invalid-proposal',
      ],
    ];
    for (const [change, reason] of cases) {
      expect(createAssembly(handle, { ...plenary(), ...change })).toStrictEqual({
        ok: false,
        reason,
      });
    }
    expect(readAssemblies(handle.doc(), 'montreuil')).toStrictEqual([]);
  });

  it('reorders items, and two members moving items at once keep every item once', () => {
    const { handle } = scope();
    createAssembly(handle, plenary());
    expect(moveAgendaItem(handle, 'plenary-1', 'vote', 0).ok).toBe(true);
    expect(view(handle).agenda.map((item) => item.id)).toStrictEqual(['vote', 'info', 'talk']);
    const other = copyOf(handle);
    moveAgendaItem(handle, 'plenary-1', 'talk', 0);
    moveAgendaItem(other, 'plenary-1', 'info', 2);
    addAgendaItem(other, 'plenary-1', {
      id: 'misc',
      title: 'Divers',
      kind: 'information',
      minutes: 5,
    });
    handle.merge(other);
    const order = view(handle).agenda.map((item) => item.id);
    expect([...order].sort()).toStrictEqual(['info', 'misc', 'talk', 'vote']);
    expect(order[0]).toBe('talk');
    expect(removeAgendaItem(handle, 'plenary-1', 'misc').ok).toBe(true);
    expect(view(handle).agenda).toHaveLength(3);
  });

  it('is approved once, then the agenda is fixed and items can be taken in turn', () => {
    const { handle } = scope();
    createAssembly(handle, plenary());
    expect(setCurrentItem(handle, 'plenary-1', 'info', AT)).toStrictEqual({
      ok: false,
      reason: 'agenda-not-approved',
    });
    expect(approveAgenda(handle, 'plenary-1', alice.did, AT).ok).toBe(true);
    expect(approveAgenda(handle, 'plenary-1', bob.did, AT)).toStrictEqual({
      ok: false,
      reason: 'agenda-approved',
    });
    expect(
      addAgendaItem(handle, 'plenary-1', {
        id: 'late',
        title: 'Tard',
        kind: 'information',
        minutes: 5,
      }),
    ).toStrictEqual({ ok: false, reason: 'agenda-approved' });
    expect(nextItem(handle, 'plenary-1', AT).ok).toBe(true);
    expect(view(handle)).toMatchObject({ currentItem: 'info', currentSince: AT });
    nextItem(handle, 'plenary-1', '2026-12-05T14:05:00.000Z');
    expect(view(handle).currentItem).toBe('talk');
    nextItem(handle, 'plenary-1', AT);
    nextItem(handle, 'plenary-1', AT);
    expect(view(handle).currentItem).toBeNull();
  });

  it('keeps a speaking queue: requests from two devices both stand, next gives the floor once', () => {
    const { handle } = scope();
    createAssembly(handle, plenary());
    const other = copyOf(handle);
    requestFloor(handle, 'plenary-1', bob.did);
    requestFloor(handle, 'plenary-1', bob.did);
    requestFloor(other, 'plenary-1', chloe.did);
    handle.merge(other);
    expect(view(handle).speakingQueue).toHaveLength(2);
    const first = view(handle).speakingQueue[0];
    const again = copyOf(handle);
    nextSpeaker(handle, 'plenary-1');
    nextSpeaker(again, 'plenary-1');
    handle.merge(again);
    expect(view(handle).speaking).toBe(first);
    expect(view(handle).speakingQueue).toHaveLength(1);
    withdrawFloor(handle, 'plenary-1', view(handle).speakingQueue[0]!);
    expect(view(handle).speakingQueue).toStrictEqual([]);
    expect(requestFloor(handle, 'plenary-1', 'me')).toStrictEqual({
      ok: false,
      reason: 'invalid-member',
    });
  });
});

describe('minutes written together', () => {
  it('merges two members typing at the same time from two repos', () => {
    const { handle } = scope();
    createAssembly(handle, plenary());
    editMinutes(handle, 'plenary-1', { index: 0, remove: 0, insert: 'Présents : 3.\n' });
    const other = copyOf(handle);
    const heads = handle.heads();
    // Each types at the end of the text they see, without having seen the other's words.
    editMinutes(handle, 'plenary-1', {
      heads,
      index: 14,
      remove: 0,
      insert: 'Alice : le local est trouvé.\n',
    });
    editMinutes(other, 'plenary-1', {
      heads: other.heads(),
      index: 14,
      remove: 0,
      insert: 'Bob : budget en hausse.\n',
    });
    // A late edit made at the old heads is placed where its author saw it, not over others' words.
    editMinutes(handle, 'plenary-1', { heads, index: 0, remove: 0, insert: '# ' });
    handle.merge(other);
    other.merge(handle);
    const text = view(handle).minutes;
    expect(text.startsWith('# Présents : 3.\n')).toBe(true);
    expect(text).toContain('Alice : le local est trouvé.\n');
    expect(text).toContain('Bob : budget en hausse.\n');
    expect(view(other).minutes).toBe(text);
  });

  it('is ratified by a later plenary of the same scope only', () => {
    const { handle } = scope();
    createAssembly(handle, plenary('november', '2026-11-07T14:00:00.000Z'));
    createAssembly(handle, plenary('december', AT));
    const all = readAssemblies(handle.doc(), 'montreuil');
    expect(previousAssembly(all, all[1]!)?.id).toBe('november');
    expect(previousAssembly(all, all[0]!)).toBeNull();
    expect(ratifyMinutes(handle, 'december', 'november', AT)).toStrictEqual({
      ok: false,
      reason: 'not-earlier',
    });
    expect(ratifyMinutes(handle, 'november', 'december', AT).ok).toBe(true);
    expect(view(handle, 'november').minutesRatified).toStrictEqual({
      assembly: 'december',
      at: AT,
    });
  });

  it('keeps action items with who and when', () => {
    const { handle } = scope();
    createAssembly(handle, plenary());
    expect(
      addAction(handle, 'plenary-1', { id: 'a2', what: 'Devis', who: bob.did, due: '2026-12-20' })
        .ok,
    ).toBe(true);
    expect(
      addAction(handle, 'plenary-1', { id: 'a1', what: 'Clés', who: chloe.did, due: '2026-12-10' })
        .ok,
    ).toBe(true);
    expect(
      addAction(handle, 'plenary-1', { id: 'a3', what: 'x', who: bob.did, due: '20/12' }),
    ).toStrictEqual({
      ok: false,
      reason: 'invalid-date',
    });
    setActionDone(handle, 'plenary-1', 'a1', true);
    expect(view(handle).actions.map((action) => [action.id, action.done])).toStrictEqual([
      ['a1', true],
      ['a2', false],
    ]);
  });
});

describe('escalation to the federation', () => {
  it('sends a circle’s item up as a draft, then onto a federation agenda, saying where it came from', () => {
    const circle = scope('montreuil').handle;
    const federation = scope('federation').handle;
    createAssembly(circle, plenary());
    createAssembly(federation, plenary('federal', '2026-12-12T10:00:00.000Z'));
    expect(
      escalateItem(circle, federation, { assembly: 'plenary-1', item: 'vote', draft: 'd1', at: AT })
        .ok,
    ).toBe(true);
    expect(
      escalateItem(circle, federation, {
        assembly: 'plenary-1',
        item: 'vote',
        draft: 'd2',
        at: AT,
      }),
    ).toStrictEqual({
      ok: false,
      reason: 'already-escalated',
    });
    const drafts = readDrafts(federation.doc());
    expect(drafts).toMatchObject([
      {
        id: 'd1',
        title: 'Budget 2027',
        kind: 'decision',
        proposal: PROPOSAL,
        escalatedFrom: { circle: 'montreuil', assembly: 'plenary-1', item: 'vote' },
      },
    ]);
    expect(view(circle).agenda[2]!.escalated).toBe(true);
    expect(placeDraft(federation, 'd1', 'federal', 'from-montreuil').ok).toBe(true);
    const placed = view(federation, 'federal').agenda.at(-1)!;
    expect(placed).toMatchObject({
      id: 'from-montreuil',
      escalatedFrom: { circle: 'montreuil', item: 'vote' },
    });
    expect(readDrafts(federation.doc())).toStrictEqual([]);
    expect(placeDraft(federation, 'd1', 'federal', 'again')).toStrictEqual({
      ok: false,
      reason: 'unknown-draft',
    });
  });
});

describe('signed check-in', () => {
  const expected = { coop: COOP, assembly: 'plenary-1', isMember, verifier };

  it('shows members whose check-in verifies', async () => {
    const { handle } = scope();
    createAssembly(handle, plenary());
    for (const key of [alice, bob]) {
      writeCheckIn(handle, createCheckIn(key, { coop: COOP, assembly: 'plenary-1', ts: AT }));
    }
    const present = await verifiedAttendance(
      handle.doc().assemblies['plenary-1']!.checkIns,
      expected,
    );
    expect(present.map((entry) => entry.member)).toStrictEqual([alice.did, bob.did].sort());
  });

  it('ignores forged, misfiled, foreign and non-member check-ins', async () => {
    const { handle } = scope();
    createAssembly(handle, plenary());
    const sign = (key: typeof alice, unsigned: Record<string, unknown>) => ({
      ...unsigned,
      sig: signToText(key, utf8(CHECK_IN_SIGNING_PREFIX + canonicalJson(unsigned))),
    });
    const honest = createCheckIn(chloe, { coop: COOP, assembly: 'plenary-1', ts: AT });
    const records: Record<string, unknown> = {
      // Bob signs a check-in "for Chloé" with his own key.
      [chloe.did]: sign(bob, { coop: COOP, assembly: 'plenary-1', member: chloe.did, ts: AT }),
      // Chloé's real check-in, filed under Alice's key.
      [alice.did]: honest,
      // Bob's check-in at another assembly, copied here.
      [bob.did]: createCheckIn(bob, { coop: COOP, assembly: 'plenary-0', ts: AT }),
      // Zoé is no member.
      [zoe.did]: createCheckIn(zoe, { coop: COOP, assembly: 'plenary-1', ts: AT }),
    };
    const problems: Record<string, string> = {};
    for (const [key, record] of Object.entries(records)) {
      const checked = await checkCheckIn(key, canonicalJson(record), expected);
      problems[key] = checked.ok ? 'ok' : checked.problem;
    }
    expect(problems).toStrictEqual({
      [chloe.did]: 'bad-signature',
      [alice.did]: 'wrong-key',
      [bob.did]: 'wrong-assembly',
      [zoe.did]: 'not-member',
    });
    const other = createCheckIn(alice, { coop: 'd'.repeat(64), assembly: 'plenary-1', ts: AT });
    const hostile: unknown[] = [
      42,
      null,
      '{',
      '[]',
      'x'.repeat(5000),
      canonicalJson({ ...honest, extra: 1 }),
    ];
    for (const carried of hostile) {
      expect(await checkCheckIn(chloe.did, carried, expected)).toStrictEqual({
        ok: false,
        problem: 'malformed',
      });
    }
    expect((await checkCheckIn(alice.did, canonicalJson(other), expected)).ok).toBe(false);
    handle.change((doc) => {
      const checkIns = doc.assemblies['plenary-1']!.checkIns as Record<string, unknown>;
      for (const [key, record] of Object.entries(records))
        checkIns[key] = new ImmutableString(canonicalJson(record));
      checkIns['garbage'] = 17;
    });
    expect(
      await verifiedAttendance(handle.doc().assemblies['plenary-1']!.checkIns, expected),
    ).toStrictEqual([]);
    expect(await verifiedAttendance('everyone', expected)).toStrictEqual([]);
  });

  it('reads around a hostile assembly without throwing', () => {
    const { handle } = scope();
    createAssembly(handle, plenary());
    handle.change((doc) => {
      const raw = doc.assemblies as Record<string, unknown>;
      raw['broken'] = { title: 7, startsAt: AT };
      raw['weird'] = {
        title: 'Réunion',
        startsAt: AT,
        online: 'javascript:alert(1)',
        facilitator: 'me',
        agenda: {
          x: { title: 'Point', kind: 'vote', minutes: 5 },
          y: 'nope',
          ok: { title: 'OK', kind: 'information', minutes: 3 },
        },
        speakingQueue: [alice.did, 'nobody', alice.did, 5],
        currentItem: 'x',
        minutes: 12,
        actions: { a: { what: 'x', who: 'me', due: 'soon' } },
      };
    });
    const all = readAssemblies(handle.doc(), 'montreuil');
    expect(all.map((assembly) => assembly.id).sort()).toStrictEqual(['plenary-1', 'weird']);
    const weird = all.find((assembly) => assembly.id === 'weird')!;
    expect(weird).toMatchObject({
      online: '',
      facilitator: '',
      currentItem: null,
      minutes: '',
      actions: [],
    });
    expect(weird.agenda.map((item) => item.id)).toStrictEqual(['ok']);
    expect(weird.speakingQueue).toStrictEqual([alice.did]);
  });
});
