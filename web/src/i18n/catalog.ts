import type { fr } from './fr.js';

/*
 * Types of the translation catalogs. French (`fr.ts`) is the source of keys; every other catalog
 * is typed against it, so a missing or extra key, or a plain message where French has plural
 * forms, is a compile error. Parameter names are read from the French text at the type level,
 * so `t('members.count', { count: 3 })` is checked too.
 */

/** The languages the app speaks. French first: the cooperative is in Île-de-France. */
export const LOCALES = ['fr', 'en'] as const;

/** A language of the app. */
export type Locale = (typeof LOCALES)[number];

/** The language used until the member picks another. */
export const DEFAULT_LOCALE: Locale = 'fr';

/** Whether a value names a language of the app. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * A message with plural forms, chosen by `count` with the language's plural rules
 * (`Intl.PluralRules`). `=0` is an exact-zero override ("Aucun membre"), not a CLDR category.
 */
export interface PluralMessage {
  readonly '=0'?: string;
  readonly one: string;
  readonly many?: string;
  readonly other: string;
}

/** One message: a text with `{name}` placeholders, or plural forms of it. */
export type Message = string | PluralMessage;

/** The keys of every catalog: those of the French one. */
export type MessageKey = keyof typeof fr;

/** What another language's message must be for a key: plural forms where French has them. */
type ShapeOf<M> = M extends string ? string : PluralMessage;

/** A catalog for another language: exactly the French keys, each with the same shape. */
export type Catalog = { readonly [K in MessageKey]: ShapeOf<(typeof fr)[K]> };

/**
 * Another language's part of one area's messages (see `areas/`): exactly the keys of that area's
 * French part, each with the same shape.
 */
export type AreaCatalog<F extends Record<string, Message>> = {
  readonly [K in keyof F]: ShapeOf<F[K]>;
};

/** Placeholder names in a text: `'{count} membres de {coop}'` gives `'count' | 'coop'`. */
type NamesIn<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | NamesIn<Rest>
  : never;

/** Placeholder names of a message; a plural message always takes `count`. */
type PlaceholdersOf<M> = M extends string
  ? NamesIn<M>
  : M extends PluralMessage
    ? 'count' | NamesIn<Extract<M[keyof M], string>>
    : never;

/** A value put in a placeholder: numbers are written the language's way. */
export type ParamValue = string | number;

/** The parameters of the message under `K`: none, or an object naming each placeholder. */
export type ParamsFor<K extends MessageKey> = [PlaceholdersOf<(typeof fr)[K]>] extends [never]
  ? []
  : [params: { readonly [P in PlaceholdersOf<(typeof fr)[K]>]: ParamValue }];
