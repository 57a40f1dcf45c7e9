import { describe, expect, it } from "vitest";
import { appleColumns, looksLikeAppleHeader } from "./appleMusic.columns.js";
import { mergeAppleSegments } from "./appleMusic.merge.js";
import { type AppleSegment, parseAppleRow } from "./appleMusic.parser.js";

const header = ["Album Name", "Container Artist Name", "End Reason Type", "Event End Timestamp", "Event Start Timestamp", "Event Type", "Item Type", "Media Duration In Milliseconds", "Media Type", "Play Duration Milliseconds", "Song Name", "User’s Audio Quality"];
const columns = appleColumns(header);
const row = (fields: Record<string, string>) => header.map((name) => fields[name] ?? "");
const base = {
  "Album Name": "Album",
  "Event Type": "PLAY_END",
  "Item Type": "ORIGINAL_CONTENT",
  "Media Type": "AUDIO",
  "Song Name": "Song ",
  "Media Duration In Milliseconds": "186000.0",
  "Event Start Timestamp": "2024-01-01T10:00:00.123Z",
  "Event End Timestamp": "2024-01-01T10:03:06Z",
  "Play Duration Milliseconds": "186000",
  "End Reason Type": "NATURAL_END_OF_TRACK",
};

describe("Apple Music columns", () => {
  it("finds both vintages (curly apostrophes tolerated) and names missing columns", () => {
    expect(looksLikeAppleHeader(header)).toBe(true);
    expect(appleColumns(["Artist Name", "Content Name", "Event Type", "Event Start Timestamp", "Play Duration Milliseconds"])).toMatchObject({ artist: 0, title: 1 });
    expect(() => appleColumns(["Song Name", "Album Name"])).toThrow(/missing columns: Event Type, Play Duration Milliseconds, Event Start Timestamp/);
  });
});

describe("parseAppleRow", () => {
  it("keeps PLAY_END audio rows as segments; no artist in the current vintage", () => {
    expect(parseAppleRow(row(base), columns, 2)).toEqual({
      line: 2,
      title: "Song",
      album: "Album",
      artist: null,
      startMs: Date.parse("2024-01-01T10:00:00.123Z"),
      endMs: Date.parse("2024-01-01T10:03:06Z"),
      playMs: 186_000,
      mediaMs: 186_000,
      endReason: "NATURAL_END_OF_TRACK",
    });
    expect(parseAppleRow(row({ ...base, "Container Artist Name": "Artist" }), columns, 2)).toMatchObject({ artist: "Artist" });
    expect(parseAppleRow(row({ ...base, "Event Start Timestamp": "" }), columns, 2)).toMatchObject({ startMs: Date.parse("2024-01-01T10:03:06Z") - 186_000 });
  });

  it("skips other events, ads, non-song clips, videos and 0 ms; reports missing times", () => {
    expect(parseAppleRow(row({ ...base, "Event Type": "PLAY_START" }), columns, 2)).toEqual({ kind: "skip", reason: "PLAY_START event (only PLAY_END is a play)" });
    expect(parseAppleRow(row({ ...base, "Item Type": "AD" }), columns, 2)).toEqual({ kind: "skip", reason: "ad" });
    expect(parseAppleRow(row({ ...base, "Item Type": "NON_SONG_CLIP" }), columns, 2)).toMatchObject({ kind: "skip" });
    expect(parseAppleRow(row({ ...base, "Item Type": "AGGREGATE_NON_CATALOG_PLAY_TIME" }), columns, 2)).toMatchObject({ kind: "skip" });
    expect(parseAppleRow(row({ ...base, "Media Type": "VIDEO" }), columns, 2)).toEqual({ kind: "skip", reason: "video (not audio)" });
    expect(parseAppleRow(row({ ...base, "Play Duration Milliseconds": "0" }), columns, 2)).toEqual({ kind: "skip", reason: "play duration is 0" });
    expect(parseAppleRow(row({ ...base, "Play Duration Milliseconds": "-2035" }), columns, 2)).toEqual({ kind: "skip", reason: "play duration is negative" });
    expect(() => parseAppleRow(row({ ...base, "Event Start Timestamp": "", "Event End Timestamp": "" }), columns, 2)).toThrow(/both empty/);
  });
});

describe("mergeAppleSegments", () => {
  const segment = (line: number, startS: number, playS: number, endReason: string | null, title = "Song"): AppleSegment => ({
    line,
    title,
    album: "Album",
    artist: null,
    startMs: startS * 1000,
    endMs: (startS + playS) * 1000,
    playMs: playS * 1000,
    mediaMs: 200_000,
    endReason,
  });

  it("merges the unsorted segments of one listen, keeping the first line and start", () => {
    const plays = mergeAppleSegments([segment(9, 105, 100, "NATURAL_END_OF_TRACK"), segment(4, 0, 100, "PLAYBACK_MANUALLY_PAUSED")]);
    expect(plays).toHaveLength(1);
    expect(plays[0]).toMatchObject({ line: 4, needsArtist: true, play: { playedAt: new Date(0), msPlayed: 200_000, skipped: false, track: { artistNames: [], durationMs: 200_000 } } });
  });

  it("keeps a replay, a later listen and another track apart", () => {
    const plays = mergeAppleSegments([
      segment(2, 0, 200, "NATURAL_END_OF_TRACK"),
      segment(3, 200, 200, "TRACK_SKIPPED_FORWARDS"),
      segment(5, 1000, 50, "PLAYBACK_MANUALLY_PAUSED"),
      segment(6, 1300, 50, null),
      segment(7, 1050, 50, null, "Other"),
    ]);
    expect(plays.map((play) => play.line)).toEqual([2, 3, 5, 6, 7]);
    expect(plays[1]!.play.skipped).toBe(true);
  });
});
