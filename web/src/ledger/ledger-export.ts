/*
 * The whole ledger in the format of spec section 4: JSON Lines, one held item per line, each
 * exactly as it was signed. Items are kept as parsed from their canonical text, so
 * `JSON.stringify` gives that text back; an auditor's `integrale verify` re-checks every
 * signature and needs nothing from this device. Invalid and pending items are exported too: the
 * export is what this device holds, not what it believes.
 */

/** JSON Lines of `items`, sorted by their text so two devices holding the same set agree. */
export function ledgerJsonLines(items: readonly unknown[]): string {
  const lines = items.map((item) => JSON.stringify(item));
  lines.sort();
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}

/** The file name of an export: the cooperative's id prefix and the day, e.g. `integrale-1a2b3c4d-2026-11-26.jsonl`. */
export function ledgerExportFileName(coop: string, now: Date): string {
  const safe = coop.replace(/[^0-9a-f]/g, '').slice(0, 8);
  return `integrale-${safe}-${now.toISOString().slice(0, 10)}.jsonl`;
}
