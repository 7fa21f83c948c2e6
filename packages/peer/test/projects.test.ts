import { ImmutableString, Repo, type DocHandle } from '@automerge/automerge-repo';
import { canonicalJson, signToText, utf8 } from '@integrale/identity';
import { describe, expect, it } from 'vitest';
import {
  PROJECT_RECORDS,
  PROJECT_SIGNING_PREFIX,
  changeProject,
  checkSignedRecord,
  createHelpAnswer,
  createHelpOffer,
  createProject,
  createProjectBook,
  ensureProjectsDoc,
  projectRecordMap,
  projectsDocUrl,
  readProjects,
  signedRecordId,
  writeProjectRecord,
  type ProjectsDoc,
  type ProjectsRootDoc,
  type ProjectView,
} from '../src/index.js';
import { keyOf, verifier } from './helpers/cooperative.js';

/*
 * Projects: soft data any member edits, and signed offers of help and answers that nobody can
 * forge for someone else. The projects document is untrusted input: every record is re-checked.
 */

const COOP = 'c'.repeat(64);
const TS = '2026-11-26T18:00:00.000Z';
const alice = keyOf('alice');
const bob = keyOf('bob');
const chloe = keyOf('chloe');

function setup() {
  const repo = new Repo({});
  const root = repo.create<ProjectsRootDoc>({});
  const url = ensureProjectsDoc(repo, root, 'federation');
  const handle = repo.create<ProjectsDoc>({ v: 1, scope: 'federation', projects: {} });
  expect(projectsDocUrl(root.doc(), 'federation')).toBe(url);
  const created = createProject(handle, alice, {
    coop: COOP,
    scope: 'federation',
    ts: TS,
    title: '  Épicerie   autogérée ',
    description: 'Une épicerie',
    needs: [{ id: 'n1', kind: 'time', what: 'coup de main', quantity: 3, unit: 'heures' }],
  });
  if (!created.ok) throw new Error(created.reason);
  return { repo, handle, project: created.value.id };
}

async function read(handle: DocHandle<ProjectsDoc>): Promise<ProjectView[]> {
  const book = createProjectBook({ coop: COOP, verifier });
  return readProjects(handle.doc(), await book.read(projectRecordMap(handle.doc())));
}

function forge(key: ReturnType<typeof keyOf>, unsigned: Record<string, unknown>) {
  return {
    ...unsigned,
    sig: signToText(key, utf8(PROJECT_SIGNING_PREFIX + canonicalJson(unsigned))),
  };
}

/** Writes raw text under `key` in a project's records, as a hostile member could. */
function plant(handle: DocHandle<ProjectsDoc>, project: string, key: string, text: unknown) {
  handle.change((doc) => {
    doc.projects[project]!.records[key] =
      typeof text === 'string' ? new ImmutableString(text) : text;
  });
}

describe('projects', () => {
  it('creates a project whose charter names its creator as steward', async () => {
    const { handle, project } = setup();
    const [view] = await read(handle);
    expect(view).toMatchObject({
      id: project,
      title: 'Épicerie autogérée',
      status: 'idea',
      createdBy: alice.did,
      stewards: [alice.did],
      scope: 'federation',
    });
    expect(view!.needs[0]).toMatchObject({ quantity: 3, covered: 0, unit: 'heures' });
  });

  it('refuses impossible projects with a reason', () => {
    const { handle } = setup();
    const base = { coop: COOP, scope: 'federation', ts: TS, description: '' };
    expect(createProject(handle, alice, { ...base, title: '   ' })).toEqual({
      ok: false,
      reason: 'invalid-title',
    });
    expect(createProject(handle, alice, { ...base, title: 'x'.repeat(121) }).ok).toBe(false);
    expect(createProject(handle, alice, { ...base, scope: 'paris', title: 'x' })).toEqual({
      ok: false,
      reason: 'invalid-scope',
    });
    const badNeed = { id: 'n', kind: 'time' as const, what: 'x', quantity: 0, unit: '' };
    expect(createProject(handle, alice, { ...base, title: 'x', needs: [badNeed] })).toEqual({
      ok: false,
      reason: 'invalid-quantity',
    });
  });

  it('merges description edits made by two members at once', async () => {
    const { repo, handle, project } = setup();
    const other = repo.create<ProjectsDoc>();
    other.merge(handle);
    expect(
      changeProject(
        handle,
        project,
        { type: 'description', text: 'Une épicerie bio' },
        alice.did,
        TS,
      ).ok,
    ).toBe(true);
    expect(
      changeProject(
        other,
        project,
        { type: 'description', text: 'Une belle épicerie' },
        bob.did,
        TS,
      ).ok,
    ).toBe(true);
    handle.merge(other);
    const [view] = await read(handle);
    expect(view!.description).toBe('Une belle épicerie bio');
  });

  it('keeps a journal, tasks and status, checked', async () => {
    const { handle, project } = setup();
    changeProject(handle, project, { type: 'status', status: 'active' }, bob.did, TS);
    changeProject(handle, project, { type: 'journal', text: 'Local trouvé' }, bob.did, TS);
    changeProject(
      handle,
      project,
      { type: 'add-task', id: 't1', what: 'Peindre', who: bob.did, due: '2026-12-01' },
      bob.did,
      TS,
    );
    changeProject(handle, project, { type: 'task-done', task: 't1', done: true }, bob.did, TS);
    expect(
      changeProject(handle, project, { type: 'status', status: 'gone' as 'idea' }, bob.did, TS),
    ).toEqual({ ok: false, reason: 'invalid-status' });
    expect(
      changeProject(
        handle,
        project,
        { type: 'add-task', id: 'BAD ID', what: 'x', who: '', due: '' },
        bob.did,
        TS,
      ).ok,
    ).toBe(false);
    expect(changeProject(handle, 'nope', { type: 'journal', text: 'x' }, bob.did, TS)).toEqual({
      ok: false,
      reason: 'unknown-project',
    });
    const [view] = await read(handle);
    expect(view!.status).toBe('active');
    expect(view!.journal).toEqual([{ by: bob.did, at: TS, text: 'Local trouvé' }]);
    expect(view!.tasks).toEqual([
      { id: 't1', what: 'Peindre', who: bob.did, due: '2026-12-01', done: true },
    ]);
  });

  it('counts an offer once a steward accepts it, and the need shows covered', async () => {
    const { handle, project } = setup();
    const offer = createHelpOffer(bob, {
      coop: COOP,
      project,
      need: 'n1',
      quantity: 3,
      note: '',
      ts: TS,
    });
    const written = writeProjectRecord(handle, offer);
    expect(written.ok).toBe(true);
    let [view] = await read(handle);
    expect(view!.offers).toMatchObject([{ by: bob.did, state: 'offered', quantity: 3 }]);
    expect(view!.needs[0]).toMatchObject({ offered: 3, accepted: 0, covered: 0 });
    writeProjectRecord(
      handle,
      createHelpAnswer(alice, {
        coop: COOP,
        project,
        offer: signedRecordId(offer),
        answer: 'accepted',
        ts: TS,
      }),
    );
    [view] = await read(handle);
    expect(view!.offers[0]).toMatchObject({ state: 'accepted', answeredBy: alice.did });
    expect(view!.needs[0]).toMatchObject({ offered: 0, accepted: 3, covered: 3 });
  });

  it('ignores an acceptance signed by a member who is not a steward', async () => {
    const { handle, project } = setup();
    const offer = createHelpOffer(bob, {
      coop: COOP,
      project,
      need: 'n1',
      quantity: 2,
      note: '',
      ts: TS,
    });
    writeProjectRecord(handle, offer);
    // Bob accepts his own offer; Chloé too: neither is a steward.
    for (const key of [bob, chloe]) {
      writeProjectRecord(
        handle,
        createHelpAnswer(key, {
          coop: COOP,
          project,
          offer: signedRecordId(offer),
          answer: 'accepted',
          ts: TS,
        }),
      );
    }
    // And one tries to make himself steward by editing the soft data: the charter decides.
    handle.change((doc) => {
      (doc.projects[project] as unknown as Record<string, unknown>)['stewards'] = [bob.did];
    });
    const [view] = await read(handle);
    expect(view!.stewards).toEqual([alice.did]);
    expect(view!.offers[0]!.state).toBe('offered');
    expect(view!.needs[0]!.covered).toBe(0);
  });

  it('ignores offers that do not verify: forged signer, altered text, wrong id, garbage', async () => {
    const { handle, project } = setup();
    const offer = createHelpOffer(bob, {
      coop: COOP,
      project,
      need: 'n1',
      quantity: 3,
      note: '',
      ts: TS,
    });
    // Signed by Chloé but saying it is Bob's.
    const { sig: _sig, ...unsigned } = offer;
    const forged = forge(chloe, unsigned) as unknown as typeof offer;
    plant(handle, project, signedRecordId(forged), canonicalJson(forged));
    // Bob's record with its quantity changed after signing.
    const altered = { ...offer, quantity: 300 };
    plant(handle, project, signedRecordId(altered), canonicalJson(altered));
    // A valid record under another key.
    plant(handle, project, 'f'.repeat(64), canonicalJson(offer));
    // Garbage of every kind.
    plant(handle, project, 'a'.repeat(64), '{not json');
    plant(handle, project, 'b'.repeat(64), 'x'.repeat(100_000));
    plant(handle, project, 'd'.repeat(64), 42);
    plant(handle, project, 'e'.repeat(64), canonicalJson({ ...offer, extra: 1 }));
    // For another cooperative.
    const elsewhere = createHelpOffer(bob, {
      coop: 'e'.repeat(64),
      project,
      need: 'n1',
      quantity: 3,
      note: '',
      ts: TS,
    });
    plant(handle, project, signedRecordId(elsewhere), canonicalJson(elsewhere));
    const [view] = await read(handle);
    expect(view!.offers).toEqual([]);
    const problems = await Promise.all(
      [
        [signedRecordId(forged), canonicalJson(forged)],
        [signedRecordId(altered), canonicalJson(altered)],
        ['f'.repeat(64), canonicalJson(offer)],
        ['a'.repeat(64), '{not json'],
        ['b'.repeat(64), 'x'.repeat(100_000)],
        ['d'.repeat(64), 42],
        [signedRecordId(elsewhere), canonicalJson(elsewhere)],
      ].map(async ([key, text]) => {
        const checked = await checkSignedRecord(
          key as string,
          text,
          COOP,
          verifier,
          PROJECT_RECORDS,
        );
        return checked.ok ? 'ok' : checked.problem;
      }),
    );
    expect(problems).toEqual([
      'bad-signature',
      'bad-signature',
      'id-mismatch',
      'not-json',
      'too-large',
      'not-text',
      'wrong-coop',
    ]);
  });

  it('ignores offers of impossible shape even when signed', async () => {
    const { handle, project } = setup();
    const hostile = [
      { quantity: 0 },
      { quantity: 1.5 },
      { quantity: -3 },
      { quantity: 1e15 },
      { need: '../../x' },
      { note: 'x'.repeat(281) },
      { project: 'not-an-id' },
    ];
    for (const change of hostile) {
      const record = forge(bob, {
        v: 1,
        type: 'help',
        coop: COOP,
        author: bob.did,
        project,
        need: 'n1',
        quantity: 1,
        note: '',
        ts: TS,
        ...change,
      });
      plant(handle, project, signedRecordId(record as never), canonicalJson(record));
    }
    const [view] = await read(handle);
    expect(view!.offers).toEqual([]);
  });

  it('leaves out a project whose charter does not verify or names another scope', async () => {
    const { handle, project } = setup();
    const blank = {
      title: 'Faux',
      description: '',
      status: 'idea' as const,
      account: null,
      journal: [],
      tasks: [],
      needs: [],
      records: {},
    };
    handle.change((doc) => {
      doc.projects['9'.repeat(64)] = { ...blank, charter: new ImmutableString('forged') };
    });
    // A charter signed for a circle, copied into the federation's document.
    const circle = new Repo({}).create<ProjectsDoc>({ v: 1, scope: 'montreuil', projects: {} });
    const other = createProject(circle, alice, {
      coop: COOP,
      scope: 'montreuil',
      ts: TS,
      title: 'Ailleurs',
      description: '',
    });
    if (!other.ok) throw new Error(other.reason);
    const charter = (circle.doc().projects[other.value.id]!.charter as ImmutableString).val;
    handle.change((doc) => {
      doc.projects[other.value.id] = { ...blank, charter: new ImmutableString(charter) };
    });
    const views = await read(handle);
    expect(views.map((view) => view.id)).toEqual([project]);
  });

  it('an acceptance wins over a decline, whatever the order', async () => {
    const { handle, project } = setup();
    const offer = createHelpOffer(bob, {
      coop: COOP,
      project,
      need: 'n1',
      quantity: 1,
      note: 'samedi',
      ts: TS,
    });
    writeProjectRecord(handle, offer);
    const id = signedRecordId(offer);
    writeProjectRecord(
      handle,
      createHelpAnswer(alice, { coop: COOP, project, offer: id, answer: 'declined', ts: TS }),
    );
    let [view] = await read(handle);
    expect(view!.offers[0]!.state).toBe('declined');
    writeProjectRecord(
      handle,
      createHelpAnswer(alice, {
        coop: COOP,
        project,
        offer: id,
        answer: 'accepted',
        ts: '2026-11-26T19:00:00.000Z',
      }),
    );
    [view] = await read(handle);
    expect(view!.offers[0]!.state).toBe('accepted');
  });

  it('caps what is covered at the quantity, counting help covered outside', async () => {
    const { handle, project } = setup();
    expect(
      changeProject(handle, project, { type: 'covered', need: 'n1', covered: 2 }, alice.did, TS).ok,
    ).toBe(true);
    expect(
      changeProject(handle, project, { type: 'covered', need: 'n1', covered: -1 }, alice.did, TS)
        .ok,
    ).toBe(false);
    expect(
      changeProject(handle, project, { type: 'covered', need: 'zz', covered: 1 }, alice.did, TS),
    ).toEqual({
      ok: false,
      reason: 'unknown-need',
    });
    const offer = createHelpOffer(bob, {
      coop: COOP,
      project,
      need: 'n1',
      quantity: 3,
      note: '',
      ts: TS,
    });
    writeProjectRecord(handle, offer);
    writeProjectRecord(
      handle,
      createHelpAnswer(alice, {
        coop: COOP,
        project,
        offer: signedRecordId(offer),
        answer: 'accepted',
        ts: TS,
      }),
    );
    const [view] = await read(handle);
    expect(view!.needs[0]).toMatchObject({ coveredOutside: 2, accepted: 3, covered: 3 });
  });
});
