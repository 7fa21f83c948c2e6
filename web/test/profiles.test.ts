import { ImmutableString, type DocHandle } from '@automerge/automerge-repo';
import {
  canonicalJson,
  createNobleBackend,
  createSignatureVerifier,
  keyPairFromSeed,
  type KeyPair,
} from '@integrale/identity';
import { createJoin, entryId, type MemberInfo } from '@integrale/ledger';
import {
  createProfile,
  foundCooperative,
  type CooperativePeer,
  type LedgerDoc,
  type ProfilesDoc,
} from '@integrale/peer';
import { createNodePeer, type IntegraleNode } from '@integrale/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memberSearch, readFoundForm, type FoundFormInput } from '../src/app/screen-logic.js';
import { createTranslator } from '../src/i18n/translator.js';
import {
  createProfilesSide,
  isOwnProfileName,
  writeOwnProfile,
  type ProfilesSide,
} from '../src/runtime/profiles.js';

/*
 * The founder's name, end to end below the screens: the create form reads it, the runtime signs
 * it into the root document of a real cooperative peer (real Automerge, real signatures), and the
 * members the screens get carry it — and the payee search finds it.
 */

const TS = '2026-11-26T10:00:00.000Z';
const verifier = createSignatureVerifier(createNobleBackend());
const seeded = (n: number): KeyPair => keyPairFromSeed(new Uint8Array(32).fill(n));
const alice = seeded(1);
const bob = seeded(2);
const mallory = seeded(3);
const fr = createTranslator('fr');

let node: IntegraleNode;
let peer: CooperativePeer;
let side: ProfilesSide;
let changes = 0;

function root(): DocHandle<ProfilesDoc> {
  return peer.root() as unknown as DocHandle<ProfilesDoc>;
}

/** The members the screens would get, once the profiles part has read the last change. */
async function shownMembers(expected: (members: MemberInfo[]) => boolean): Promise<MemberInfo[]> {
  for (let i = 0; i < 200; i++) {
    const members = side.members(peer.ledger.members());
    if (expected(members)) return members;
    const before = changes;
    await new Promise<void>((resolve) => {
      const poll = () => (changes !== before ? resolve() : setTimeout(poll, 5));
      poll();
    });
  }
  throw new Error('the profiles part never showed the expected members');
}

const nameOf = (members: MemberInfo[], did: string) => members.find((m) => m.did === did)?.name;

beforeEach(async () => {
  node = await createNodePeer({ relays: [], start: false, listen: [] });
  peer = await foundCooperative({
    node,
    member: alice,
    verifier,
    name: 'Coopérative intégrale de Montreuil',
    currency: { code: 'ECO', name: 'Éco', decimals: 2 },
    creditLimit: 10_000,
    clock: () => new Date(TS),
  });
  const { invite, invitationKey } = await peer.invite(() => new Uint8Array(32).fill(9));
  const join = createJoin(bob, invitationKey, {
    coop: peer.coop,
    invite: entryId(invite),
    name: 'Bob',
    ts: TS,
  });
  const ledgerDoc = await peer.repo.find<LedgerDoc>(peer.root().doc().ledger);
  ledgerDoc.change((doc) => {
    doc.entries[entryId(join)] = new ImmutableString(canonicalJson(join));
  });
  await peer.settled();
  changes = 0;
  side = createProfilesSide({
    peer: () => peer,
    verifier: () => verifier,
    changed: () => changes++,
    log: () => undefined,
  });
});

afterEach(async () => {
  side.stop();
  await peer.stop();
  await node.stop();
});

describe('the founder’s profile in the runtime', () => {
  it('founds with the profiles map made once, by the founder', () => {
    expect(peer.root().doc().profiles).toStrictEqual({});
  });

  it('names the founder by the profile they signed, and the payee search finds them', async () => {
    expect(nameOf(side.members(peer.ledger.members()), alice.did)).toBeNull();
    writeOwnProfile(peer, alice, '  Alice Martin ', Date.parse(TS));
    const members = await shownMembers((m) => nameOf(m, alice.did) === 'Alice Martin');
    expect(nameOf(members, bob.did)).toBe('Bob');
    expect(memberSearch(members, 'martin', bob.did).map((m) => m.did)).toStrictEqual([alice.did]);
  });

  it('keeps the ledger’s join name over a profile, and ignores forged or foreign profiles', async () => {
    const own = (key: KeyPair, name: string) =>
      canonicalJson(createProfile(key, { coop: peer.coop, name, ts: TS }));
    const mallorys = createProfile(mallory, { coop: peer.coop, name: 'Mallory', ts: TS });
    // One change, so the first read the screens are told of holds all of it.
    root().change((doc) => {
      // Bob's own profile may not rename him: others know him by his join's name.
      doc.profiles![bob.did] = new ImmutableString(own(bob, 'Robert'));
      // Mallory (no member) puts a profile signed by herself under Alice's did…
      doc.profiles![alice.did] = new ImmutableString(
        canonicalJson({ ...mallorys, member: alice.did }),
      );
      // …and one of her own: she is no member, it is not shown.
      doc.profiles![mallory.did] = new ImmutableString(canonicalJson(mallorys));
    });
    await shownMembers(() => changes > 0);
    const members = side.members(peer.ledger.members());
    expect(nameOf(members, bob.did)).toBe('Bob');
    expect(nameOf(members, alice.did)).toBeNull();
    expect(members.map((m) => m.did).sort()).toStrictEqual([alice.did, bob.did].sort());
  });

  it('shows the latest profile once another device writes a newer one', async () => {
    writeOwnProfile(peer, alice, 'Alice', Date.parse(TS));
    await shownMembers((m) => nameOf(m, alice.did) === 'Alice');
    writeOwnProfile(peer, alice, 'Alice M.', Date.parse(TS) + 60_000);
    await shownMembers((m) => nameOf(m, alice.did) === 'Alice M.');
  });

  it('refuses names a profile cannot carry', () => {
    for (const name of ['', '   ', 'a'.repeat(81), 'x\ud800']) {
      expect(isOwnProfileName(name)).toBe(false);
      expect(() => writeOwnProfile(peer, alice, name, Date.parse(TS))).toThrow(RangeError);
    }
    for (const name of [42, null, ['Alice'], { toString: () => 'Alice' }]) {
      expect(isOwnProfileName(name)).toBe(false);
    }
    expect(isOwnProfileName(' Alice ')).toBe(true);
    expect(root().doc().profiles).toStrictEqual({});
  });
});

describe('the create form asks the founder’s name', () => {
  const FORM: FoundFormInput = {
    name: 'Montreuil',
    founderName: ' Alice ',
    code: 'ECO',
    currencyName: 'Éco',
    decimals: '2',
    creditLimit: '100',
  };

  it('sends the name trimmed', () => {
    expect(readFoundForm(fr, FORM, 'fr')).toMatchObject({
      ok: true,
      request: { founderName: 'Alice' },
    });
  });

  it('requires it, and says why a hostile one is refused without losing the rest', () => {
    const problem = (founderName: string) => {
      const result = readFoundForm(fr, { ...FORM, founderName }, 'fr');
      return result.ok ? null : result.errors;
    };
    expect(problem('')).toStrictEqual({ founderName: 'Donnez votre nom.' });
    expect(problem(' \t ')).toStrictEqual({ founderName: 'Donnez votre nom.' });
    expect(problem('é'.repeat(81))).toStrictEqual({
      founderName: 'Votre nom est trop long (80\u00a0caractères au plus).',
    });
    expect(problem('Ali\ud83dce')).toStrictEqual({
      founderName: 'Votre nom contient un caractère illisible.',
    });
    // 80 characters outside the BMP are 160 UTF-16 units, and fine.
    expect(problem('🌱'.repeat(80))).toBeNull();
    // Markup is a name like another: shown as text by the screens, never parsed.
    expect(problem('<img src=x onerror=alert(1)>')).toBeNull();
  });
});

describe('memberSearch and the founder', () => {
  const members: MemberInfo[] = [
    { did: 'did:key:alice', name: null, invitedBy: null, since: TS, entry: '0'.repeat(64) },
    {
      did: 'did:key:bob',
      name: 'Bob',
      invitedBy: 'did:key:alice',
      since: TS,
      entry: '1'.repeat(64),
    },
  ];

  it('finds a founder without a profile by the label the screens show', () => {
    const label = fr.t('members.founderName');
    expect(
      memberSearch(members, 'fondatrice', 'did:key:bob', label).map((m) => m.did),
    ).toStrictEqual(['did:key:alice']);
    expect(memberSearch(members, 'fondatrice', 'did:key:bob')).toStrictEqual([]);
  });

  it('finds a founder with a profile by their name', () => {
    const named = members.map((m) => (m.name === null ? { ...m, name: 'Alice Martin' } : m));
    expect(memberSearch(named, 'ALICE', 'did:key:bob').map((m) => m.did)).toStrictEqual([
      'did:key:alice',
    ]);
  });
});
