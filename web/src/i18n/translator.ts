import {
  DEFAULT_LOCALE,
  isLocale,
  type Catalog,
  type Locale,
  type Message,
  type MessageKey,
  type ParamValue,
  type ParamsFor,
  type PluralMessage,
} from './catalog.js';
import { en } from './en.js';
import { fr } from './fr.js';

/** Every catalog by language (immutable). */
export const CATALOGS: { readonly [L in Locale]: Catalog } = { fr, en };

/** Texts and formats of one language. Immutable: switching language makes a new one. */
export interface Translator {
  readonly locale: Locale;
  /**
   * The message under `key`, with its placeholders filled in. Numbers are written the language's
   * way (`1 234` in French); a plural message picks its form from `count`.
   */
  t<K extends MessageKey>(key: K, ...params: ParamsFor<K>): string;
  /** A number written the language's way. */
  formatNumber(value: number): string;
  /** A day, written out (« 3 mars 2026 », "3 March 2026"). */
  formatDate(date: Date): string;
  /** A day and time of day. */
  formatDateTime(date: Date): string;
}

/** `{name}` placeholders: a letter, then letters and digits. */
const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** The placeholder names a text uses, in order of first appearance. */
export function placeholdersOf(message: Message): string[] {
  const texts = typeof message === 'string' ? [message] : Object.values(message);
  const names = new Set<string>();
  if (typeof message !== 'string') names.add('count');
  for (const text of texts) {
    for (const match of text.matchAll(PLACEHOLDER)) names.add(match[1] as string);
  }
  return [...names];
}

/**
 * The translator of a language (an unknown value gives French). Pure apart from `Intl`, which
 * every supported platform has.
 */
export function createTranslator(locale: Locale = DEFAULT_LOCALE): Translator {
  const lang: Locale = isLocale(locale) ? locale : DEFAULT_LOCALE;
  const catalog = CATALOGS[lang];
  const numbers = new Intl.NumberFormat(lang, { maximumFractionDigits: 20 });
  const plurals = new Intl.PluralRules(lang);
  const days = new Intl.DateTimeFormat(lang, { dateStyle: 'long' });
  const moments = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short' });

  const fill = (text: string, params: Readonly<Record<string, ParamValue>>): string =>
    text.replace(PLACEHOLDER, (whole, name: string) => {
      const value = Object.hasOwn(params, name) ? params[name] : undefined;
      if (typeof value === 'number') return numbers.format(value);
      // A missing parameter stays visible rather than vanishing from the sentence.
      return typeof value === 'string' ? value : whole;
    });

  const pick = (message: PluralMessage, count: ParamValue | undefined): string => {
    if (typeof count !== 'number' || !Number.isFinite(count)) return message.other;
    if (count === 0 && message['=0'] !== undefined) return message['=0'];
    const category = plurals.select(count);
    if (category === 'one') return message.one;
    if (category === 'many' && message.many !== undefined) return message.many;
    return message.other;
  };

  return {
    locale: lang,
    t<K extends MessageKey>(key: K, ...args: ParamsFor<K>): string {
      const message = catalog[key] as Message | undefined;
      // Only reachable when types were bypassed: show the key, never throw in a render.
      if (message === undefined) return String(key);
      const params = (args[0] ?? {}) as Readonly<Record<string, ParamValue>>;
      const text = typeof message === 'string' ? message : pick(message, params['count']);
      return fill(text, params);
    },
    formatNumber: (value) => numbers.format(value),
    formatDate: (date) => days.format(date),
    formatDateTime: (date) => moments.format(date),
  };
}
