import {
  canonicalJson,
  createNobleBackend,
  createSignatureVerifier,
  keyPairFromSeed,
} from '@integrale/identity';
import { ImmutableString } from '@automerge/automerge-repo';
import { createCheckIn, type ScopeDoc } from '@integrale/peer';
import { describe, expect, it } from 'vitest';
import { createInMemoryAssemblies } from './in-memory-assemblies.js';

/*
 * The runtime's assemblies part over real Automerge documents in memory: circles open their own
 * document for their members, actions go to the right scope, check-ins are verified before they
 * show, and bad input comes back as a reason.
 */

const key = (n: number) => keyPairFromSeed(new Uint8Array(32).fill(n));
const alice = key(1);
const bob = key(2);
const zoe = key(9); // no member
const members = new Set([alice.did, bob.did]);
const verifier = createSignatureVerifier(createNobleBackend());

function setup() {
  let changes = 0;
  const side = createInMemoryAssemblies({
    self: alice.did,
    member: alice,
    verifier,
    isMember: (did) => members.has(did),
    changed: () => changes++,
  });
  return { side, changes: () => changes };
}

/** Resolves once `check` holds after a change (documents open asynchronously). */
async function until<T>(read: () => T | null | undefined | false): Promise<T> {
  await expect.poll(read).toBeTruthy();
  return read() as T;
}

const agenda = [
  { title: 'Nouvelles', kind: 'information' as const, minutes: 5 },
  { title: 'Local', kind: 'discussion' as const, minutes: 20 },
  { title: 'Budget', kind: 'decision' as const, minutes: 15, proposal: 'a'.repeat(64) },
];

describe('the assemblies part of the runtime', () => {
  it('creates a circle, opens its document, and plans an assembly there', async () => {
    const { side } = setup();
    const circle = await side.createCircle('Montreuil');
    expect(circle.ok).toBe(true);
    if (!circle.ok) return;
    expect(side.assembliesSnapshot().circles).toMatchObject([
      { name: 'Montreuil', joined: true, members: [alice.did] },
    ]);
    const made = await side.createAssembly({
      scope: circle.id,
      title: 'Plénière de Montreuil',
      startsAt: '2026-12-05T14:00:00.000Z',
      place: 'Montreuil',
      online: '',
      agenda,
    });
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    const listed = await until(() => side.assembliesSnapshot().assemblies[0]);
    expect(listed).toMatchObject({ scope: circle.id, facilitator: alice.did });
    expect(listed.agenda.map((item) => item.kind)).toStrictEqual([
      'information',
      'discussion',
      'decision',
    ]);
  });

  it('refuses a scope the member is not in, and bad input, with reasons', async () => {
    const { side } = setup();
    const base = {
      title: 'X',
      startsAt: '2026-12-05T14:00:00.000Z',
      place: '',
      online: '',
      agenda: [],
    };
    expect(await side.createAssembly({ ...base, scope: 'nowhere' })).toStrictEqual({
      ok: false,
      reason: 'unknown-scope',
    });
    expect(await side.createAssembly({ ...base, scope: 'federation', title: '' })).toStrictEqual({
      ok: false,
      reason: 'invalid-title',
    });
    expect(
      await side.createAssembly({ ...base, scope: 'federation', online: 'javascript:alert(1)' }),
    ).toStrictEqual({
      ok: false,
      reason: 'invalid-link',
    });
    expect(await side.createCircle('')).toStrictEqual({ ok: false, reason: 'invalid-name' });
    expect(await side.joinCircle('nope')).toStrictEqual({ ok: false, reason: 'unknown-circle' });
    expect(
      await side.meetingAction('federation', 'missing', { type: 'approve-agenda' }),
    ).toStrictEqual({
      ok: false,
      reason: 'unknown-assembly',
    });
  });

  it('runs a meeting: check-in, agenda, floor, minutes', async () => {
    const { side } = setup();
    const made = await side.createAssembly({
      scope: 'federation',
      title: 'Plénière fédérale',
      startsAt: '2026-12-05T14:00:00.000Z',
      place: '',
      online: 'https://visio.example/coop',
      agenda,
    });
    if (!made.ok) throw new Error(made.reason);
    const id = made.id;
    expect((await side.meetingAction('federation', id, { type: 'check-in' })).ok).toBe(true);
    const present = await until(
      () => side.meeting('federation', id)?.checkedIn && side.meeting('federation', id),
    );
    expect(present.present).toStrictEqual([alice.did]);
    expect(await side.meetingAction('federation', id, { type: 'next-item' })).toStrictEqual({
      ok: false,
      reason: 'agenda-not-approved',
    });
    await side.meetingAction('federation', id, { type: 'approve-agenda' });
    await side.meetingAction('federation', id, { type: 'next-item' });
    await side.meetingAction('federation', id, { type: 'request-floor' });
    const meeting = side.meeting('federation', id)!;
    expect(meeting.assembly.currentItem).toBe(meeting.assembly.agenda[0]!.id);
    expect(meeting.assembly.speakingQueue).toStrictEqual([alice.did]);
    const first = side.editMinutes('federation', id, {
      heads: meeting.heads,
      index: 0,
      remove: 0,
      insert: 'Ouverture.',
    });
    if (!first.ok) throw new Error(first.reason);
    // The next keystroke builds on the heads the first one answered.
    side.editMinutes('federation', id, {
      heads: first.heads,
      index: 10,
      remove: 0,
      insert: ' Tour de table.',
    });
    expect(side.meeting('federation', id)!.assembly.minutes).toBe('Ouverture. Tour de table.');
    expect(
      side.editMinutes('federation', id, { heads: [], index: -1, remove: 0, insert: 'x' }),
    ).toStrictEqual({
      ok: false,
      reason: 'invalid-item',
    });
  });

  it('sends a circle’s item up to the federation, where it goes onto an agenda', async () => {
    const { side } = setup();
    const circle = await side.createCircle('Paris 20e');
    if (!circle.ok) throw new Error(circle.reason);
    const base = { startsAt: '2026-12-05T14:00:00.000Z', place: '', online: '' };
    const local = await side.createAssembly({ ...base, scope: circle.id, title: 'Cercle', agenda });
    const federal = await side.createAssembly({
      ...base,
      scope: 'federation',
      title: 'Fédé',
      agenda: [],
    });
    if (!local.ok || !federal.ok) throw new Error('not created');
    await until(() => side.meeting(circle.id, local.id));
    const budget = side.meeting(circle.id, local.id)!.assembly.agenda[2]!;
    expect(
      (await side.meetingAction(circle.id, local.id, { type: 'escalate', item: budget.id })).ok,
    ).toBe(true);
    expect(side.meeting(circle.id, local.id)!.assembly.agenda[2]!.escalated).toBe(true);
    const [draft] = side.assembliesSnapshot().drafts;
    expect(draft).toMatchObject({
      title: 'Budget',
      escalatedFrom: { circle: circle.id, assembly: local.id },
    });
    await side.meetingAction('federation', federal.id, { type: 'place-draft', draft: draft!.id });
    const placed = side.meeting('federation', federal.id)!.assembly.agenda;
    expect(placed).toMatchObject([
      { title: 'Budget', kind: 'decision', escalatedFrom: { circle: circle.id } },
    ]);
    expect(side.assembliesSnapshot().drafts).toStrictEqual([]);
  });

  it('shows only check-ins that verify, for members, at this assembly', async () => {
    const { side } = setup();
    const made = await side.createAssembly({
      scope: 'federation',
      title: 'Plénière',
      startsAt: '2026-12-05T14:00:00.000Z',
      place: 'Bagnolet',
      online: '',
      agenda: [],
    });
    if (!made.ok) throw new Error(made.reason);
    const root = side.root.doc();
    const federation = await side.repo.find<ScopeDoc>(root.federation!);
    const coop = 'c'.repeat(64);
    federation.change((doc) => {
      const checkIns = doc.assemblies[made.id]!.checkIns as Record<string, unknown>;
      const text = (record: object) => new ImmutableString(canonicalJson(record));
      checkIns[zoe.did] = text(
        createCheckIn(zoe, { coop, assembly: made.id, ts: '2026-12-05T14:00:00.000Z' }),
      );
      checkIns[bob.did] = text({
        ...createCheckIn(alice, { coop, assembly: made.id, ts: 'x' }),
        member: bob.did,
      });
      checkIns[alice.did] = text(createCheckIn(alice, { coop, assembly: 'other', ts: 'x' }));
    });
    await side.meetingAction('federation', made.id, { type: 'request-floor' });
    // Wait for verification to settle on a known-good record, then check the bad ones never show.
    federation.change((doc) => {
      const checkIns = doc.assemblies[made.id]!.checkIns as Record<string, unknown>;
      checkIns[bob.did] = new ImmutableString(
        canonicalJson(createCheckIn(bob, { coop, assembly: made.id, ts: 'x' })),
      );
    });
    await until(() => side.meeting('federation', made.id)?.present.length === 1);
    expect(side.meeting('federation', made.id)!.present).toStrictEqual([bob.did]);
    expect(side.meeting('federation', made.id)!.checkedIn).toBe(false);
  });
});
