import { type EntryReader, located } from "../entryReader.js";
import { parseRecord } from "../rowOutcome.js";
import { csvRecordBatches } from "../text/csvRecords.js";
import { bomLength, entryPrefix } from "../text/entryBytes.js";
import { EntryReadError } from "../text/entryReadError.js";
import { GHAN_COLUMNS, type GhanColumns, parseGhanRecord, parseLastfmToCsvRecord } from "./lastfmCsv.parser.js";

/** ghan.nl's files open with the quoted header `"uts","utc_time",…`. */
export function isGhanHeader(firstLine: string): boolean {
  return /^"?uts"?\s*,/i.test(firstLine.trim());
}

/**
 * The lastfm-to-csv columns written by an exporter that quotes (RFC 4180) instead of deleting
 * commas: the date keeps Last.fm's comma, `…,Track,"19 Aug 2024, 20:48"`.
 */
export function isQuotedLastfmToCsvLine(line: string): boolean {
  return /,"\d{1,2} [A-Za-z]{3} \d{4}, \d{1,2}:\d{2}"\s*$/.test(line);
}

/** Both Last.fm CSV variants; the first line tells which. `local` is the line number. */
export const lastfmCsvReader: EntryReader = {
  async *read(entry) {
    const head = await entryPrefix(entry, 4096);
    const lines = head.toString("utf8", bomLength(head)).split("\n", 6);
    if (isGhanHeader(lines[0] ?? "")) yield* readGhan(entry);
    // (the first line may be the now-playing row, without a date)
    else yield* readLastfmToCsv(entry, lines.some(isQuotedLastfmToCsvLine));
  },
};

async function* readLastfmToCsv(entry: Parameters<EntryReader["read"]>[0], quoted: boolean): ReturnType<EntryReader["read"]> {
  let first = true;
  for await (const records of csvRecordBatches(entry, { quoted })) {
    let rows = records;
    if (first) {
      const head = records[0]!;
      if (head.fields.length < 4) {
        throw new EntryReadError(`expected the lastfm-to-csv columns artist,album,track,date; line ${head.line} has ${head.fields.length}`, head.line);
      }
      // the tool writes no header, but a hand-made "artist,album,track,date" line is no scrobble
      if (head.fields.map((field) => field.trim().toLowerCase()).join(",") === "artist,album,track,date") rows = records.slice(1);
      first = false;
    }
    yield rows.map(({ line, fields }) => located("line", line, parseRecord(parseLastfmToCsvRecord, fields)));
  }
}

async function* readGhan(entry: Parameters<EntryReader["read"]>[0]): ReturnType<EntryReader["read"]> {
  let columns: GhanColumns | null = null;
  for await (const records of csvRecordBatches(entry, { quoted: true })) {
    let rows = records;
    if (columns === null) {
      columns = ghanColumns(records[0]!.fields, records[0]!.line);
      rows = records.slice(1);
    }
    const found = columns;
    yield rows.map(({ line, fields }) => located("line", line, parseRecord((record: string[]) => parseGhanRecord(record, found), fields)));
  }
}

function ghanColumns(header: string[], line: number): GhanColumns {
  const names = header.map((name) => name.trim().toLowerCase());
  const columns = Object.fromEntries(GHAN_COLUMNS.map((name) => [name, names.indexOf(name)])) as GhanColumns;
  const missing = (["uts", "artist", "track"] as const).filter((name) => columns[name] < 0);
  if (missing.length > 0) throw new EntryReadError(`the CSV header is missing columns: ${missing.join(", ")}`, line);
  return columns;
}
