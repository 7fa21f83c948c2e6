/**
 * The benchmark's cooperative, generated deterministically: the same bytes on every run.
 *
 * - 1,000 member keys (`keyPairFromSeed`), signed with node:crypto for speed, as
 *   packages/ledger/bench does.
 * - A ledger of 20,000 valid entries: genesis, 999 invites and joins, then pay/accept pairs
 *   (and one last pay not yet accepted to make the count exact). They travel as the product
 *   carries them: one ledger document `{ entries: { [id]: ImmutableString(canonical JSON) } }`,
 *   one Automerge change per entry, written by 20 devices in turn (blocks of 1,000).
 * - 200 project documents with soft data: a title, a description of a few paragraphs, about 20
 *   tasks and a few needs, created by one device and then edited a few times by others.
 * - A root document naming the ledger and every project, as the product's root does.
 *
 * The Automerge documents are built directly (the ledger through the low-level backend: the
 * JavaScript proxy API copies the 20,000-key map on every change, which takes minutes); the
 * benchmark then imports the saved bytes into repos under fixed document ids.
 */
import { createHash } from 'node:crypto';
import { next as A } from '@automerge/automerge';
import {
  ImmutableString,
  stringifyAutomergeUrl,
  type AutomergeUrl,
  type BinaryDocumentId,
  type DocumentId,
} from '@automerge/automerge-repo';
import {
  canonicalJson,
  createSignatureVerifier,
  encodeBase64url,
  keyPairFromSeed,
  type KeyPair,
} from '@integrale/identity';
import {
  createLedger,
  itemId,
  joinProofMessage,
  signingMessage,
  type Entry,
  type UnsignedEntry,
} from '@integrale/ledger';
import {
  createNodeCryptoBackend,
  createNodeSigner,
  nodeSha256Hex,
  type NodeSigner,
} from '@integrale/node-crypto';

/** Sizes of the generated cooperative. */
export interface DatasetSize {
  members: number;
  ledgerEntries: number;
  projectDocs: number;
}

export const DEFAULT_SIZE: DatasetSize = {
  members: 1_000,
  ledgerEntries: 20_000,
  projectDocs: 200,
};

/** One document of the dataset, saved. */
export interface BenchDoc {
  /** `root`, `ledger` or `project-N`. */
  name: string;
  url: AutomergeUrl;
  documentId: DocumentId;
  /** `Automerge.save` of the document. */
  binary: Uint8Array;
  /** Its heads (hex), sorted. */
  heads: string[];
}

/** The generated cooperative. */
export interface Dataset {
  size: DatasetSize;
  /** Root first, then the ledger, then the projects. */
  docs: BenchDoc[];
  root: BenchDoc;
  /** Total of `Automerge.save` sizes over every document. */
  storedBytes: number;
  /** Whether a fresh `Ledger` found every ledger entry valid. */
  ledgerValid: number;
}

const CREDIT_LIMIT = 1_000_000_000;
const LEDGER_DEVICES = 20;
/** 2026-09-01T08:00:00Z, the (fictional) first day of the cooperative. */
const EPOCH_S = 1_788_249_600;

// ---------------------------------------------------------------------------------------------
// Deterministic helpers

/** mulberry32: a small seeded PRNG, plenty for soft data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** A fixed 32-hex-digit Automerge actor id for a name. */
function actorFor(name: string): string {
  return sha256(`actor:${name}`).subarray(0, 16).toString('hex');
}

/** A fixed document id for a name, so both benchmark paths serve identical bytes and ids. */
function documentUrlFor(name: string): AutomergeUrl {
  const bytes = new Uint8Array(sha256(`document:${name}`).subarray(0, 16));
  return stringifyAutomergeUrl({ documentId: bytes as BinaryDocumentId });
}

function sortedHeads<T>(doc: A.Doc<T>): string[] {
  return [...A.getHeads(doc)].sort();
}

// ---------------------------------------------------------------------------------------------
// The ledger

interface Signer {
  readonly pair: KeyPair;
  readonly signer: NodeSigner;
  head: { id: string; seq: number; balance: number } | null;
}

function signer(index: number): Signer {
  const seed = new Uint8Array(32);
  new DataView(seed.buffer).setUint32(0, index + 1);
  seed[31] = 0x42;
  const pair = keyPairFromSeed(seed);
  return { pair, signer: createNodeSigner(seed), head: null };
}

function signText(signer: NodeSigner, message: Uint8Array): string {
  return encodeBase64url(signer.sign(message));
}

function timestamp(index: number): string {
  return new Date((EPOCH_S + index * 97) * 1000).toISOString();
}

/** Signs with node:crypto (the identity package's noble signer would take far longer). */
function append(
  author: Signer,
  unsigned: Record<string, unknown>,
  balance: number,
  index: number,
): Entry {
  const entry = {
    v: 1,
    ...unsigned,
    author: author.pair.did,
    seq: (author.head?.seq ?? 0) + 1,
    prev: author.head?.id ?? null,
    ts: timestamp(index),
  } as unknown as UnsignedEntry;
  const signed = { ...entry, sig: signText(author.signer, signingMessage(entry)) } as Entry;
  author.head = { id: itemId(signed, nodeSha256Hex), seq: signed.seq, balance };
  return signed;
}

const MEMOS = ['panier', 'atelier vélo', 'heures de jardin', 'pain', 'réparation', 'cours'];

function generateLedger(size: DatasetSize): { coop: string; entries: Entry[]; signers: Signer[] } {
  const signers = Array.from({ length: size.members }, (_, i) => signer(i));
  const founder = signers[0] as Signer;
  const entries: Entry[] = [];
  entries.push(
    append(
      founder,
      {
        type: 'genesis',
        name: 'Coopérative intégrale de banc d’essai',
        currency: { code: 'ECO', name: 'Éco', decimals: 2 },
        creditLimit: CREDIT_LIMIT,
      },
      0,
      entries.length,
    ),
  );
  const coop = founder.head!.id;
  for (let i = 1; i < size.members; i++) {
    const invitation = signer(1_000_000 + i);
    entries.push(
      append(
        founder,
        { type: 'invite', coop, invitee: invitation.pair.did },
        founder.head!.balance,
        entries.length,
      ),
    );
    const member = signers[i] as Signer;
    const proof = signText(invitation.signer, joinProofMessage(coop, member.pair.did));
    entries.push(
      append(
        member,
        { type: 'join', coop, invite: founder.head!.id, proof, name: `Membre ${i}` },
        0,
        entries.length,
      ),
    );
  }
  const pay = (n: number): Signer => {
    const payer = signers[n % size.members] as Signer;
    const payeeIndex =
      (n * 7 + 1) % size.members === n % size.members
        ? (n + 1) % size.members
        : (n * 7 + 1) % size.members;
    const payee = signers[payeeIndex] as Signer;
    const amount = 100 + (n % 900);
    const balance = payer.head!.balance - amount;
    entries.push(
      append(
        payer,
        {
          type: 'pay',
          coop,
          to: payee.pair.did,
          amount,
          memo: `${MEMOS[n % MEMOS.length] as string} ${n}`,
          balance,
        },
        balance,
        entries.length,
      ),
    );
    return payee;
  };
  let n = 0;
  while (entries.length + 2 <= size.ledgerEntries) {
    const payer = signers[n % size.members] as Signer;
    const payee = pay(n);
    const amount = 100 + (n % 900);
    const balance = payee.head!.balance + amount;
    entries.push(
      append(
        payee,
        { type: 'accept', coop, pay: payer.head!.id, balance },
        balance,
        entries.length,
      ),
    );
    n++;
  }
  // One payment not yet accepted, so the count is exact.
  if (entries.length < size.ledgerEntries) pay(n);
  return { coop, entries, signers };
}

interface LedgerDoc {
  entries: Record<string, ImmutableString>;
}

/** The carrier document, one change per entry, through the low-level backend. */
function ledgerDocument(entries: readonly Entry[]): A.Doc<LedgerDoc> {
  let doc = A.init<LedgerDoc>({ actor: actorFor('ledger-device-0') });
  doc = A.change(doc, { time: EPOCH_S }, (d) => {
    d.entries = {};
  });
  const entriesObject = A.getObjectId(doc.entries);
  if (entriesObject === null) throw new Error('no entries map');
  let backend = A.getBackend(doc);
  const perDevice = Math.ceil(entries.length / LEDGER_DEVICES);
  const items = entries.map(
    (entry) => [itemId(entry, nodeSha256Hex), canonicalJson(entry)] as const,
  );
  items.forEach(([id, text], index) => {
    if (index > 0 && index % perDevice === 0) {
      // Forking copies the document; free the old copy at once, or wasm memory piles up until
      // the garbage collector runs finalizers, and collections then dominate the run.
      const next = backend.fork(actorFor(`ledger-device-${index / perDevice}`));
      backend.free();
      backend = next;
    }
    // A plain string with datatype `str` is what ImmutableString stores.
    backend.put(entriesObject, id, text, 'str');
    backend.commit(null, EPOCH_S + index * 97);
  });
  const saved = backend.save();
  backend.free();
  // Loading it back checks the bytes are a document; benchDoc then saves it as the others.
  return A.load<LedgerDoc>(saved);
}

// ---------------------------------------------------------------------------------------------
// Projects

const WORDS = (
  'jardin potager atelier vélo réparation outil semence compost récolte marché circuit court ' +
  'assemblée coopérative membre monnaie échange local énergie solaire toiture isolation chantier ' +
  'bénévole formation cuisine collective conserve fromage pain four bois menuiserie charpente ' +
  'école enfants garde partagée santé soins bibliothèque logiciel libre réseau serveur ' +
  'transport covoiturage camion entrepôt stock inventaire budget subvention achat groupé ' +
  'quartier voisin habitat rénovation eau pluie récupération verger arbres fruitiers abeilles ' +
  'miel poules laine textile couture recyclage ressourcerie mutualisation calendrier réunion ' +
  'compte rendu décision consentement proposition projet besoin heures mois semaine printemps'
).split(' ');

const FIRST = ['Mise en place', 'Rénovation', 'Lancement', 'Extension', 'Organisation', 'Création'];

interface Task {
  id: string;
  title: string;
  done: boolean;
  assignee: string | null;
  due: string;
  estimateHours: number;
}

interface Need {
  kind: 'money' | 'labour' | 'material';
  description: string;
  quantity: number;
  unit: string;
}

type ProjectDoc = {
  v: 1;
  title: string;
  description: string;
  status: string;
  createdBy: string;
  createdAt: string;
  tasks: Task[];
  needs: Need[];
};

function words(random: () => number, count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(WORDS[Math.floor(random() * WORDS.length)] as string);
  return out.join(' ');
}

function sentence(random: () => number): string {
  const text = words(random, 8 + Math.floor(random() * 12));
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function paragraph(random: () => number): string {
  const sentences: string[] = [];
  const count = 3 + Math.floor(random() * 4);
  for (let i = 0; i < count; i++) sentences.push(sentence(random));
  return sentences.join(' ');
}

function projectDocument(index: number, members: readonly Signer[]): A.Doc<ProjectDoc> {
  const random = prng(0x5eed + index);
  const pick = (): string => (members[Math.floor(random() * members.length)] as Signer).pair.did;
  const createdAt = EPOCH_S + index * 3_600;
  const paragraphs: string[] = [];
  for (let i = 0, n = 2 + Math.floor(random() * 3); i < n; i++) paragraphs.push(paragraph(random));
  const tasks: Task[] = [];
  for (let i = 0, n = 16 + Math.floor(random() * 9); i < n; i++) {
    tasks.push({
      id: `t${index}-${i}`,
      title: sentence(random).slice(0, 80),
      done: false,
      assignee: random() < 0.7 ? pick() : null,
      due: new Date((createdAt + (7 + i * 3) * 86_400) * 1000).toISOString().slice(0, 10),
      estimateHours: 1 + Math.floor(random() * 24),
    });
  }
  const needs: Need[] = [];
  const kinds = ['money', 'labour', 'material'] as const;
  const units = { money: 'ECO', labour: 'heures', material: 'unités' } as const;
  for (let i = 0, n = 2 + Math.floor(random() * 3); i < n; i++) {
    const kind = kinds[Math.floor(random() * kinds.length)] as Need['kind'];
    needs.push({
      kind,
      description: sentence(random),
      quantity: 1 + Math.floor(random() * 500),
      unit: units[kind],
    });
  }
  const creator = Math.floor(random() * members.length);
  let doc = A.from<ProjectDoc>(
    {
      v: 1,
      title: `${FIRST[index % FIRST.length] as string} : ${words(random, 3 + Math.floor(random() * 4))}`,
      description: paragraphs.join('\n\n'),
      status: 'proposé',
      createdBy: (members[creator] as Signer).pair.did,
      createdAt: new Date(createdAt * 1000).toISOString(),
      tasks,
      needs,
    } as unknown as ProjectDoc,
    { actor: actorFor(`project-${index}-device-${creator}`) },
  );
  // A few later edits by other members' devices: tasks done, the text amended, a need added.
  for (let edit = 0, edits = 4 + Math.floor(random() * 6); edit < edits; edit++) {
    const editor = A.clone(doc, { actor: actorFor(`project-${index}-device-edit-${edit}`) });
    A.free(doc);
    doc = editor;
    const time = createdAt + (edit + 1) * 86_400;
    doc = A.change(doc, { time }, (d) => {
      const task = d.tasks[Math.floor(random() * d.tasks.length)];
      if (task !== undefined) task.done = !task.done;
      if (edit % 2 === 0) {
        const at = Math.floor(random() * d.description.length);
        A.splice(d, ['description'], at, 0, ` ${words(random, 4 + Math.floor(random() * 8))}`);
      }
      if (edit === 3) {
        d.needs.push({
          kind: 'labour',
          description: sentence(random),
          quantity: 6,
          unit: 'heures',
        });
      }
      if (edit === 1) d.status = 'en cours';
    });
  }
  return doc;
}

// ---------------------------------------------------------------------------------------------

function benchDoc<T>(name: string, url: AutomergeUrl, doc: A.Doc<T>): BenchDoc {
  const binary = A.save(doc);
  const heads = sortedHeads(doc);
  A.free(doc);
  return {
    name,
    url,
    documentId: url.slice('automerge:'.length) as DocumentId,
    binary,
    heads,
  };
}

/** Generates the cooperative; checks that a fresh ledger finds every entry valid. */
export async function generateDataset(size: DatasetSize = DEFAULT_SIZE): Promise<Dataset> {
  const { coop, entries, signers } = generateLedger(size);
  if (entries.length !== size.ledgerEntries) {
    throw new Error(`generated ${entries.length} entries, not ${size.ledgerEntries}`);
  }
  const ledger = createLedger({
    coop,
    verifier: createSignatureVerifier(createNodeCryptoBackend()),
    sha256Hex: nodeSha256Hex,
  });
  await ledger.add(JSON.parse(JSON.stringify(entries)) as unknown[]);
  const ledgerValid = ledger.report().valid;
  if (ledgerValid !== entries.length) {
    throw new Error(`bench ledger not all valid: ${ledgerValid}/${entries.length}`);
  }

  const ledgerUrl = documentUrlFor('ledger');
  const docs: BenchDoc[] = [benchDoc('ledger', ledgerUrl, ledgerDocument(entries))];
  for (let i = 0; i < size.projectDocs; i++) {
    docs.push(
      benchDoc(`project-${i}`, documentUrlFor(`project-${i}`), projectDocument(i, signers)),
    );
  }
  const rootDoc = A.from(
    {
      v: 1,
      coop,
      name: 'Coopérative intégrale de banc d’essai',
      ledger: ledgerUrl,
      projects: docs.slice(1).map((d) => d.url),
    },
    { actor: actorFor('root-device') },
  );
  const root = benchDoc('root', documentUrlFor('root'), rootDoc);
  docs.unshift(root);
  const storedBytes = docs.reduce((sum, d) => sum + d.binary.byteLength, 0);
  return { size, docs, root, storedBytes, ledgerValid };
}
