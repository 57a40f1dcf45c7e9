import { describe, expect, it } from "vitest";
import { parseRecord } from "../rowOutcome.js";
import { parseSpotifyAccountRecord } from "./spotifyAccount.parser.js";

const parse = (fields: Record<string, unknown>) =>
  parseRecord(parseSpotifyAccountRecord, { endTime: "2024-01-31 23:59", artistName: "Artist ", trackName: "It’s a Song", msPlayed: 90_500, ...fields });

describe("parseSpotifyAccountRecord", () => {
  it("reads endTime as UTC END to the minute and flags minute precision", () => {
    expect(parse({})).toEqual({
      kind: "play",
      play: {
        track: { title: "It’s a Song", artistNames: ["Artist"] },
        playedAt: new Date(Date.UTC(2024, 0, 31, 23, 59) - 90_500),
        msPlayed: 90_500,
        skipped: null,
        platform: null,
      },
      minutePrecision: true,
    });
  });

  it("skips Unknown Artist/Track, msPlayed 0 and podcast rows", () => {
    expect(parse({ artistName: "Unknown Artist" })).toEqual({ kind: "skip", reason: "no artist name" });
    expect(parse({ trackName: "Unknown Track" })).toEqual({ kind: "skip", reason: "no track name" });
    expect(parse({ msPlayed: 0 })).toEqual({ kind: "skip", reason: "msPlayed is 0" });
    expect(parseRecord(parseSpotifyAccountRecord, { endTime: "2024-01-01 10:00", podcastName: "Show", episodeName: "Ep", msPlayed: 5 })).toEqual({
      kind: "skip",
      reason: "podcast episode",
    });
  });

  it("reports a malformed endTime", () => {
    expect(parse({ endTime: "2024-02-30 10:00" })).toMatchObject({ kind: "error", message: expect.stringMatching(/not a date/) });
    expect(parse({ endTime: "2024-01-01T10:00" })).toMatchObject({ kind: "error", message: expect.stringMatching(/YYYY-MM-DD HH:MM/) });
  });
});
