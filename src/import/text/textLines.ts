import { isUtf8 } from "node:buffer";
import type { UploadEntry } from "../archive/uploadEntries.js";
import { bomLength, entryChunks } from "./entryBytes.js";
import { EntryReadError } from "./entryReadError.js";

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** Refuses absurd "lines" (a binary file without newlines) before they fill memory. */
const MAX_LINE_BYTES = 16 * 1024 * 1024;

export type TextLine = { line: number; text: string };

/**
 * The entry's lines (LF or CRLF, BOM dropped) with their 1-based line numbers, in batches (one
 * per chunk read); blank lines are left out. Throws EntryReadError at the first line that is
 * not UTF-8, after yielding the lines before it.
 */
export async function* textLineBatches(entry: UploadEntry): AsyncGenerator<TextLine[]> {
  let carry: Buffer | null = null;
  let line = 0;
  const emit = (bytes: Buffer) => {
    line++;
    const end = bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN ? bytes.length - 1 : bytes.length;
    const content = bytes.subarray(line === 1 ? bomLength(bytes) : 0, end);
    if (!isUtf8(content)) throw new EntryReadError(`not UTF-8 text: invalid bytes on line ${line}`, line);
    return content.toString("utf8");
  };
  for await (const chunk of entryChunks(entry)) {
    const batch: TextLine[] = [];
    let start = 0;
    let newline = chunk.indexOf(NEWLINE, start);
    while (newline !== -1) {
      const bytes: Buffer = carry ? Buffer.concat([carry, chunk.subarray(start, newline)]) : chunk.subarray(start, newline);
      carry = null;
      let text: string;
      try {
        text = emit(bytes);
      } catch (error) {
        if (batch.length > 0) yield batch;
        throw error;
      }
      if (text.trim().length > 0) batch.push({ line, text });
      start = newline + 1;
      newline = chunk.indexOf(NEWLINE, start);
    }
    if (batch.length > 0) yield batch;
    if (start < chunk.length) {
      carry = carry ? Buffer.concat([carry, chunk.subarray(start)]) : chunk.subarray(start);
      if (carry.length > MAX_LINE_BYTES) throw new EntryReadError(`line ${line + 1} is longer than 16 MiB: not a text export`, line + 1);
    }
  }
  if (carry && carry.length > 0) {
    const text = emit(carry);
    if (text.trim().length > 0) yield [{ line, text }];
  }
}
