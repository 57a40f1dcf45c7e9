import { RowError } from "../rowOutcome.js";

/** Where the needed fields sit in this file's header; null when the vintage has no such column. */
export type AppleColumns = {
  title: number;
  artist: number | null;
  containerArtist: number | null;
  album: number | null;
  eventType: number;
  mediaType: number | null;
  itemType: number | null;
  start: number | null;
  end: number | null;
  playMs: number;
  mediaMs: number | null;
  endReason: number | null;
};

/** Header names are matched case-insensitively, with curly apostrophes (`User’s Audio Quality`) straightened. */
function headerKey(name: string): string {
  return name.replace(/[\u2018\u2019]/g, "'").trim().toLowerCase();
}

/**
 * Reads the header of `Apple Music Play Activity.csv`. The 2015–2018 vintage names the track
 * `Content Name` and has `Artist Name`; the current one (~140 columns) has `Song Name` and no
 * artist column at all. Throws RowError naming the missing columns.
 */
export function appleColumns(header: string[]): AppleColumns {
  const index = new Map(header.map((name, at) => [headerKey(name), at]));
  const find = (...names: string[]) => {
    for (const name of names) {
      const at = index.get(name.toLowerCase());
      if (at !== undefined) return at;
    }
    return null;
  };
  const title = find("Song Name", "Content Name");
  const eventType = find("Event Type");
  const playMs = find("Play Duration Milliseconds");
  const start = find("Event Start Timestamp");
  const end = find("Event End Timestamp");
  const missing = [
    title === null ? "Song Name (or Content Name)" : null,
    eventType === null ? "Event Type" : null,
    playMs === null ? "Play Duration Milliseconds" : null,
    start === null && end === null ? "Event Start Timestamp" : null,
  ].filter((name) => name !== null);
  if (missing.length > 0) throw new RowError(`Apple Music Play Activity CSV is missing columns: ${missing.join(", ")}`);
  return {
    title: title!,
    artist: find("Artist Name"),
    containerArtist: find("Container Artist Name"),
    album: find("Album Name", "Container Album Name"),
    eventType: eventType!,
    mediaType: find("Media Type"),
    itemType: find("Item Type"),
    start,
    end,
    playMs: playMs!,
    mediaMs: find("Media Duration In Milliseconds"),
    endReason: find("End Reason Type"),
  };
}

/** True when the header looks like Apple's play activity export (for format detection). */
export function looksLikeAppleHeader(header: string[]): boolean {
  const keys = new Set(header.map(headerKey));
  return (keys.has("song name") || keys.has("content name")) && keys.has("event type");
}
