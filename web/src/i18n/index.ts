/**
 * The translation layer: typed catalogs (French is the source of keys), interpolation with named
 * parameters, plural forms, the remembered language choice, and the Lit controller and context.
 * @packageDocumentation
 */
export {
  LOCALES,
  DEFAULT_LOCALE,
  isLocale,
  type Locale,
  type Message,
  type MessageKey,
  type PluralMessage,
  type Catalog,
  type AreaCatalog,
  type ParamValue,
  type ParamsFor,
} from './catalog.js';
export { fr } from './fr.js';
export { en } from './en.js';
export { CATALOGS, createTranslator, placeholdersOf, type Translator } from './translator.js';
export {
  LOCALE_STORAGE_KEY,
  createLocaleStore,
  type KeyValueStorage,
  type LocaleStore,
  type LocaleStoreInit,
} from './locale-store.js';
export {
  describeAmountProblem,
  describeInvitationProblem,
  describeBackupError,
  describePayProblem,
} from './describe.js';
