import {
  Repo,
  type AutomergeUrl,
  type PeerId,
  type StorageAdapterInterface,
} from '@automerge/automerge-repo/slim';
import type { RootDoc } from '@integrale/peer';

/*
 * Whether the cooperative's documents are in this device's storage, asked of a repo that has no
 * network (it answers from storage or says "unavailable" at once) and is dropped afterwards, never
 * shut down: shutting a repo down saves the documents it holds, and this one must write nothing.
 */

/** Whether the root document and the ledger document it names are both in `storage`. */
export async function documentsStored(
  storage: StorageAdapterInterface,
  rootUrl: AutomergeUrl,
): Promise<boolean> {
  const probe = new Repo({ storage, network: [], peerId: 'integrale-storage-probe' as PeerId });
  try {
    const root = await probe.find<RootDoc>(rootUrl);
    const ledger = root.doc()?.ledger;
    if (ledger === undefined) return false;
    await probe.find(ledger);
    return true;
  } catch {
    return false;
  }
}

/**
 * Resolves `true` once {@link documentsStored}, looking every `everyMs`, or `false` after
 * `timeoutMs`.
 */
export async function untilDocumentsStored(
  storage: StorageAdapterInterface,
  rootUrl: AutomergeUrl,
  { everyMs = 500, timeoutMs = 30_000 }: { everyMs?: number; timeoutMs?: number } = {},
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await documentsStored(storage, rootUrl)) return true;
    if (Date.now() + everyMs > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
