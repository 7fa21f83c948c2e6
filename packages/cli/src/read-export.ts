/**
 * Reading a ledger export for `integrale verify` (spec section 4, "Reading the input").
 *
 * The file is either one JSON value (an array's items are the entries, any other value is one
 * item) or JSON Lines (one value per line, each value one item). It is streamed, never read
 * into one string, and hostile input — a 2 GB line, nesting a million levels deep, bytes that
 * are not UTF-8 — fails fast with an {@link UnreadableInputError} instead of hanging, running
 * out of memory or overflowing the stack.
 */
import { Buffer } from 'node:buffer';
import { open, type FileHandle } from 'node:fs/promises';

/** Options for {@link readExport}. */
export interface ReadExportInit {
  /**
   * Largest single item (an element of the top-level array, or a line), in UTF-8 bytes. Reading
   * stops as soon as an item grows past it. Also the largest file that is tried as one
   * multi-line JSON value when it does not read as JSON Lines. Default 16 MiB.
   */
  maxItemBytes?: number;
  /**
   * Deepest nesting of arrays and objects inside one item. Deeper input is unreadable, which
   * keeps later recursive code (canonical JSON) clear of stack overflow. Default 512.
   */
  maxDepth?: number;
}

/**
 * The input cannot be read as a ledger export: the file is missing or unreadable, is not UTF-8,
 * is not JSON or JSON Lines, holds a number that is not finite, or breaks a size or depth limit.
 * The message is one line of plain English saying where (line or item number) and what.
 */
export class UnreadableInputError extends Error {
  override name = 'UnreadableInputError';
}

/**
 * Reads the ledger export at `path` and returns its items, in file order, as `JSON.parse`
 * gives them (duplicate keys keep the last value; lone-surrogate escapes are kept, to be judged
 * later as malformed).
 *
 * @throws {@link UnreadableInputError} when the input is unreadable in the sense of the spec,
 * or breaks `init`'s limits.
 * @throws RangeError when `init` holds a limit that is not a positive integer.
 */
export async function readExport(path: string, init: ReadExportInit = {}): Promise<unknown[]> {
  const limits = resolveLimits(init);
  try {
    return await readEither(path, limits);
  } catch (error) {
    // A safety net for limits set very high: a string or array past the engine's size limit.
    if (error instanceof RangeError) {
      throw new UnreadableInputError(`the input cannot be read: ${describe(error)}`, {
        cause: error,
      });
    }
    throw error;
  }
}

/** Reads the text as one JSON value if it is one, else as JSON Lines. */
async function readEither(path: string, limits: Limits): Promise<unknown[]> {
  // One pass decides the shape. Leading whitespace goes to the line reader, so that line
  // numbers and the length limit hold if the text turns out to be JSON Lines.
  const lines = new LineReader(limits);
  let array: ArrayScanner | undefined;
  let leading = true;
  const end = await pump(path, (text) => {
    if (array !== undefined) return array.feed(text, 0);
    if (leading) {
      const first = firstNonWhitespace(text, 0);
      if (first === -1) return lines.feed(text);
      leading = false;
      if (text.charCodeAt(first) === LEFT_BRACKET) {
        array = new ArrayScanner(limits);
        return array.feed(text, first + 1);
      }
    }
    return lines.feed(text);
  });

  if (array !== undefined) {
    const items = end === 'eof' ? array.finish() : undefined;
    if (items !== undefined) return items;
    // Not one JSON value (something follows the array, or it is broken): JSON Lines, from the
    // start. An array on a line is then one item.
    return readAsLines(path, limits);
  }
  if (end === 'eof') lines.finish();
  if (lines.badLine !== undefined) {
    // A line that read as a whole value leaves no room for the text to be one value.
    if (lines.items.length > 0) throw notJson(lines.badLine);
    return readAsOneValue(path, limits, lines.badLine);
  }
  if (lines.items.length === 0) throw new UnreadableInputError('the input is empty');
  return lines.items;
}

const MIB = 1024 * 1024;
/** Bytes read per call; also bounds how far past a limit an over-long item is buffered. */
const CHUNK_BYTES = MIB;

const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const COMMA = 0x2c;
const LEFT_BRACKET = 0x5b;
const BACKSLASH = 0x5c;
const RIGHT_BRACKET = 0x5d;
const LEFT_BRACE = 0x7b;
const RIGHT_BRACE = 0x7d;

interface Limits {
  readonly maxItemBytes: number;
  readonly maxDepth: number;
}

interface BadLine {
  readonly line: number;
  readonly reason: string;
}

function resolveLimits(init: ReadExportInit): Limits {
  const maxItemBytes = init.maxItemBytes ?? 16 * MIB;
  const maxDepth = init.maxDepth ?? 512;
  if (!Number.isSafeInteger(maxItemBytes) || maxItemBytes < 1) {
    throw new RangeError(`maxItemBytes must be a positive integer, not ${maxItemBytes}`);
  }
  if (!Number.isSafeInteger(maxDepth) || maxDepth < 1) {
    throw new RangeError(`maxDepth must be a positive integer, not ${maxDepth}`);
  }
  return { maxItemBytes, maxDepth };
}

/** JSON.parse's own whitespace: anything else next to a value makes it fail. */
function isWhitespace(code: number): boolean {
  return code === SPACE || code === LINE_FEED || code === CARRIAGE_RETURN || code === TAB;
}

function firstNonWhitespace(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (!isWhitespace(text.charCodeAt(i))) return i;
  }
  return -1;
}

/**
 * Index of the quote closing a string whose body starts at `from`, or -1 if `text` ends first.
 * Jumps quote to quote with `indexOf` (native speed, unlike a per-character loop): a quote
 * closes the string when an even number of backslashes precede it within the body.
 */
function closingQuote(text: string, from: number): number {
  for (let at = from; ;) {
    const quote = text.indexOf('"', at);
    if (quote === -1) return -1;
    let before = quote - 1;
    while (before >= from && text.charCodeAt(before) === BACKSLASH) before--;
    if (((quote - 1 - before) & 1) === 0) return quote;
    at = quote + 1;
  }
}

/** Whether a string body running from `from` to the end of `text` ends in an unpaired backslash. */
function endsInEscape(text: string, from: number): boolean {
  let before = text.length - 1;
  while (before >= from && text.charCodeAt(before) === BACKSLASH) before--;
  return ((text.length - 1 - before) & 1) === 1;
}

/** Index at which nesting first goes deeper than `maxDepth`, or -1. Strings are skipped. */
function tooDeepAt(text: string, maxDepth: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      const quote = closingQuote(text, i + 1);
      // An unterminated string is a syntax error that JSON.parse reports; nothing to count.
      if (quote === -1) return -1;
      i = quote;
    } else if (code === LEFT_BRACKET || code === LEFT_BRACE) {
      if (++depth > maxDepth) return i;
    } else if (code === RIGHT_BRACKET || code === RIGHT_BRACE) {
      // May go negative on broken text; never clamp, so a deep run after it is not overstated.
      depth--;
    }
  }
  return -1;
}

type Parsed = { readonly value: unknown; readonly finite: boolean } | { readonly syntax: string };

/** Parses one item's text. A SyntaxError is returned, since it may only mean "try another shape". */
function parseItem(text: string, where: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    if (error instanceof SyntaxError) return { syntax: error.message };
    // Out of memory for a huge string and the like: never let a RangeError escape raw.
    throw new UnreadableInputError(`${where} cannot be read: ${describe(error)}`, {
      cause: error,
    });
  }
  return { value, finite: allFinite(value) };
}

/**
 * Whether every number in a parsed value is finite: JSON.parse silently reads 1e400 as
 * Infinity. An explicit stack rather than recursion, and rather than a reviver (about three
 * times slower in V8).
 */
function allFinite(root: unknown): boolean {
  if (typeof root !== 'object' || root === null) {
    return typeof root !== 'number' || Number.isFinite(root);
  }
  const stack: object[] = [root];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const values: readonly unknown[] = Array.isArray(top) ? top : Object.values(top);
    for (const value of values) {
      if (typeof value === 'number') {
        if (!Number.isFinite(value)) return false;
      } else if (typeof value === 'object' && value !== null) {
        stack.push(value);
      }
    }
  }
  return true;
}

/**
 * Throws when an item's text is longer than the limit. `units` is its length in UTF-16 code
 * units, never more than its UTF-8 length (decoded UTF-8 holds no lone surrogate) and never
 * less than a third of it, so the exact byte count is only needed in between.
 */
function checkSize(text: string, units: number, where: string, limits: Limits): void {
  const max = limits.maxItemBytes;
  if (units > max || (units * 3 > max && Buffer.byteLength(text, 'utf8') > max)) {
    throw new UnreadableInputError(`${where} is longer than ${formatBytes(max)}`);
  }
}

function tooLong(where: string, limits: Limits): UnreadableInputError {
  return new UnreadableInputError(`${where} is longer than ${formatBytes(limits.maxItemBytes)}`);
}

function tooDeep(where: string, limits: Limits): UnreadableInputError {
  return new UnreadableInputError(`${where} nests deeper than ${limits.maxDepth} levels`);
}

function notFinite(where: string): UnreadableInputError {
  return new UnreadableInputError(`${where} has a number that is not finite`);
}

function notJson(bad: BadLine): UnreadableInputError {
  return new UnreadableInputError(`line ${bad.line} is not JSON: ${bad.reason}`);
}

/**
 * Reads the text as one top-level array, cutting out each element's text at depth-1 commas and
 * parsing it on its own, so that memory holds one element's text at a time.
 */
class ArrayScanner {
  readonly items: unknown[] = [];
  /** Nesting at the scan position; 1 inside the top-level array, whose `[` is consumed. */
  private depth = 1;
  private inString = false;
  /** A string body broke off between chunks right after an unpaired backslash. */
  private pendingEscape = false;
  private closed = false;
  /** Text of the current element from earlier chunks. */
  private parts: string[] = [];
  private partsLength = 0;
  /** First item holding a non-finite number, 0 if none: reported only if the array is whole. */
  private nonFiniteItem = 0;

  constructor(private readonly limits: Limits) {}

  /** Feeds decoded text from `from`; returns false once the text cannot be one JSON array. */
  feed(text: string, from: number): boolean {
    if (this.closed) return firstNonWhitespace(text, from) === -1;
    let start = from;
    let i = from;
    if (this.inString) {
      if (this.pendingEscape) {
        this.pendingEscape = false;
        i++;
      }
      const quote = closingQuote(text, i);
      if (quote === -1) {
        this.pendingEscape = endsInEscape(text, i);
        return this.keep(text, start);
      }
      this.inString = false;
      i = quote + 1;
    }
    // The hot loop: one charCodeAt per character outside strings, strings skipped natively.
    for (const length = text.length; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code === QUOTE) {
        const quote = closingQuote(text, i + 1);
        if (quote === -1) {
          this.inString = true;
          this.pendingEscape = endsInEscape(text, i + 1);
          return this.keep(text, start);
        }
        i = quote;
      } else if (code === LEFT_BRACKET || code === LEFT_BRACE) {
        // Stop at once, before buffering more: the item is unreadable whatever the shape.
        if (++this.depth > this.limits.maxDepth + 1) throw tooDeep(this.where(), this.limits);
      } else if (code === RIGHT_BRACKET || code === RIGHT_BRACE) {
        if (--this.depth === 0) {
          if (code !== RIGHT_BRACKET || !this.element(text, start, i, true)) return false;
          this.closed = true;
          return firstNonWhitespace(text, i + 1) === -1;
        }
      } else if (code === COMMA && this.depth === 1) {
        if (!this.element(text, start, i, false)) return false;
        start = i + 1;
      }
    }
    return this.keep(text, start);
  }

  /** The items once the file has ended, or undefined if the array never closed. */
  finish(): unknown[] | undefined {
    if (!this.closed) return undefined;
    if (this.nonFiniteItem !== 0) throw notFinite(`item ${this.nonFiniteItem}`);
    return this.items;
  }

  private where(): string {
    return `item ${this.items.length + 1}`;
  }

  /** Keeps the unfinished element's text from `start` until the next chunk. */
  private keep(text: string, start: number): boolean {
    if (start < text.length) {
      this.parts.push(start === 0 ? text : text.slice(start));
      this.partsLength += text.length - start;
      if (this.partsLength > this.limits.maxItemBytes) throw tooLong(this.where(), this.limits);
    }
    return true;
  }

  /** Parses the element ending at `end`; false if it is not JSON. */
  private element(text: string, start: number, end: number, closing: boolean): boolean {
    const where = this.where();
    const units = this.partsLength + (end - start);
    if (units > this.limits.maxItemBytes) throw tooLong(where, this.limits);
    const tail = text.slice(start, end);
    const body = this.parts.length === 0 ? tail : this.parts.join('') + tail;
    this.parts = [];
    this.partsLength = 0;
    if (closing && this.items.length === 0 && firstNonWhitespace(body, 0) === -1) return true;
    checkSize(body, units, where, this.limits);
    const parsed = parseItem(body, where);
    if ('syntax' in parsed) return false;
    if (!parsed.finite && this.nonFiniteItem === 0) this.nonFiniteItem = this.items.length + 1;
    this.items.push(parsed.value);
    return true;
  }
}

/** Reads the text as JSON Lines, stopping at the first line that is not JSON. */
class LineReader {
  readonly items: unknown[] = [];
  /** The first line that is not JSON, once found; reading stops there. */
  badLine: BadLine | undefined;
  /** Number of the line being assembled, from 1. */
  private line = 1;
  private parts: string[] = [];
  private partsLength = 0;

  constructor(private readonly limits: Limits) {}

  /** Feeds decoded text; returns false once a line is not JSON. */
  feed(text: string): boolean {
    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      if (!this.endLine(text, start, newline)) return false;
      start = newline + 1;
      this.line++;
    }
    if (start < text.length) {
      this.parts.push(start === 0 ? text : text.slice(start));
      this.partsLength += text.length - start;
      // Checked per chunk, so a 2 GB line stops after about one chunk past the limit.
      if (this.partsLength > this.limits.maxItemBytes) {
        throw tooLong(`line ${this.line}`, this.limits);
      }
    }
    return true;
  }

  /** Ends the last line, which has no newline after it. */
  finish(): void {
    this.endLine('', 0, 0);
  }

  private endLine(text: string, start: number, end: number): boolean {
    const where = `line ${this.line}`;
    const units = this.partsLength + (end - start);
    if (units > this.limits.maxItemBytes) throw tooLong(where, this.limits);
    const tail = text.slice(start, end);
    const body = this.parts.length === 0 ? tail : this.parts.join('') + tail;
    this.parts = [];
    this.partsLength = 0;
    if (firstNonWhitespace(body, 0) === -1) return true;
    checkSize(body, units, where, this.limits);
    // Before parsing, so JSON.parse never builds a million-level structure. A line that nests
    // too deep cannot be rescued by the whole text being one value: that would nest deeper.
    if (tooDeepAt(body, this.limits.maxDepth) !== -1) throw tooDeep(where, this.limits);
    const parsed = parseItem(body, where);
    if ('syntax' in parsed) {
      this.badLine = { line: this.line, reason: printable(parsed.syntax) };
      return false;
    }
    // Nor can a non-finite number: the whole text would hold the same number.
    if (!parsed.finite) throw notFinite(where);
    this.items.push(parsed.value);
    return true;
  }
}

/** Reads the file as JSON Lines only: the whole text is known not to be one JSON value. */
async function readAsLines(path: string, limits: Limits): Promise<unknown[]> {
  const lines = new LineReader(limits);
  if ((await pump(path, (text) => lines.feed(text))) === 'eof') lines.finish();
  if (lines.badLine !== undefined) throw notJson(lines.badLine);
  if (lines.items.length === 0) throw new UnreadableInputError('the input is empty');
  return lines.items;
}

/**
 * A line was not JSON, but the text may be one value over several lines (a pretty-printed
 * object). Tried only for a file within the item limit, since it must be held whole.
 */
async function readAsOneValue(path: string, limits: Limits, bad: BadLine): Promise<unknown[]> {
  const parts: string[] = [];
  const end = await pump(
    path,
    (text) => {
      parts.push(text);
      return true;
    },
    limits.maxItemBytes,
  );
  if (end !== 'eof') throw notJson(bad);
  const text = parts.join('');
  const deepAt = tooDeepAt(text, limits.maxDepth);
  if (deepAt !== -1) throw tooDeep(`line ${lineOf(text, deepAt)}`, limits);
  const parsed = parseItem(text, 'the input');
  if ('syntax' in parsed) throw notJson(bad);
  if (!parsed.finite) throw notFinite('item 1');
  return [parsed.value];
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) {
    line++;
  }
  return line;
}

/**
 * Reads the file in chunks, decoding UTF-8 strictly in streaming mode, and hands each piece of
 * text to `onText` until it returns false. Gives 'limit' without decoding further once more
 * than `byteLimit` bytes have been read. A leading byte-order mark is dropped by the decoder.
 */
async function pump(
  path: string,
  onText: (text: string) => boolean,
  byteLimit = Number.POSITIVE_INFINITY,
): Promise<'eof' | 'stopped' | 'limit'> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw cannotRead(path, error);
  }
  try {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    // Reused for every read: the decoder copies what it keeps between calls.
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let offset = 0;
    // The last bytes decoded, to place an error in a sequence begun in an earlier chunk.
    let carry: Uint8Array = new Uint8Array(0);
    for (;;) {
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buffer, 0, buffer.length, null));
      } catch (error) {
        throw cannotRead(path, error);
      }
      if (bytesRead === 0) break;
      if (offset + bytesRead > byteLimit) return 'limit';
      const bytes = buffer.subarray(0, bytesRead);
      let text: string;
      try {
        text = decoder.decode(bytes, { stream: true });
      } catch {
        throw notUtf8(offset, carry, bytes);
      }
      offset += bytesRead;
      carry = lastBytes(carry, bytes);
      if (text.length > 0 && !onText(text)) return 'stopped';
    }
    let rest: string;
    try {
      rest = decoder.decode();
    } catch {
      // The file ends inside a multi-byte sequence.
      throw notUtf8(offset, carry, new Uint8Array(0));
    }
    if (rest.length > 0 && !onText(rest)) return 'stopped';
    return 'eof';
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function cannotRead(path: string, error: unknown): UnreadableInputError {
  const code =
    typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
      ? error.code
      : describe(error);
  return new UnreadableInputError(`cannot read ${printable(path)}: ${code}`, { cause: error });
}

/** The last three bytes decoded so far: enough to hold an unfinished UTF-8 sequence. */
function lastBytes(carry: Uint8Array, bytes: Uint8Array): Uint8Array {
  if (bytes.length >= 3) return bytes.slice(bytes.length - 3);
  const joined = new Uint8Array(carry.length + bytes.length);
  joined.set(carry);
  joined.set(bytes, carry.length);
  return joined.slice(Math.max(0, joined.length - 3));
}

/** Locates the first bad byte of a chunk the decoder refused (off the hot path). */
function notUtf8(chunkOffset: number, carry: Uint8Array, bytes: Uint8Array): UnreadableInputError {
  const tail = carry.subarray(carry.length - unfinishedLength(carry));
  const joined = new Uint8Array(tail.length + bytes.length);
  joined.set(tail);
  joined.set(bytes, tail.length);
  const at = firstInvalidUtf8(joined);
  const where = at === -1 ? '' : ` at byte offset ${chunkOffset - tail.length + at}`;
  return new UnreadableInputError(`the input is not valid UTF-8${where}`);
}

/** Length of a UTF-8 sequence from its first byte; 0 for a byte that cannot start one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** How many bytes at the end of valid UTF-8 `bytes` begin a sequence not yet finished. */
function unfinishedLength(bytes: Uint8Array): number {
  for (let back = 1; back <= bytes.length && back <= 3; back++) {
    const byte = bytes[bytes.length - back] ?? 0;
    if ((byte & 0xc0) !== 0x80) return sequenceLength(byte) > back ? back : 0;
  }
  return 0;
}

/** Index where the first ill-formed (or unfinished) UTF-8 sequence starts, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i] ?? 0;
    const length = sequenceLength(lead);
    if (length === 0) return i;
    // The second byte's range is narrower after some leads (no overlongs, no surrogates,
    // nothing past U+10FFFF), as in the Unicode table of well-formed sequences.
    let low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    let high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k < length; k++) {
      const byte = bytes[i + k];
      if (byte === undefined || byte < low || byte > high) return i;
      low = 0x80;
      high = 0xbf;
    }
    i += length;
  }
  return -1;
}

function formatBytes(bytes: number): string {
  if (bytes % MIB === 0) return `${bytes / MIB} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

function describe(error: unknown): string {
  return printable(error instanceof Error ? error.message : String(error));
}

/**
 * Keeps a message to one short line that is safe on a terminal: parser messages quote the
 * input, which may hold control characters.
 */
function printable(text: string): string {
  let out = '';
  for (const char of text.length > 160 ? `${text.slice(0, 157)}...` : text) {
    const code = char.codePointAt(0) ?? 0;
    const unsafe =
      code < 0x20 ||
      (code >= 0x7f && code <= 0x9f) ||
      code === 0x2028 ||
      code === 0x2029 ||
      (code >= 0xd800 && code <= 0xdfff);
    out += unsafe ? `\\u${code.toString(16).padStart(4, '0')}` : char;
  }
  return out;
}
