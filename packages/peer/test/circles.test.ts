import { save } from '@automerge/automerge';
import { Repo, type DocHandle } from '@automerge/automerge-repo';
import { describe, expect, it } from 'vitest';
import {
  FEDERATION,
  createAssembly,
  createCircle,
  ensureFederation,
  federationUrl,
  joinCircle,
  leaveCircle,
  readCircles,
  scopeUrl,
  setMinutes,
  type AssemblyInput,
  type CirclesRootDoc,
  type ScopeDoc,
} from '../src/index.js';
import { keyOf } from './helpers/cooperative.js';

/*
 * Circles are soft data in the root document, which every member writes: reading it is reading
 * untrusted input. Each scope has a document of its own, so a circle's assemblies grow only it.
 */

const alice = keyOf('alice').did;
const bob = keyOf('bob').did;
const AT = '2026-11-26T18:00:00.000Z';

function setup() {
  const repo = new Repo({});
  const root = repo.create<CirclesRootDoc>({});
  return { repo, root };
}

const bytes = (handle: DocHandle<unknown>): number => save(handle.doc() as object).byteLength;

function assembly(id: string, agenda = 3): AssemblyInput {
  return {
    id,
    title: `Plénière ${id}`,
    startsAt: '2026-12-05T14:00:00.000Z',
    place: 'Maison des Babayagas, Montreuil',
    online: '',
    facilitator: alice,
    agenda: Array.from({ length: agenda }, (_, index) => ({
      id: `item-${index}`,
      title: `Point ${index}`,
      kind: 'discussion' as const,
      minutes: 10,
    })),
  };
}

describe('circles', () => {
  it('creates a circle with its own document and its creator as first member', () => {
    const { repo, root } = setup();
    const made = createCircle(repo, root, {
      id: 'montreuil',
      name: '  Montreuil ',
      by: alice,
      at: AT,
    });
    expect(made.ok).toBe(true);
    const circles = readCircles(root.doc());
    expect(circles).toHaveLength(1);
    expect(circles[0]).toMatchObject({
      id: 'montreuil',
      name: 'Montreuil',
      members: [alice],
      createdBy: alice,
    });
    expect(scopeUrl(root.doc(), 'montreuil')).toBe(circles[0]!.docUrl);
  });

  it('refuses an empty or too long name, and a name already taken (case and accents aside)', () => {
    const { repo, root } = setup();
    expect(createCircle(repo, root, { id: 'a', name: '   ', by: alice, at: AT })).toStrictEqual({
      ok: false,
      reason: 'invalid-name',
    });
    expect(createCircle(repo, root, { id: 'b', name: 'x'.repeat(81), by: alice, at: AT }).ok).toBe(
      false,
    );
    expect(createCircle(repo, root, { id: 'c', name: 'Paris 20e', by: alice, at: AT }).ok).toBe(
      true,
    );
    expect(createCircle(repo, root, { id: 'd', name: 'PÀRIS 20E', by: bob, at: AT })).toStrictEqual(
      {
        ok: false,
        reason: 'name-taken',
      },
    );
    expect(
      createCircle(repo, root, { id: FEDERATION, name: 'Fédé', by: bob, at: AT }),
    ).toStrictEqual({
      ok: false,
      reason: 'invalid-name',
    });
  });

  it('lets a member join in one step and leave, joining twice changing nothing', () => {
    const { repo, root } = setup();
    createCircle(repo, root, { id: 'montreuil', name: 'Montreuil', by: alice, at: AT });
    expect(joinCircle(root, 'montreuil', bob, AT).ok).toBe(true);
    expect(joinCircle(root, 'montreuil', bob, '2027-01-01T00:00:00.000Z').ok).toBe(true);
    expect(readCircles(root.doc())[0]!.members).toStrictEqual([alice, bob].sort());
    expect(root.doc().circles!['montreuil']!.members[bob]).toBe(AT);
    expect(leaveCircle(root, 'montreuil', bob).ok).toBe(true);
    expect(readCircles(root.doc())[0]!.members).toStrictEqual([alice]);
    expect(joinCircle(root, 'nowhere', bob, AT)).toStrictEqual({
      ok: false,
      reason: 'unknown-circle',
    });
    expect(joinCircle(root, 'montreuil', 'not-a-did', AT)).toStrictEqual({
      ok: false,
      reason: 'invalid-member',
    });
  });

  it('ignores hostile circle records in the root document', () => {
    const { root } = setup();
    const valid = new Repo({}).create(emptyDoc()).url;
    root.change((doc) => {
      Object.assign(doc, {
        circles: {
          ok: {
            name: 'Bagnolet',
            docUrl: valid,
            createdBy: alice,
            createdAt: AT,
            members: { [alice]: AT, junk: AT },
          },
          'Bad Id!': { name: 'x', docUrl: valid, createdBy: alice, createdAt: AT, members: {} },
          noname: { name: 42, docUrl: valid },
          badurl: { name: 'Pantin', docUrl: 'https://evil.example/' },
          nomembers: { name: 'Vincennes', docUrl: valid, members: 'everyone' },
          notobject: 'circle',
        },
        federation: 'javascript:alert(1)',
      });
    });
    const circles = readCircles(root.doc());
    expect(circles.map((circle) => circle.id)).toStrictEqual(['ok', 'nomembers']);
    expect(circles[0]!.members).toStrictEqual([alice]);
    expect(circles[1]!.members).toStrictEqual([]);
    expect(federationUrl(root.doc())).toBeNull();
    expect(readCircles(undefined)).toStrictEqual([]);
  });

  it('creates the federation document once, then keeps it', () => {
    const { repo, root } = setup();
    const url = ensureFederation(repo, root);
    expect(ensureFederation(repo, root)).toBe(url);
    expect(scopeUrl(root.doc(), FEDERATION)).toBe(url);
  });
});

function emptyDoc(): ScopeDoc {
  return { v: 1, scope: 'x', assemblies: {} };
}

describe('documents split by scope', () => {
  it('grows a circle’s document with its assemblies, not the root’s nor the federation’s', async () => {
    const { repo, root } = setup();
    const federation = await repo.find<ScopeDoc>(ensureFederation(repo, root));
    const made = createCircle(repo, root, {
      id: 'montreuil',
      name: 'Montreuil',
      by: alice,
      at: AT,
    });
    if (!made.ok) throw new Error('no circle');
    const circle = await repo.find<ScopeDoc>(made.value.docUrl);
    const before = { root: bytes(root), federation: bytes(federation), circle: bytes(circle) };
    for (let index = 0; index < 20; index++) {
      const id = `plenary-${index}`;
      expect(createAssembly(circle, assembly(id, 5)).ok).toBe(true);
      setMinutes(circle, id, 'Compte rendu de la séance, adopté à l’unanimité. '.repeat(20));
    }
    const after = { root: bytes(root), federation: bytes(federation), circle: bytes(circle) };
    expect(after.root).toBe(before.root);
    expect(after.federation).toBe(before.federation);
    expect(after.circle).toBeGreaterThan(before.circle * 4);
  });
});
