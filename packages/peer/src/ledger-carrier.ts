import {
  ImmutableString,
  type DocHandle,
  type DocHandleChangePayload,
} from '@automerge/automerge-repo';
import { canonicalJson } from '@integrale/identity';
import { itemId, type Entry, type Ledger, type Sha256Hex } from '@integrale/ledger';

/*
 * The ledger's signed entries travel in an Automerge document, but the document is only a
 * carrier: being in it proves nothing. Every peer parses, hashes and verifies what arrives, keeps
 * its verdicts in a `Ledger`, and treats the document as untrusted input. A signed entry is
 * immutable: if a change deletes or alters one this peer already holds, the peer writes its own
 * copy back, so every honest peer restores it and the documents converge on the signed text.
 */

/** The ledger document: each entry's canonical JSON text under its id. */
export interface LedgerDoc {
  /**
   * id → canonical JSON of the entry. Stored as an immutable string: signed text must never be
   * merged character by character, as Automerge does with ordinary strings.
   */
  entries: Record<string, ImmutableString | string>;
}

/** The largest entry text a carrier takes; real entries are under 2 KiB. */
export const MAX_ENTRY_TEXT = 16 * 1024;

/** Why a carried item was not taken into the ledger at all. */
export type CarrierRejection = 'too-large' | 'not-text' | 'not-json' | 'id-mismatch' | 'unusable';

/** A carried item that was refused, shown to the member with the reason. */
export interface RejectedItem {
  readonly key: string;
  readonly reason: CarrierRejection;
}

/** Options of {@link createLedgerCarrier}. */
export interface LedgerCarrierInit {
  readonly handle: DocHandle<LedgerDoc>;
  readonly ledger: Ledger;
  readonly sha256Hex?: Sha256Hex;
  /** Called after the ledger took in what a change carried (for UIs and auto-accept). */
  readonly onUpdate?: () => void;
}

/** Keeps a `Ledger` and its carrier document in step, in both directions. */
export interface LedgerCarrier {
  /** Reads the whole document once, then follows its changes. */
  start(): Promise<void>;
  stop(): void;
  /** Adds a new entry (this member's own) to the ledger and to the document. */
  append(entry: Entry): Promise<void>;
  /** Items the document carried that could not be taken, by key. */
  rejected(): RejectedItem[];
  /** Resolves when every change seen so far has been processed. */
  settled(): Promise<void>;
}

function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value instanceof ImmutableString) return value.val;
  return null;
}

/** Creates a carrier between a ledger document and a ledger. */
export function createLedgerCarrier(init: LedgerCarrierInit): LedgerCarrier {
  const { handle, ledger } = init;
  const rejected = new Map<string, CarrierRejection>();
  /** Ids this peer has seen in the document with their right text: the ones it defends. */
  const carried = new Set<string>();
  let queue: Promise<void> = Promise.resolve();
  let listening = false;

  /** Takes the current value of some keys of the document into the ledger. */
  async function take(keys: Iterable<string>): Promise<void> {
    const doc = handle.doc();
    const entries = doc?.entries ?? {};
    const items: unknown[] = [];
    const restore: string[] = [];
    for (const key of keys) {
      const value = Object.hasOwn(entries, key) ? entries[key] : undefined;
      if (value === undefined) {
        // Deleted. A signed entry is immutable: put back the copy already verified.
        if (carried.has(key)) restore.push(key);
        continue;
      }
      const text = textOf(value);
      let reason: CarrierRejection | null = null;
      let item: unknown;
      if (text === null) reason = 'not-text';
      else if (text.length > MAX_ENTRY_TEXT) reason = 'too-large';
      else {
        try {
          item = JSON.parse(text);
        } catch {
          reason = 'not-json';
        }
      }
      if (reason === null) {
        try {
          if (itemId(item, init.sha256Hex) !== key) reason = 'id-mismatch';
        } catch {
          reason = 'unusable';
        }
      }
      if (reason !== null) {
        rejected.set(key, reason);
        // Altered in place: the key names an entry we hold, so restore its signed text.
        if (carried.has(key) || ledger.has(key)) restore.push(key);
        continue;
      }
      rejected.delete(key);
      carried.add(key);
      items.push(item);
    }
    if (items.length > 0) await ledger.add(items);
    if (restore.length > 0) write(restore.filter((id) => ledger.has(id)));
    init.onUpdate?.();
  }

  /** Writes the verified text of entries this peer holds into the document. */
  function write(ids: readonly string[]): void {
    if (ids.length === 0) return;
    handle.change((doc) => {
      doc.entries ??= {};
      for (const id of ids) {
        doc.entries[id] = new ImmutableString(canonicalJson(ledger.get(id)));
        carried.add(id);
        rejected.delete(id);
      }
    });
  }

  function enqueue(task: () => Promise<void>): Promise<void> {
    const run = queue.then(task);
    queue = run.catch(() => undefined);
    return run;
  }

  function onChange(payload: DocHandleChangePayload<LedgerDoc>): void {
    const keys = new Set<string>();
    for (const patch of payload.patches) {
      if (patch.path[0] !== 'entries') continue;
      // A patch at ['entries'] itself replaced the whole map: look at everything.
      if (patch.path.length === 1) {
        for (const key of Object.keys(payload.doc.entries ?? {})) keys.add(key);
        for (const key of carried) keys.add(key);
      } else if (typeof patch.path[1] === 'string') {
        keys.add(patch.path[1]);
      }
    }
    if (keys.size > 0) void enqueue(() => take(keys));
  }

  return {
    async start() {
      await enqueue(() => take(Object.keys(handle.doc()?.entries ?? {})));
      if (!listening) {
        handle.on('change', onChange);
        listening = true;
      }
    },
    stop() {
      if (listening) handle.off('change', onChange);
      listening = false;
    },
    append(entry) {
      return enqueue(async () => {
        const result = await ledger.add([entry]);
        const id = itemId(entry, init.sha256Hex);
        if (result.unusable.length > 0) throw result.unusable[0]!.error;
        write([id]);
        init.onUpdate?.();
      });
    },
    rejected: () => [...rejected].map(([key, reason]) => ({ key, reason })),
    async settled() {
      // Processing a change may write (a restore), which queues another: wait until quiet.
      let current: Promise<void>;
      do {
        current = queue;
        await current;
      } while (current !== queue);
    },
  };
}
