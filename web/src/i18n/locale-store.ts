import { DEFAULT_LOCALE, isLocale, type Locale } from './catalog.js';

/** The part of `localStorage` the store uses (so tests and other platforms can pass their own). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Options of {@link createLocaleStore}. */
export interface LocaleStoreInit {
  /** Where the choice is kept across visits (usually `localStorage`); none: not kept. */
  readonly storage?: KeyValueStorage | undefined;
  /** The storage key. Default {@link LOCALE_STORAGE_KEY}. */
  readonly storageKey?: string;
}

/** The storage key of the member's language choice. */
export const LOCALE_STORAGE_KEY = 'integrale.locale';

/** The member's chosen language, kept across visits. */
export interface LocaleStore {
  readonly locale: Locale;
  /** Switches language and remembers the choice. */
  setLocale(locale: Locale): void;
  /** Calls `listener` after each change; returns the unsubscribe function. */
  subscribe(listener: (locale: Locale) => void): () => void;
}

/**
 * The language store: the remembered choice when there is a valid one, else French. Storage that
 * refuses access (private browsing, disabled cookies) only means the choice is not remembered.
 */
export function createLocaleStore(init: LocaleStoreInit = {}): LocaleStore {
  const { storage, storageKey = LOCALE_STORAGE_KEY } = init;
  const listeners = new Set<(locale: Locale) => void>();
  let current: Locale = DEFAULT_LOCALE;
  try {
    const saved = storage?.getItem(storageKey);
    if (isLocale(saved)) current = saved;
  } catch {
    // Unreadable storage: keep the default.
  }
  return {
    get locale() {
      return current;
    },
    setLocale(locale) {
      if (!isLocale(locale) || locale === current) return;
      current = locale;
      try {
        storage?.setItem(storageKey, locale);
      } catch {
        // Full or refused storage: the switch still applies to this visit.
      }
      for (const listener of [...listeners]) listener(locale);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
