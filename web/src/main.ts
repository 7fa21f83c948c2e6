/*
 * The page's entry point: gives `<coop-app>` what only the page has — the browser's storage for
 * the language choice and the app's own address. The peer-to-peer runtime will be created and
 * plugged in here (`app.runtime = …`) when it lands.
 */
import './app/coop-app.js';
import { createLocaleStore, type KeyValueStorage } from './i18n/locale-store.js';

function browserStorage(): KeyValueStorage | undefined {
  try {
    // Reading `localStorage` itself throws where the browser refuses storage.
    return window.localStorage;
  } catch {
    return undefined;
  }
}

const app =
  document.querySelector('coop-app') ??
  document.body.appendChild(document.createElement('coop-app'));
app.localeStore = createLocaleStore({ storage: browserStorage() });
app.appUrl = window.location.href.split('#')[0] ?? '';
