import {
  decodeSignatureText,
  didToPublicKeyOrNull,
  type SignatureVerifier,
} from '@integrale/identity';
import type { GenesisEntry } from './entry.js';
import { itemId, signingMessage, type Sha256Hex } from './ids.js';
import { createLedger, UnusableItemError } from './ledger.js';
import type { VerificationReport } from './report.js';
import { checkShape } from './shape.js';

/** The input names no genesis to verify against (spec: exit status 2). */
export class NoUsableGenesisError extends Error {
  override name = 'NoUsableGenesisError';
}

/** Options of {@link verifyItems}. */
export interface VerifyItemsInit {
  readonly verifier: SignatureVerifier;
  /** The genesis id to verify against; required when the input holds more than one. */
  readonly coop?: string | undefined;
  readonly sha256Hex?: Sha256Hex;
  /** Whether the governance extension counts (default true); see `LedgerInit.governance`. */
  readonly extensions?: boolean;
}

/**
 * The ids of the usable geneses among some items: `genesis` entries that are well-formed and
 * validly signed (checks 1 and 3).
 */
export async function usableGeneses(
  items: readonly unknown[],
  verifier: SignatureVerifier,
  hash?: Sha256Hex,
): Promise<string[]> {
  const ids: string[] = [];
  for (const item of items) {
    if (
      typeof item !== 'object' ||
      item === null ||
      (item as { type?: unknown }).type !== 'genesis'
    )
      continue;
    const entry = checkShape(item) as GenesisEntry | null;
    if (entry === null) continue;
    const { sig, ...unsigned } = entry;
    const key = didToPublicKeyOrNull(entry.author);
    const signature = decodeSignatureText(sig);
    if (key === null || signature === null) continue;
    if (await verifier.verify(key, signingMessage(unsigned), signature)) {
      const id = itemId(item, hash);
      if (!ids.includes(id)) ids.push(id);
    }
  }
  return ids.sort();
}

/**
 * Verifies a whole export: picks the genesis (the only usable one, or the one `coop` names),
 * then computes the report of spec section 4.
 * @throws NoUsableGenesisError when there is no genesis to verify against, or several and no
 *   `coop` to choose; UnusableItemError when an item cannot even be hashed (nested too deep).
 */
export async function verifyItems(
  items: readonly unknown[],
  init: VerifyItemsInit,
): Promise<VerificationReport> {
  const geneses = await usableGeneses(items, init.verifier, init.sha256Hex);
  let coop: string;
  if (init.coop !== undefined) {
    if (!geneses.includes(init.coop)) {
      throw new NoUsableGenesisError(`no usable genesis has the id ${init.coop}`);
    }
    coop = init.coop;
  } else if (geneses.length === 1) {
    coop = geneses[0] as string;
  } else if (geneses.length === 0) {
    throw new NoUsableGenesisError('the input holds no usable genesis entry');
  } else {
    throw new NoUsableGenesisError(
      `the input holds ${geneses.length} usable geneses: choose one with --coop`,
    );
  }
  const ledger = createLedger({
    coop,
    verifier: init.verifier,
    ...(init.sha256Hex ? { sha256Hex: init.sha256Hex } : {}),
    ...(init.extensions === undefined ? {} : { extensions: init.extensions }),
  });
  const result = await ledger.add(items);
  if (result.unusable.length > 0) {
    // Only nesting deeper than the call stack gets here from parsed JSON; the CLI's reader
    // refuses such input before (protocol.md, "Where we had to choose").
    const first = result.unusable[0]!;
    throw new UnusableItemError(`item ${first.index + 1}: ${first.error.message}`);
  }
  return ledger.report();
}
