import { type EntryReader, type LocalRow, located } from "../entryReader.js";
import { RowError, type RowOutcome } from "../rowOutcome.js";
import { csvRecordBatches } from "../text/csvRecords.js";
import { EntryReadError } from "../text/entryReadError.js";
import { type AppleColumns, appleColumns } from "./appleMusic.columns.js";
import { mergeAppleSegments } from "./appleMusic.merge.js";
import { type AppleSegment, isSegment, parseAppleRow } from "./appleMusic.parser.js";

/**
 * `Apple Music Play Activity.csv`. Rows are unsorted and one listen can span several rows, so
 * the file is read once keeping only the few fields a play needs (not the ~140 columns), the
 * segments are merged, and every row comes out in line order: plays at their first segment's
 * line, skipped and unreadable rows at theirs. Merged-away segments yield no row.
 */
export const appleMusicReader: EntryReader = {
  async *read(entry) {
    let columns: AppleColumns | null = null;
    const segments: AppleSegment[] = [];
    const others: LocalRow[] = [];
    for await (const records of csvRecordBatches(entry, { quoted: true })) {
      for (const { line, fields } of records) {
        if (columns === null) {
          columns = headerColumns(fields, line);
          continue;
        }
        const row = classify(fields, columns, line);
        if (isSegment(row)) segments.push(row);
        else others.push(located("line", line, row));
      }
    }
    if (columns === null) throw new EntryReadError("the CSV has no header row", 1);
    const plays = mergeAppleSegments(segments);
    const rows: LocalRow[] = [];
    let other = 0;
    for (const merged of plays) {
      while (other < others.length && others[other]!.local < merged.line) rows.push(others[other++]!);
      rows.push({ local: merged.line, outcome: { kind: "play", play: merged.play, ...(merged.needsArtist ? { needsArtist: true } : {}) } });
    }
    while (other < others.length) rows.push(others[other++]!);
    for (let start = 0; start < rows.length; start += 1000) yield rows.slice(start, start + 1000);
  },
};

function headerColumns(header: string[], line: number): AppleColumns {
  try {
    return appleColumns(header);
  } catch (error) {
    if (error instanceof RowError) throw new EntryReadError(error.message, line);
    throw error;
  }
}

function classify(fields: string[], columns: AppleColumns, line: number): AppleSegment | RowOutcome {
  try {
    return parseAppleRow(fields, columns, line);
  } catch (error) {
    if (error instanceof RowError) return { kind: "error", message: error.message };
    throw error;
  }
}
