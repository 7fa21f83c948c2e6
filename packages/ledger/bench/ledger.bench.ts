/**
 * `npm run bench:ledger` — how fast a whole ledger verifies, against the raw speed of native
 * Ed25519 on the same messages. Prints `name: value` lines. A script, not a test: the figures
 * go in notes and READMEs, never in assertions.
 *
 * It generates a valid ledger (default 100,000 entries among 1,000 members: a genesis, 999
 * invites and joins, then payments each followed by its accept), signed with node:crypto for
 * speed, serialises it as an export would be, then measures:
 *   verify_full_s            parse nothing, verify everything: createLedger + add(all) + report()
 *   entries_per_s            entries / verify_full_s
 *   raw_native_verify_per_s  node:crypto verify alone over the same (key, message, signature)
 *   verify_vs_raw_ratio      entries_per_s / raw_native_verify_per_s (target ≥ 0.7)
 *   add_one_entry_ms         median time to add one new pay to the verified ledger (target < 1)
 *   peak_rss_mb              the process's peak resident memory
 *   noble_verify_per_s       the pure-JS fallback (plain-HTTP pages) under the same rule
 * Sizes can be changed with BENCH_ENTRIES and BENCH_MEMBERS.
 */
import { createPublicKey, verify as nodeVerify, type KeyObject } from 'node:crypto';
import {
  createNobleBackend,
  createSignatureVerifier,
  decodeSignatureText,
  didToPublicKey,
  encodeBase64url,
  keyPairFromSeed,
  type KeyPair,
} from '@integrale/identity';
import {
  createLedger,
  joinProofMessage,
  signingMessage,
  itemId,
  type Entry,
  type UnsignedEntry,
} from '@integrale/ledger';
import {
  createNodeCryptoBackend,
  createNodeSigner,
  nodeSha256Hex,
  type NodeSigner,
} from '@integrale/node-crypto';

const ENTRIES = Number(process.env['BENCH_ENTRIES'] ?? 100_000);
const MEMBERS = Number(process.env['BENCH_MEMBERS'] ?? 1_000);
const CREDIT_LIMIT = 1_000_000_000;

const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

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

/** Signs with node:crypto (the identity package's noble signer would take minutes here). */
function append(
  author: Signer,
  unsigned: Omit<UnsignedEntry, 'author' | 'seq' | 'prev' | 'v' | 'ts'>,
  balance: number,
): Entry {
  const entry = {
    v: 1,
    ...unsigned,
    author: author.pair.did,
    seq: (author.head?.seq ?? 0) + 1,
    prev: author.head?.id ?? null,
    ts: '2026-11-26T10:00:00.000Z',
  } as UnsignedEntry;
  const signed = { ...entry, sig: signText(author.signer, signingMessage(entry)) } as Entry;
  author.head = { id: itemId(signed, nodeSha256Hex), seq: signed.seq, balance };
  return signed;
}

function generate(): { coop: string; entries: Entry[]; signers: Signer[] } {
  const signers = Array.from({ length: MEMBERS }, (_, i) => signer(i));
  const founder = signers[0] as Signer;
  const entries: Entry[] = [];
  const genesis = append(
    founder,
    {
      type: 'genesis',
      name: 'Coopérative intégrale de banc d’essai',
      currency: { code: 'ECO', name: 'Éco', decimals: 2 },
      creditLimit: CREDIT_LIMIT,
    } as never,
    0,
  );
  const coop = founder.head!.id;
  entries.push(genesis);
  for (let i = 1; i < MEMBERS; i++) {
    const invitation = signer(1_000_000 + i);
    const invite = append(
      founder,
      { type: 'invite', coop, invitee: invitation.pair.did } as never,
      founder.head!.balance,
    );
    entries.push(invite);
    const member = signers[i] as Signer;
    const proof = signText(invitation.signer, joinProofMessage(coop, member.pair.did));
    entries.push(
      append(
        member,
        { type: 'join', coop, invite: founder.head!.id, proof, name: `Membre ${i}` } as never,
        0,
      ),
    );
  }
  let n = 0;
  while (entries.length + 2 <= ENTRIES) {
    const payer = signers[n % MEMBERS] as Signer;
    const payee = signers[
      (n * 7 + 1) % MEMBERS === n % MEMBERS ? (n + 1) % MEMBERS : (n * 7 + 1) % MEMBERS
    ] as Signer;
    const amount = 100 + (n % 900);
    const payBalance = payer.head!.balance - amount;
    const pay = append(
      payer,
      {
        type: 'pay',
        coop,
        to: payee.pair.did,
        amount,
        memo: `panier ${n}`,
        balance: payBalance,
      } as never,
      payBalance,
    );
    entries.push(pay);
    const acceptBalance = payee.head!.balance + amount;
    entries.push(
      append(
        payee,
        { type: 'accept', coop, pay: payer.head!.id, balance: acceptBalance } as never,
        acceptBalance,
      ),
    );
    n++;
  }
  return { coop, entries, signers };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function main(): Promise<void> {
  const line = (name: string, value: number | string) => console.log(`${name}: ${value}`);
  const started = performance.now();
  const generated = generate();
  // Verify what a peer would receive: fresh objects parsed from the export's text.
  const items = JSON.parse(JSON.stringify(generated.entries)) as unknown[];
  line('entries', items.length);
  line('members', MEMBERS);
  line('generate_s', ((performance.now() - started) / 1000).toFixed(2));

  const t0 = performance.now();
  const ledger = createLedger({
    coop: generated.coop,
    verifier: createSignatureVerifier(createNodeCryptoBackend()),
    sha256Hex: nodeSha256Hex,
  });
  await ledger.add(items);
  const report = ledger.report();
  const verifySeconds = (performance.now() - t0) / 1000;
  if (report.valid !== items.length)
    throw new Error(`bench ledger not all valid: ${report.valid}/${items.length}`);

  // The same signatures through node:crypto alone: messages and key objects prepared first.
  const keyObjects = new Map<string, KeyObject>();
  const triples = generated.entries.map((entry) => {
    const { sig, ...unsigned } = entry;
    let key = keyObjects.get(entry.author);
    if (key === undefined) {
      key = createPublicKey({
        key: Buffer.concat([SPKI_PREFIX, didToPublicKey(entry.author)]),
        format: 'der',
        type: 'spki',
      });
      keyObjects.set(entry.author, key);
    }
    return {
      key,
      message: signingMessage(unsigned),
      signature: decodeSignatureText(sig) as Uint8Array,
    };
  });
  const t1 = performance.now();
  for (const { key, message, signature } of triples) {
    if (!nodeVerify(null, message, key, signature)) throw new Error('raw verify failed');
  }
  const rawPerSecond = triples.length / ((performance.now() - t1) / 1000);

  // One more entry at a time, on the already-verified ledger.
  const oneEntryTimes: number[] = [];
  for (let i = 0; i < 200; i++) {
    const payer = generated.signers[(i * 13) % MEMBERS] as Signer;
    const payee = generated.signers[(i * 13 + 1) % MEMBERS] as Signer;
    const balance = payer.head!.balance - 1;
    const pay = append(
      payer,
      {
        type: 'pay',
        coop: generated.coop,
        to: payee.pair.did,
        amount: 1,
        memo: '',
        balance,
      } as never,
      balance,
    );
    const t = performance.now();
    await ledger.add([pay]);
    oneEntryTimes.push(performance.now() - t);
    if (ledger.status(payer.head!.id)?.state !== 'valid') throw new Error('added pay not valid');
  }

  // The pure-JavaScript fallback, on a sample.
  const noble = createSignatureVerifier(createNobleBackend());
  const sample = triples.slice(0, 500);
  const samplePublicKeys = generated.entries.slice(0, 500).map((e) => didToPublicKey(e.author));
  const t2 = performance.now();
  sample.forEach(({ message, signature }, i) => {
    if (noble.verify(samplePublicKeys[i] as Uint8Array, message, signature) !== true)
      throw new Error('noble failed');
  });
  const noblePerSecond = sample.length / ((performance.now() - t2) / 1000);

  const entriesPerSecond = items.length / verifySeconds;
  line('verify_full_s', verifySeconds.toFixed(2));
  line('entries_per_s', Math.round(entriesPerSecond));
  line('raw_native_verify_per_s', Math.round(rawPerSecond));
  line('verify_vs_raw_ratio', (entriesPerSecond / rawPerSecond).toFixed(3));
  line('add_one_entry_ms', median(oneEntryTimes).toFixed(3));
  line('peak_rss_mb', Math.round(process.resourceUsage().maxRSS / 1024));
  line('noble_verify_per_s', Math.round(noblePerSecond));
}

await main();
