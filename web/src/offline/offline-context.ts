import { createContext } from '@lit/context';
import type { OfflineSupport } from './offline-support.js';

/** The page's offline support, provided on `<coop-app>` by main.ts (`provideOfflineSupport`). */
export const offlineSupportContext = createContext<OfflineSupport | undefined>(
  Symbol('integrale-offline-support'),
);
