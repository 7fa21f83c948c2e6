import type { NetworkRole } from '../app/runtime.js';
import type { BrowserRuntime } from './browser-runtime.js';
import type { ConnectionFact } from './network-facts.js';

/*
 * `window.integrale`: the runtime and a few read-only helpers, so that browser tests (Playwright)
 * can check what the screens do not show — whether a connection is direct WebRTC, the documents'
 * heads, which tab runs the network. Installed on every page: it gives a script on the page
 * nothing that the page's own storage would not (same origin), and a member debugging a meeting
 * can use it from the browser's console. Documented in web/README.md.
 */

/** The documents' Automerge heads, sorted. */
export interface DocumentHeads {
  readonly root: readonly string[];
  readonly ledger: readonly string[];
}

/** What `window.integrale` holds. */
export interface IntegraleTestHook {
  /** The runtime itself (`snapshot()`, `pay()`, `invite()`, `join()`, `found()`…). */
  readonly runtime: BrowserRuntime;
  /** This tab's part on the network. */
  role(): NetworkRole;
  /** The device's libp2p PeerId once this tab leads (or joins); `null` otherwise. */
  peerId(): string | null;
  /** Every open libp2p connection of this tab (none in a follower tab). */
  connections(): ConnectionFact[];
  /** The root and ledger documents' heads, once open. */
  heads(): DocumentHeads | null;
  /** Whether this tab's ledger holds an entry, and its state. */
  entryState(id: string): 'valid' | 'invalid' | 'pending' | null;
  /** `webcrypto` or `noble`. */
  verifier(): string | null;
  /** `web-locks` or `lease`: how the tabs choose their leader. */
  leadership(): string | null;
}

declare global {
  interface Window {
    integrale?: IntegraleTestHook;
  }
}

/** Installs `window.integrale` for `runtime` (frozen: the helpers are not to be replaced). */
export function installTestHook(target: Window, runtime: BrowserRuntime): IntegraleTestHook {
  const hook: IntegraleTestHook = Object.freeze({
    runtime,
    role: () => runtime.snapshot().network.role,
    peerId() {
      const { session, joiningNode } = runtime.inspect();
      if (session?.role === 'leader') return session.node.peerId.toString();
      return joiningNode?.peerId.toString() ?? null;
    },
    connections: () => runtime.connections(),
    heads() {
      const session = runtime.inspect().session;
      if (session === null) return null;
      const root = session.peer.root();
      const ledgerUrl = root.doc().ledger;
      const ledger = session.peer.repo.handles[ledgerUrl.slice('automerge:'.length) as never];
      return {
        root: [...root.heads()].sort(),
        ledger: ledger === undefined ? [] : [...ledger.heads()].sort(),
      };
    },
    entryState(id: string) {
      return runtime.inspect().session?.peer.ledger.status(id)?.state ?? null;
    },
    verifier: () => runtime.inspect().verifierBackend,
    leadership: () => runtime.inspect().leadership,
  });
  Object.defineProperty(target, 'integrale', { value: hook, configurable: true });
  return hook;
}
