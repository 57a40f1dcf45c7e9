import { describe, expect, it } from "vitest";
import { parseRecord } from "../rowOutcome.js";
import { GHAN_COLUMNS, type GhanColumns, parseGhanRecord, parseLastfmToCsvDate, parseLastfmToCsvRecord } from "./lastfmCsv.parser.js";

const ghanColumns = Object.fromEntries(GHAN_COLUMNS.map((name, index) => [name, index])) as GhanColumns;

describe("lastfm-to-csv rows", () => {
  it("reads artist,album,track,date with the date as UTC start, minute precision", () => {
    expect(parseRecord(parseLastfmToCsvRecord, ["Artist ", "", "Track", "22 May 2014 20:11"])).toEqual({
      kind: "play",
      play: { track: { title: "Track", artistNames: ["Artist"], albumTitle: null }, playedAt: new Date(Date.UTC(2014, 4, 22, 20, 11)), msPlayed: null, skipped: null, platform: null },
      minutePrecision: true,
    });
    expect(parseLastfmToCsvDate("01 Jan 2020 00:00")).toBe(Date.UTC(2020, 0, 1));
    expect(parseLastfmToCsvDate("31 Feb 2020 00:00")).toBeNull();
    expect(parseLastfmToCsvDate("01 Jan 2020, 00:00")).toBe(Date.UTC(2020, 0, 1));
  });

  it("skips the now-playing row (empty date) and reports bad rows", () => {
    expect(parseRecord(parseLastfmToCsvRecord, ["Artist", "Album", "Track", ""])).toEqual({ kind: "skip", reason: "now playing (no date)" });
    expect(parseRecord(parseLastfmToCsvRecord, ["Artist", "Track", "22 May 2014 20:11"])).toEqual({
      kind: "error",
      message: "expected 4 columns (artist,album,track,date), found 3",
    });
    expect(parseRecord(parseLastfmToCsvRecord, ["Artist", "Album", "Track", "2014-05-22"])).toMatchObject({ kind: "error" });
  });
});

describe("ghan.nl rows", () => {
  it("reads uts as the start and keeps MBIDs", () => {
    const mbid = "5b11f4ce-a62d-471e-81fc-a69a8278c7da";
    expect(
      parseRecord((fields: string[]) => parseGhanRecord(fields, ghanColumns), ["1400789460", "22 May 2014 20:11", "Nirvana", mbid, "Nevermind", "", "Lithium", "not-an-mbid"]),
    ).toEqual({
      kind: "play",
      play: {
        track: { title: "Lithium", artistNames: ["Nirvana"], albumTitle: "Nevermind", mbid: null, artistMbids: [mbid], releaseMbid: null },
        playedAt: new Date(1400789460 * 1000),
        msPlayed: null,
        skipped: null,
        platform: null,
      },
    });
  });

  it("skips now playing and nameless rows", () => {
    const parse = (fields: string[]) => parseRecord((record: string[]) => parseGhanRecord(record, ghanColumns), fields);
    expect(parse(["", "", "A", "", "", "", "T", ""])).toEqual({ kind: "skip", reason: "now playing (no date)" });
    expect(parse(["1", "", "", "", "", "", "T", ""])).toEqual({ kind: "skip", reason: "no artist name" });
  });
});
