import { optionalMilliseconds, optionalNumber, optionalText, utcTime } from "../recordFields.js";
import { RowError, type RowOutcome, skip } from "../rowOutcome.js";
import type { AppleColumns } from "./appleMusic.columns.js";

/** One PLAY_END row: a segment of a listen (pauses and scrubs split a listen into several). */
export type AppleSegment = {
  line: number;
  title: string;
  album: string | null;
  /** null in the current vintage unless played from the artist's page */
  artist: string | null;
  startMs: number;
  endMs: number;
  playMs: number;
  mediaMs: number | null;
  endReason: string | null;
};

const SKIPPED_ITEM_TYPES = new Set(["AD", "NON_SONG_CLIP", "AGGREGATE_NON_CATALOG_PLAY_TIME"]);

/** Classifies one row: a segment to merge, or a skip. Throws RowError for an unreadable row. */
export function parseAppleRow(fields: string[], columns: AppleColumns, line: number): AppleSegment | RowOutcome {
  const field = (at: number | null) => (at === null ? null : optionalText(fields[at], "field"));
  const eventType = field(columns.eventType);
  if (eventType !== "PLAY_END") return skip(`${eventType ?? "empty"} event (only PLAY_END is a play)`);
  const itemType = field(columns.itemType);
  if (itemType !== null && SKIPPED_ITEM_TYPES.has(itemType)) return skip(itemType === "AD" ? "ad" : `${itemType.toLowerCase()} (not a song)`);
  const mediaType = field(columns.mediaType);
  if (mediaType !== null && mediaType !== "AUDIO") return skip(`${mediaType.toLowerCase()} (not audio)`);
  const title = field(columns.title);
  if (title === null) return skip("no track name");
  // a negative duration is no playing time either: skipped like 0, not counted as a failed row
  const playNumber = optionalNumber(fields[columns.playMs], "Play Duration Milliseconds");
  if (playNumber === null || playNumber === 0) return skip("play duration is 0");
  if (playNumber < 0) return skip("play duration is negative");
  const playMs = Math.round(playNumber);
  const start = timestamp(field(columns.start), "Event Start Timestamp");
  const end = timestamp(field(columns.end), "Event End Timestamp");
  if (start === null && end === null) throw new RowError("Event Start Timestamp and Event End Timestamp are both empty");
  const startMs = start ?? end! - playMs;
  const mediaMs = columns.mediaMs === null ? null : optionalMilliseconds(fields[columns.mediaMs], "Media Duration In Milliseconds");
  return {
    line,
    title,
    album: field(columns.album),
    artist: field(columns.artist) ?? field(columns.containerArtist),
    startMs,
    endMs: end ?? startMs + playMs,
    playMs,
    mediaMs: mediaMs && mediaMs > 0 ? mediaMs : null,
    endReason: field(columns.endReason),
  };
}

export function isSegment(row: AppleSegment | RowOutcome): row is AppleSegment {
  return !("kind" in row);
}

function timestamp(text: string | null, column: string): number | null {
  if (text === null) return null;
  const time = utcTime(text);
  if (Number.isNaN(time)) throw new RowError(`${column} is not a date: ${JSON.stringify(text)}`);
  return time;
}
