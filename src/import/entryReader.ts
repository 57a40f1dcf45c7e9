import type { UploadEntry } from "./archive/uploadEntries.js";
import { type RowOutcome, parseRecord } from "./rowOutcome.js";
import { jsonElements } from "./text/jsonElements.js";
import { textLines } from "./text/textLines.js";

/** A row of one entry; `local` is its 1-based line (line formats) or element index (JSON arrays). */
export type LocalRow = { local: number; outcome: RowOutcome };

/**
 * Reads one archive entry of a format into rows, in order, with strictly increasing `local`.
 * Error messages start with what `local` counts ("line 12: …", "entry 7: …").
 */
export type EntryReader = {
  read(entry: UploadEntry): AsyncIterable<LocalRow>;
};

/** Prefixes an error row's message with its place in the entry. */
export function located(unit: string, local: number, outcome: RowOutcome): LocalRow {
  return { local, outcome: outcome.kind === "error" ? { kind: "error", message: `${unit} ${local}: ${outcome.message}` } : outcome };
}

/** A JSON array of records, one row each. */
export function jsonArrayReader(parse: (record: unknown) => RowOutcome, expected: string): EntryReader {
  return {
    async *read(entry) {
      let local = 0;
      for await (const element of jsonElements(entry, { expected })) {
        local++;
        yield located("entry", local, parseRecord(parse, element));
      }
    },
  };
}

/** JSON Lines: one record per line; a line that is not JSON is an error row, the rest still reads. */
export function jsonLinesReader(parse: (record: unknown) => RowOutcome): EntryReader {
  return {
    async *read(entry) {
      for await (const { line, text } of textLines(entry)) {
        let record: unknown;
        try {
          record = JSON.parse(text);
        } catch (error) {
          yield located("line", line, { kind: "error", message: `invalid JSON: ${(error as Error).message}` });
          continue;
        }
        yield located("line", line, parseRecord(parse, record));
      }
    },
  };
}
