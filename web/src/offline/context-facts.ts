/**
 * What the page knows about itself that decides whether the app can be installed for offline
 * use. Kept as plain data so the decision is a pure function, tested without a browser.
 */
export interface ContextFacts {
  /**
   * `window.isSecureContext`: HTTPS, `localhost` or 127.0.0.0/8. A page over plain HTTP from a LAN
   * address is not one, and browsers give it no service worker (NETWORK-NOTES gotcha 7).
   */
  readonly secureContext: boolean;
  /** `'serviceWorker' in navigator`: false in browsers without service workers, or with them off. */
  readonly serviceWorkerApi: boolean;
  /**
   * Whether this is a built app (`vite build`). The dev server serves no worker: registering one
   * there would only fail.
   */
  readonly built: boolean;
}

/**
 * What the page does about offline use:
 * - `register`: register the service worker (it precaches the app shell);
 * - `unsupported-insecure`: a plain-HTTP page that is not loopback; the app works, but installing
 *   it for offline use needs HTTPS (or localhost);
 * - `unsupported-browser`: a secure page in a browser without service workers;
 * - `disabled`: the dev server, which has no worker to register.
 */
export type OfflineDecision =
  'register' | 'unsupported-insecure' | 'unsupported-browser' | 'disabled';

/**
 * Decides from the page's facts whether to register the service worker. The insecure context is
 * checked before the API: browsers hide `navigator.serviceWorker` outside secure contexts, and
 * the member must be told the address is the reason, not the browser.
 */
export function offlineDecision(facts: ContextFacts): OfflineDecision {
  if (!facts.built) return 'disabled';
  if (!facts.secureContext) return 'unsupported-insecure';
  if (!facts.serviceWorkerApi) return 'unsupported-browser';
  return 'register';
}

/** The facts of a real page (`built`: Vite's `import.meta.env.PROD`, passed in by the caller). */
export function contextFactsOf(
  page: { readonly isSecureContext: boolean; readonly navigator: object },
  built: boolean,
): ContextFacts {
  return {
    secureContext: page.isSecureContext,
    serviceWorkerApi: 'serviceWorker' in page.navigator,
    built,
  };
}
