/**
 * What the offline support needs from the browser's service worker machinery — a port, so its
 * logic is tested with a fake (test/offline) and runs over workbox-window in the page
 * (`workbox-port.ts`).
 */
export interface ServiceWorkerPort {
  /**
   * Registers the worker. Resolves with whether a worker is already active for this scope (the
   * app shell is in its cache: a return visit), rejects when registering fails.
   */
  register(): Promise<{ readonly active: boolean }>;
  /** Resolves once a worker is active for this scope (first install finished). */
  ready(): Promise<void>;
  /** Calls `listener` when a newer version is installed and waits to take over. */
  onUpdateWaiting(listener: () => void): void;
  /**
   * Calls `listener` when a newer worker takes control of this page from the one that controlled
   * it (not when the first worker claims an uncontrolled page).
   */
  onControllerChange(listener: () => void): void;
  /** Calls `listener` when the worker being installed is dropped (its precache failed). */
  onInstallFailed(listener: () => void): void;
  /** Asks the waiting worker to take over now (Workbox's `SKIP_WAITING` message). */
  activateUpdate(): void;
}
