import { type DocHandle } from '@automerge/automerge-repo';
import { type KeyPair } from '@integrale/identity';
import { entryId } from '@integrale/ledger';
import {
  createHelpAnswer,
  createHelpOffer,
  createListing,
  writeMarketRecord,
  writeProjectRecord,
  type CooperativePeer,
  type MarketDoc,
  type ProjectsDoc,
} from '@integrale/peer';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createProjectsSide, type ProjectsSide } from '../../src/runtime/projects.js';

import {
  alice,
  bob,
  startRealCooperative,
  stranger as mallory,
  verifier,
  type RealCooperative,
} from '../support/real-cooperative.js';

/*
 * The browser runtime's projects part over a real cooperative peer (real Automerge documents,
 * real signatures, the real ledger): records another member (or a non-member) wrote arrive as
 * changes of the documents, and everything shown is what this peer verified.
 */

const TS = '2026-11-26T10:00:00.000Z';
let ids = 0;

let cooperative: RealCooperative;
let peer: CooperativePeer;
let sides: ProjectsSide[];

/** A projects part for `member` over the shared peer (two members on one peer, for the test). */
function sideFor(member: KeyPair): ProjectsSide {
  const listeners = new Set<() => void>();
  const side = createProjectsSide({
    peer: () => peer,
    member: () => member,
    verifier: () => verifier,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    changed: () => {
      for (const listener of [...listeners]) listener();
    },
    clock: () => Date.parse(TS),
    newId: () => `id${++ids}`,
    log: () => undefined,
  });
  sides.push(side);
  return side;
}

beforeEach(async () => {
  sides = [];
  cooperative = await startRealCooperative({ clock: () => Date.parse(TS) });
  peer = cooperative.peer;
});

afterEach(async () => {
  for (const side of sides) side.stop();
  await cooperative.stop();
});

const NEED = { kind: 'time' as const, what: 'Coup de main', quantity: 3, unit: 'heures' };

describe('projects over a real peer', () => {
  it('creates a project, takes an offer signed elsewhere, and only a steward’s answer counts', async () => {
    const side = sideFor(alice);
    const bobs = sideFor(bob);
    expect(
      await side.createProject({ scope: 'nowhere', title: 'X', description: '', needs: [] }),
    ).toEqual({ ok: false, reason: 'unknown-scope' });
    const created = await side.createProject({
      scope: 'federation',
      title: 'Épicerie',
      description: 'Une épicerie',
      needs: [NEED],
    });
    if (!created.ok) throw new Error(created.reason);
    const [project] = side.projectsSnapshot().projects;
    expect(project).toMatchObject({ id: created.id, stewards: [alice.did], title: 'Épicerie' });
    const need = project!.needs[0]!.id;

    // Hostile input through the runtime: refused with a reason, nothing written.
    for (const quantity of [0, -1, 1.5, Number.NaN, 1e12]) {
      expect(await bobs.offerHelp({ project: created.id, need, quantity, note: '' })).toEqual({
        ok: false,
        reason: 'invalid-quantity',
      });
    }
    expect(
      await bobs.offerHelp({ project: created.id, need: 'zz', quantity: 1, note: '' }),
    ).toEqual({ ok: false, reason: 'unknown-need' });
    const offered = await bobs.offerHelp({ project: created.id, need, quantity: 3, note: '' });
    if (!offered.ok) throw new Error(offered.reason);
    expect(await bobs.answerHelp(created.id, offered.id, 'accepted')).toEqual({
      ok: false,
      reason: 'not-steward',
    });

    // A forged acceptance written straight into the document by a non-steward counts for nothing.
    const url = peer.root().doc().projects!['federation']!;
    const handle: DocHandle<ProjectsDoc> = await peer.repo.find<ProjectsDoc>(url);
    writeProjectRecord(
      handle,
      createHelpAnswer(mallory, {
        coop: peer.coop,
        project: created.id,
        offer: offered.id,
        answer: 'accepted',
        ts: TS,
      }),
    );
    await vi.waitFor(() =>
      expect(side.projectsSnapshot().projects[0]!.offers).toMatchObject([
        { by: bob.did, state: 'offered' },
      ]),
    );
    expect((await side.answerHelp(created.id, offered.id, 'accepted')).ok).toBe(true);
    expect(side.projectsSnapshot().projects[0]!.needs[0]).toMatchObject({ covered: 3 });
    await vi.waitFor(() =>
      expect(bobs.projectsSnapshot().projects[0]!.needs[0]).toMatchObject({ covered: 3 }),
    );
    expect(await side.answerHelp(created.id, offered.id, 'declined')).toEqual({
      ok: false,
      reason: 'already-answered',
    });

    // An offer Bob signed on another device, arriving as a document change.
    writeProjectRecord(
      handle,
      createHelpOffer(bob, {
        coop: peer.coop,
        project: created.id,
        need,
        quantity: 1,
        note: '',
        ts: TS,
      }),
    );
    await vi.waitFor(() => expect(side.projectsSnapshot().projects[0]!.offers).toHaveLength(2));
  });

  it('keeps soft edits checked: status, journal, tasks', async () => {
    const side = sideFor(alice);
    const created = await side.createProject({
      scope: 'federation',
      title: 'Atelier',
      description: '',
      needs: [],
    });
    if (!created.ok) throw new Error(created.reason);
    expect((await side.editProject(created.id, { type: 'status', status: 'active' })).ok).toBe(
      true,
    );
    expect(
      await side.editProject(created.id, { type: 'status', status: '<b>' as 'active' }),
    ).toEqual({ ok: false, reason: 'invalid-status' });
    expect(await side.editProject(created.id, { type: 'journal', text: '   ' })).toEqual({
      ok: false,
      reason: 'invalid-text',
    });
    expect(
      (await side.editProject(created.id, { type: 'add-task', what: 'Peindre', who: '', due: '' }))
        .ok,
    ).toBe(true);
    expect(await side.editProject('f'.repeat(64), { type: 'journal', text: 'x' })).toEqual({
      ok: false,
      reason: 'unknown-project',
    });
    expect(side.projectsSnapshot().projects[0]).toMatchObject({
      status: 'active',
      tasks: [{ what: 'Peindre', done: false }],
    });
  });

  it('lists members’ offers, not a non-member’s, and finds the payments naming an offer', async () => {
    const side = sideFor(alice);
    const bobs = sideFor(bob);
    expect(
      await bobs.addListing({
        kind: 'offer',
        title: 'Vélo',
        description: '',
        category: 'services',
        price: 0.5,
        unit: '',
      }),
    ).toEqual({ ok: false, reason: 'invalid-price' });
    const listed = await bobs.addListing({
      kind: 'offer',
      title: 'Réparation de vélo',
      description: '',
      category: 'services',
      price: 1500,
      unit: '',
    });
    if (!listed.ok) throw new Error(listed.reason);
    expect(await side.closeListing(listed.id)).toEqual({ ok: false, reason: 'not-author' });
    const market = await peer.repo.find<MarketDoc>(peer.root().doc().market!);
    writeMarketRecord(
      market,
      createListing(mallory, {
        kind: 'offer',
        title: 'Arnaque',
        description: '',
        category: 'autre',
        price: null,
        unit: '',
        coop: peer.coop,
        ts: TS,
      }),
    );
    await vi.waitFor(() =>
      expect(side.projectsSnapshot().listings.map((l) => l.title)).toEqual(['Réparation de vélo']),
    );
    expect(side.offerPayments(listed.id)).toEqual([]);
    const pay = await peer.pay(bob.did, 1500, `Réparation de vélo [offre:${listed.id}]`);
    await peer.pay(bob.did, 100, 'autre chose');
    await vi.waitFor(() =>
      expect(side.offerPayments(listed.id)).toEqual([
        { entry: entryId(pay), from: alice.did, amount: 1500, ts: pay.ts },
      ]),
    );
    expect((await bobs.closeListing(listed.id)).ok).toBe(true);
    expect(side.projectsSnapshot().listings[0]!.closed).toBe(true);
  });
});
