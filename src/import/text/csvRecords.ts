import { isUtf8 } from "node:buffer";
import { once } from "node:events";
import { parse } from "csv-parse";
import type { UploadEntry } from "../archive/uploadEntries.js";
import { entryChunks } from "./entryBytes.js";
import { EntryReadError } from "./entryReadError.js";

type Options = {
  /** lastfm-to-csv writes no quoting at all: a stray quote is a character, not a delimiter */
  quoted: boolean;
};

export type CsvRecord = { line: number; fields: string[] };

const BATCH = 512;

/**
 * The entry's CSV records (RFC 4180, BOM and CRLF tolerated, blank lines left out) with the
 * 1-based line on which each record ends, in batches. Throws EntryReadError for bytes that are
 * not UTF-8 or for CSV that cannot be read (an unclosed quote), after yielding the records
 * before it.
 */
export async function* csvRecordBatches(entry: UploadEntry, options: Options): AsyncGenerator<CsvRecord[]> {
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    quote: options.quoted ? '"' : false,
  });
  void feed(entry, parser);
  let batch: CsvRecord[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      batch.push({ line: info.lines, fields: record });
      if (batch.length >= BATCH) {
        yield batch;
        batch = [];
      }
    }
  } catch (error) {
    if (batch.length > 0) yield batch;
    if (error instanceof EntryReadError) throw error;
    const line = (error as { lines?: number }).lines ?? 1;
    throw new EntryReadError(`invalid CSV at line ${line}: ${(error as Error).message}`, line);
  } finally {
    parser.destroy();
  }
  if (batch.length > 0) yield batch;
}

/** Decodes the entry as strict UTF-8 into the parser (with back-pressure). */
async function feed(entry: UploadEntry, parser: ReturnType<typeof parse>): Promise<void> {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  let lines = 0;
  try {
    for await (const chunk of entryChunks(entry)) {
      if (parser.destroyed) return;
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        const line = lines + firstInvalidLine(chunk);
        throw new EntryReadError(`not UTF-8 text: invalid bytes on line ${line}`, line);
      }
      lines += countNewlines(chunk);
      if (!parser.write(text)) await Promise.race([once(parser, "drain"), once(parser, "close")]);
    }
    parser.end(decoder.decode());
  } catch (error) {
    parser.destroy(error as Error);
  }
}

function countNewlines(chunk: Buffer): number {
  let count = 0;
  for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) count++;
  return count;
}

/** 1-based line (within the chunk) of the first line holding invalid bytes; approximate at chunk edges. */
function firstInvalidLine(chunk: Buffer): number {
  let line = 1;
  let start = 0;
  for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, start)) {
    if (line > 1 && !isUtf8(chunk.subarray(start, at))) return line;
    line++;
    start = at + 1;
  }
  return line;
}
