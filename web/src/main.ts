/*
 * The page's entry point: gives `<coop-app>` what only the page has — the browser's storage for
 * the language choice, the app's own address, and the peer-to-peer runtime over this browser's
 * IndexedDB, BroadcastChannel, Web Locks and network. `window.integrale` exposes the runtime to
 * browser tests and the console (src/runtime/test-hook.ts).
 */
import { IndexedDBStorageAdapter } from '@automerge/automerge-repo-storage-indexeddb';
import './app/coop-app.js';
import { createLocaleStore, type KeyValueStorage } from './i18n/locale-store.js';
import { openIndexedDbKeyStore } from './key-store.js';
import { startOfflineSupport } from './offline/index.js';
import { createBrowserRuntime, installTestHook } from './runtime/index.js';

/** IndexedDB database of the cooperative's documents (the keys have their own). */
const DOCUMENTS_DB_NAME = 'integrale-documents';

function browserStorage(): Storage | undefined {
  try {
    // Reading `localStorage` itself throws where the browser refuses storage.
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** Storage that forgets, where the browser refuses `localStorage`. */
function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  };
}

const storage = browserStorage();
const app =
  document.querySelector('coop-app') ??
  document.body.appendChild(document.createElement('coop-app'));
app.localeStore = createLocaleStore({ storage: storage as KeyValueStorage | undefined });
app.appUrl = window.location.href.split('#')[0] ?? '';
// The app shell opens with no network after one visit (service worker where the page may have one).
startOfflineSupport(window, app);

const runtime = createBrowserRuntime({
  appUrl: app.appUrl,
  origin: window.location.origin,
  storage: storage ?? memoryStorage(),
  openKeyStore: () => openIndexedDbKeyStore(),
  openDocuments: () => new IndexedDBStorageAdapter(DOCUMENTS_DB_NAME),
  fetch: (input, init) => window.fetch(input, init),
  randomBytes: (length) => crypto.getRandomValues(new Uint8Array(length)),
  // Both are missing on a plain-HTTP LAN page (not a secure context): the runtime falls back.
  subtle: window.isSecureContext ? crypto.subtle : undefined,
  locks: window.isSecureContext && 'locks' in navigator ? navigator.locks : undefined,
  openChannel: (name) => new BroadcastChannel(name),
  events: window,
});
app.runtime = runtime;
installTestHook(window, runtime);
void runtime.start();
