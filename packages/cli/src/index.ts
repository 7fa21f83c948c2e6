/**
 * The `integrale` command line: `integrale verify FILE [--coop ID] [--json]` checks a ledger
 * export against format v1 and prints the report of spec section 4.
 * @packageDocumentation
 */
export {
  main,
  runVerify,
  UsageError,
  EXIT_OK,
  EXIT_PROBLEMS,
  EXIT_UNREADABLE,
  type CliIo,
} from './main.js';
export { languageOf, summary, reasonText, type Language } from './messages.js';
export { readExport, UnreadableInputError, type ReadExportInit } from './read-export.js';
