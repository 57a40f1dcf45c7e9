import { isUtf8 } from "node:buffer";
import type { UploadEntry } from "../archive/uploadEntries.js";
import { bomLength, entryBuffer, entryChunks } from "./entryBytes.js";
import { EntryReadError } from "./entryReadError.js";

/**
 * Entries up to this size are parsed with one JSON.parse (the fastest way: ~330k Spotify rows/s
 * here; real exports come in ~12 MB files). Larger entries, and any entry whose one-shot parse
 * fails, go through `splitTopLevelArray`, which holds one element at a time and finds the exact
 * element where the damage is.
 */
export const WHOLE_PARSE_LIMIT = 32 * 1024 * 1024;

/**
 * An entry read whole is parsed in pieces of about this many bytes, cut between two objects of
 * the top-level array: the same JSON.parse speed, but a few MB of strings and objects alive at a
 * time instead of a whole file's (a 12 MB file is ~20 MB of string and ~20 MB of objects).
 */
export const SLICE_BYTES = 1024 * 1024;

type Options = {
  /** a top-level object is yielded as the only element (Last.fm's single page) instead of refused */
  allowObject?: boolean;
  /** what the array holds, for messages ("listens", "pages") */
  expected: string;
  wholeParseLimit?: number;
  sliceBytes?: number;
};

/**
 * The elements of the entry's top-level JSON array, in order, in batches (one per parsed piece:
 * per-row async steps cost more than the parsing). Throws EntryReadError (with the 1-based
 * element index) for invalid JSON, a truncated file or non-UTF-8 bytes, after yielding every
 * element before the damage.
 */
export async function* jsonElementBatches(entry: UploadEntry, options: Options): AsyncGenerator<unknown[]> {
  if (entry.size <= (options.wholeParseLimit ?? WHOLE_PARSE_LIMIT)) {
    const yielded = yield* streamedSlices(entryChunks(entry), options.sliceBytes ?? SLICE_BYTES);
    if (yielded === null) return;
    // a piece failed (a cut inside nested objects or a string, or damage), or not an array of
    // objects: read the entry again and parse it whole; on damage the exact splitter finds the
    // element. Elements already yielded are not yielded again.
    let bytes: Buffer | null = await entryBuffer(entry);
    const whole = parseWhole(bytes);
    if (whole !== undefined) {
      bytes = null; // not kept alive while the consumer works through the elements
      if (Array.isArray(whole)) return yield yielded > 0 ? whole.slice(yielded) : whole;
      if (options.allowObject && typeof whole === "object" && whole !== null) return yield [whole];
      throw new EntryReadError(`expected a JSON array of ${options.expected}, found ${describe(whole)}`, 1);
    }
    return yield* skipElements(splitTopLevelArray(single(bytes), { ...options, objectBytes: bytes }), yielded);
  }
  yield* splitTopLevelArray(entryChunks(entry), options);
}

/**
 * Parses a top-level array of objects piece by piece as its bytes stream in (never the whole
 * entry in memory): each piece ends at a `}` followed by `,` and `{` (whitespace allowed) at
 * least `sliceBytes` after its start, and is parsed as `[piece]`. A cut that falls inside a
 * string leaves an unterminated string, and one inside nested objects leaves them unclosed, so
 * such a piece fails to parse: then, as for any damage, it stops. Returns null when every
 * element was yielded, else how many were (0: not an array, or the first piece failed).
 */
async function* streamedSlices(chunks: AsyncIterable<Buffer>, sliceBytes: number): AsyncGenerator<unknown[], number | null> {
  let parts: Buffer[] = [];
  let length = 0;
  let opened = false;
  let yielded = 0;
  /** yields the complete pieces of bytes[from, limit); returns where the unparsed rest starts, or -1 on failure */
  function* pieces(bytes: Buffer, from: number, limit: number, last: boolean): Generator<unknown[], number> {
    while (limit - from > sliceBytes + (sliceBytes >> 1)) {
      const cut = findCut(bytes, from + sliceBytes, limit);
      if (!cut) break;
      const elements = parsePiece(bytes, from, cut.end);
      if (!elements) return -1;
      yielded += elements.length;
      yield elements;
      from = cut.next;
    }
    if (!last) return from;
    const elements = parsePiece(bytes, from, limit);
    if (!elements) return -1;
    yielded += elements.length;
    if (elements.length > 0) yield elements;
    return limit;
  }
  for await (const chunk of chunks) {
    parts.push(chunk);
    length += chunk.length;
    if (length < 2 * sliceBytes) continue;
    const bytes = Buffer.concat(parts, length);
    let from = 0;
    if (!opened) {
      from = arrayStart(bytes);
      if (from < 0) return 0;
      opened = true;
    }
    from = yield* pieces(bytes, from, bytes.length, false);
    if (from < 0) return yielded;
    parts = [bytes.subarray(from)];
    length = bytes.length - from;
  }
  const bytes = Buffer.concat(parts, length);
  let from = 0;
  if (!opened) {
    from = arrayStart(bytes);
    if (from < 0) return 0;
  }
  let end = bytes.length - 1;
  while (end >= from && isWhitespace(bytes[end]!)) end--;
  if (end < from || bytes[end] !== CLOSE_BRACKET) return yielded;
  return (yield* pieces(bytes, from, end, true)) < 0 ? yielded : null;
}

/** Just after the `[` that opens the array (after a byte-order mark and whitespace), or -1. */
function arrayStart(bytes: Buffer): number {
  let at = bomLength(bytes);
  while (at < bytes.length && isWhitespace(bytes[at]!)) at++;
  return bytes[at] === OPEN_BRACKET ? at + 1 : -1;
}

/** The first `}` at or after `from` followed by `,` and `{`: the piece ends after it, the next starts after the comma. */
function findCut(bytes: Buffer, from: number, limit: number): { end: number; next: number } | null {
  for (let brace = bytes.indexOf(CLOSE_BRACE, from); brace !== -1 && brace < limit; brace = bytes.indexOf(CLOSE_BRACE, brace + 1)) {
    let comma = brace + 1;
    while (comma < limit && isWhitespace(bytes[comma]!)) comma++;
    if (bytes[comma] !== COMMA) continue;
    let open = comma + 1;
    while (open < limit && isWhitespace(bytes[open]!)) open++;
    if (open < limit && bytes[open] === OPEN_BRACE) return { end: brace + 1, next: comma + 1 };
  }
  return null;
}

function parsePiece(bytes: Buffer, from: number, end: number): unknown[] | null {
  if (!isUtf8(bytes.subarray(from, end))) return null;
  try {
    return JSON.parse(`[${bytes.toString("utf8", from, end)}]`) as unknown[];
  } catch {
    return null;
  }
}

async function* skipElements(batches: AsyncIterable<unknown[]>, count: number): AsyncGenerator<unknown[]> {
  let skip = count;
  for await (const batch of batches) {
    if (skip >= batch.length) {
      skip -= batch.length;
      continue;
    }
    yield skip > 0 ? batch.slice(skip) : batch;
    skip = 0;
  }
}

function parseWhole(bytes: Buffer): unknown {
  if (!isUtf8(bytes)) return undefined;
  try {
    return JSON.parse(bytes.toString("utf8", bomLength(bytes)));
  } catch {
    return undefined;
  }
}

async function* single(bytes: Buffer): AsyncGenerator<Buffer> {
  yield bytes;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/**
 * Cuts a top-level JSON array into its elements by tracking strings and nesting depth, and
 * parses each element with JSON.parse. Memory holds one chunk's elements at a time.
 */
async function* splitTopLevelArray(
  chunks: AsyncIterable<Buffer>,
  options: Options & { objectBytes?: Buffer },
): AsyncGenerator<unknown[]> {
  let started = false;
  let ended = false;
  let inElement = false;
  let expectElement = false;
  let inString = false;
  let escapePending = false;
  let depth = 0;
  let index = 0;
  let parts: Buffer[] = [];
  let batch: unknown[] = [];

  const finish = (chunk: Buffer, start: number, end: number): unknown => {
    index++;
    const bytes = parts.length > 0 ? Buffer.concat([...parts, chunk.subarray(0, end)]) : chunk.subarray(start, end);
    parts = [];
    inElement = false;
    if (!isUtf8(bytes)) throw new EntryReadError(`not UTF-8 text: invalid bytes in entry ${index}`, index);
    try {
      return JSON.parse(bytes.toString("utf8"));
    } catch (error) {
      throw new EntryReadError(`invalid JSON at entry ${index}: ${(error as Error).message}`, index);
    }
  };

  for await (const chunk of chunks) {
    let i = 0;
    let start = 0;
    const n = chunk.length;
    let nextBackslash = -2;
    try {
      while (i < n) {
        if (inString) {
          if (escapePending) {
            escapePending = false;
            i++;
            continue;
          }
          if (nextBackslash !== -1 && nextBackslash < i) nextBackslash = chunk.indexOf(BACKSLASH, i);
          const quote = chunk.indexOf(QUOTE, i);
          const quoteAt = quote === -1 ? n : quote;
          if (nextBackslash !== -1 && nextBackslash < quoteAt) {
            i = nextBackslash + 2;
            if (i > n) escapePending = true;
            continue;
          }
          inString = quote === -1;
          i = quoteAt + 1;
          continue;
        }
        const byte = chunk[i]!;
        if (!started) {
          if (byte === OPEN_BRACKET) started = true;
          else if (byte === 0xef || byte === 0xbb || byte === 0xbf) {
            // a byte-order mark, possibly cut across chunks
          }
          else if (byte === OPEN_BRACE && options.allowObject && options.objectBytes) {
            throw new EntryReadError(`invalid JSON: ${jsonParseMessage(options.objectBytes)}`, 1);
          } else if (!isWhitespace(byte)) {
            throw new EntryReadError(`expected a JSON array of ${options.expected}`, 1);
          }
          i++;
          continue;
        }
        if (ended) {
          if (!isWhitespace(byte)) throw new EntryReadError(`invalid JSON: unexpected content after the end of the array`, index + 1);
          i++;
          continue;
        }
        if (!inElement) {
          if (isWhitespace(byte)) {
            i++;
            continue;
          }
          if (byte === CLOSE_BRACKET && !expectElement) {
            ended = true;
            i++;
            continue;
          }
          if (byte === COMMA || byte === CLOSE_BRACKET) {
            throw new EntryReadError(`invalid JSON at entry ${index + 1}: missing value`, index + 1);
          }
          inElement = true;
          expectElement = false;
          depth = 0;
          start = i;
        }
        if (byte === QUOTE) inString = true;
        else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
        else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
          if (depth === 0) {
            batch.push(finish(chunk, start, i));
            ended = true;
          } else depth--;
        } else if (byte === COMMA && depth === 0) {
          batch.push(finish(chunk, start, i));
          expectElement = true;
        }
        i++;
      }
    } catch (error) {
      if (batch.length > 0) yield batch;
      throw error;
    }
    if (batch.length > 0) {
      yield batch;
      batch = [];
    }
    if (inElement) {
      parts.push(start === 0 ? chunk : chunk.subarray(start));
      start = 0;
    }
  }
  if (!started) throw new EntryReadError(`expected a JSON array of ${options.expected}, found no JSON`, 1);
  if (!ended) throw new EntryReadError(`invalid JSON at entry ${index + 1}: the file ends inside it (truncated?)`, index + 1);
}

function jsonParseMessage(bytes: Buffer): string {
  if (!isUtf8(bytes)) return "not UTF-8 text";
  try {
    JSON.parse(bytes.toString("utf8", bomLength(bytes)));
    return "unreadable";
  } catch (error) {
    return (error as Error).message;
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}
