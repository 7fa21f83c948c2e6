/**
 * The app's peer-to-peer runtime in a browser tab: keys in IndexedDB, documents in IndexedDB,
 * libp2p in one tab of the profile (the leader) and BroadcastChannel between its tabs.
 * @packageDocumentation
 */
export {
  createBrowserRuntime,
  INVITATION_LIFETIME_SECONDS,
  type BrowserRuntime,
  type BrowserRuntimeInit,
  type RuntimeInternals,
} from './browser-runtime.js';
export { installTestHook, type IntegraleTestHook, type DocumentHeads } from './test-hook.js';
export type { ConnectionFact } from './network-facts.js';
