/*
 * Offline use of the app (README.md here): the service worker that precaches the app shell,
 * registered only where the page can have one, and the status `<coop-offline-status>` shows.
 */
import { ContextProvider } from '@lit/context';
import type { ReactiveElement } from 'lit';
import { contextFactsOf } from './context-facts.js';
import { offlineSupportContext } from './offline-context.js';
import { createOfflineSupport, type OfflineSupport } from './offline-support.js';
import { createWorkboxPort } from './workbox-port.js';

export {
  contextFactsOf,
  offlineDecision,
  type ContextFacts,
  type OfflineDecision,
} from './context-facts.js';
export { offlineSupportContext } from './offline-context.js';
export {
  createOfflineSupport,
  type OfflineState,
  type OfflineStatus,
  type OfflineSupport,
  type OfflineSupportInit,
} from './offline-support.js';
export type { ServiceWorkerPort } from './service-worker-port.js';

/** The worker vite-plugin-pwa writes next to index.html (`filename` in vite.config.ts). */
export const SERVICE_WORKER_FILE = 'sw.js';

/**
 * Starts the offline support of this page and provides it to the elements inside `host` (the
 * app shell): registers the service worker when the page is a secure context with the API.
 */
export function startOfflineSupport(page: Window, host: ReactiveElement): OfflineSupport {
  const offline = createOfflineSupport({
    facts: contextFactsOf(page, import.meta.env.PROD),
    // Relative to the page, which is the app's directory whatever path serves it (base './').
    openPort: () =>
      createWorkboxPort(
        new URL(SERVICE_WORKER_FILE, page.document.baseURI).href,
        page.navigator.serviceWorker,
      ),
    reload: () => page.location.reload(),
    log: (message, error) => console.warn(`integrale:offline ${message}`, error),
  });
  new ContextProvider(host, { context: offlineSupportContext, initialValue: offline });
  void offline.start();
  return offline;
}
