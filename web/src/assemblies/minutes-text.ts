/*
 * The minutes editor is a plain <textarea> bound to Automerge text. Typing is turned into one
 * splice (what changed between the text the editor showed and what it holds now), applied at the
 * heads the editor's text was read at, so words others typed meanwhile are kept. When others'
 * words arrive, the editor takes the new text and moves the caret by what was inserted before it.
 */

/** One splice: at `index`, remove `remove` code units and insert `insert`. */
export interface TextSplice {
  readonly index: number;
  readonly remove: number;
  readonly insert: string;
}

/** The splice that turns `before` into `after` (common prefix and suffix kept), or `null`. */
export function spliceBetween(before: string, after: string): TextSplice | null {
  if (before === after) return null;
  let start = 0;
  const shortest = Math.min(before.length, after.length);
  while (start < shortest && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Never split a surrogate pair.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let end = 0;
  while (
    end < shortest - start &&
    before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
  ) {
    end++;
  }
  if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--;
  return {
    index: start,
    remove: before.length - start - end,
    insert: after.slice(start, after.length - end),
  };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Where a caret at `position` in `before` goes once the text is `after` (others' edit). */
export function movedCaret(before: string, after: string, position: number): number {
  const splice = spliceBetween(before, after);
  if (splice === null || position <= splice.index) return Math.min(position, after.length);
  if (position >= splice.index + splice.remove) {
    return position - splice.remove + splice.insert.length;
  }
  // Inside text that others replaced: stay at the start of what they wrote.
  return splice.index;
}
