import { offlineDecision, type ContextFacts } from './context-facts.js';
import type { ServiceWorkerPort } from './service-worker-port.js';

/**
 * Where the app stands for offline use:
 * - `installing`: the service worker is precaching the app shell (first visit);
 * - `installed`: the app shell is cached: the app opens with no network;
 * - `unsupported-insecure`: a plain-HTTP page from a LAN address — the app works, but installing
 *   it for offline use needs HTTPS (or localhost);
 * - `unsupported-browser`: this browser has no service workers;
 * - `failed`: registering or installing the worker failed (the app works while online);
 * - `disabled`: the dev server, which serves no worker.
 */
export type OfflineState =
  | 'installing'
  | 'installed'
  | 'unsupported-insecure'
  | 'unsupported-browser'
  | 'failed'
  | 'disabled';

/** What `<coop-offline-status>` shows. */
export interface OfflineStatus {
  readonly state: OfflineState;
  /**
   * A newer version of the app is installed (waiting, or already serving this page's next load):
   * reloading brings it. It never takes over by itself, so a page is never reloaded under the
   * member's fingers in the middle of a payment.
   */
  readonly updateAvailable: boolean;
}

/** Options of {@link createOfflineSupport}. */
export interface OfflineSupportInit {
  /** The page's facts (`contextFactsOf(window, import.meta.env.PROD)`). */
  readonly facts: ContextFacts;
  /** Opens the browser's service worker machinery; only called when registering. */
  readonly openPort: () => ServiceWorkerPort;
  /** Reloads the page (`location.reload()`). */
  readonly reload: () => void;
  /** Where failures are reported. @default nothing */
  readonly log?: (message: string, error: unknown) => void;
}

/** The page's offline support: its status and the member's one action (reload for an update). */
export interface OfflineSupport {
  /** The current status. */
  status(): OfflineStatus;
  /** Calls `listener` on every change of status; returns the unsubscribe function. */
  subscribe(listener: (status: OfflineStatus) => void): () => void;
  /** Registers the service worker when the page can have one; resolves once registered. */
  start(): Promise<void>;
  /**
   * Brings the new version: asks the waiting worker to take over, and reloads once it controls
   * the page (at once when it already does). Does nothing while no update is available.
   */
  applyUpdate(): void;
}

const NOT_REGISTERING = {
  'unsupported-insecure': 'unsupported-insecure',
  'unsupported-browser': 'unsupported-browser',
  disabled: 'disabled',
} as const satisfies Record<string, OfflineState>;

/**
 * Creates the offline support of a page: decides from its facts whether to register the service
 * worker (only in a secure context with the API), then follows the worker's life — installing,
 * installed, failed — and newer versions waiting to take over.
 */
export function createOfflineSupport(init: OfflineSupportInit): OfflineSupport {
  const decision = offlineDecision(init.facts);
  let status: OfflineStatus = {
    state: decision === 'register' ? 'installing' : NOT_REGISTERING[decision],
    updateAvailable: false,
  };
  const listeners = new Set<(status: OfflineStatus) => void>();
  let port: ServiceWorkerPort | undefined;
  /** A newer worker already controls this page: reloading is enough. */
  let updateControlling = false;
  let reloadRequested = false;

  const set = (next: Partial<OfflineStatus>): void => {
    const merged = { ...status, ...next };
    if (merged.state === status.state && merged.updateAvailable === status.updateAvailable) return;
    status = merged;
    for (const listener of listeners) listener(status);
  };

  const installed = (): void => {
    if (status.state === 'installing') set({ state: 'installed' });
  };

  return {
    status: () => status,

    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },

    async start() {
      if (decision !== 'register' || port !== undefined) return;
      const opened = init.openPort();
      port = opened;
      opened.onUpdateWaiting(() => set({ updateAvailable: true }));
      opened.onControllerChange(() => {
        updateControlling = true;
        if (reloadRequested) init.reload();
        else set({ updateAvailable: true });
      });
      opened.onInstallFailed(() => {
        // Only the first install matters: a failed update leaves the cached version working.
        if (status.state === 'installing') set({ state: 'failed' });
      });
      try {
        const { active } = await opened.register();
        if (active) installed();
        else {
          opened.ready().then(installed, (error: unknown) => init.log?.('not ready', error));
        }
      } catch (error) {
        init.log?.('service worker registration failed', error);
        set({ state: 'failed' });
      }
    },

    applyUpdate() {
      if (!status.updateAvailable || port === undefined) return;
      reloadRequested = true;
      if (updateControlling) init.reload();
      else port.activateUpdate();
    },
  };
}
