import { describe, expect, it } from "vitest";
import { parseRecord } from "../rowOutcome.js";
import { parseSpotifyExtendedRecord } from "./spotifyExtended.parser.js";

const row = (fields: Record<string, unknown> = {}) => ({
  ts: "2025-04-28T21:04:35Z",
  platform: "android ",
  ms_played: 215_000,
  conn_country: "NL",
  master_metadata_track_name: "Song  ",
  master_metadata_album_artist_name: " Artist",
  master_metadata_album_album_name: "Album",
  spotify_track_uri: "spotify:track:4uLU6hMCjMI75M1A2tKUQC",
  episode_name: null,
  spotify_episode_uri: null,
  reason_start: "trackdone",
  reason_end: "trackdone",
  skipped: false,
  ...fields,
});
const parse = (fields?: Record<string, unknown>) => parseRecord(parseSpotifyExtendedRecord, row(fields));

describe("parseSpotifyExtendedRecord", () => {
  it("turns ts (the END) into the start, trims names and reads the Spotify id", () => {
    expect(parse()).toEqual({
      kind: "play",
      play: {
        track: { title: "Song", artistNames: ["Artist"], albumTitle: "Album", spotifyId: "4uLU6hMCjMI75M1A2tKUQC" },
        playedAt: new Date(Date.parse("2025-04-28T21:04:35Z") - 215_000),
        msPlayed: 215_000,
        skipped: false,
        platform: "android",
      },
    });
  });

  it("treats fwdbtn/backbtn/endplay as skips when `skipped` is null or false (2015–2022)", () => {
    for (const reason of ["fwdbtn", "backbtn", "endplay"]) {
      expect(parse({ skipped: null, reason_end: reason })).toMatchObject({ play: { skipped: true } });
      expect(parse({ skipped: false, reason_end: reason })).toMatchObject({ play: { skipped: true } });
    }
    expect(parse({ skipped: true, reason_end: "trackdone" })).toMatchObject({ play: { skipped: true } });
    expect(parse({ skipped: null, reason_end: "trackdone" })).toMatchObject({ play: { skipped: false } });
    expect(parse({ skipped: null, reason_end: null })).toMatchObject({ play: { skipped: null } });
  });

  it("skips podcasts, audiobooks, rows without names and ms_played 0", () => {
    const noTrack = { master_metadata_track_name: null, master_metadata_album_artist_name: null, spotify_track_uri: null };
    expect(parse({ ...noTrack, episode_name: "Ep", spotify_episode_uri: "spotify:episode:x" })).toEqual({ kind: "skip", reason: "podcast episode" });
    expect(parse({ ...noTrack, audiobook_title: "Book", audiobook_uri: "spotify:audiobook:x" })).toEqual({ kind: "skip", reason: "audiobook" });
    expect(parse(noTrack)).toEqual({ kind: "skip", reason: "no track name" });
    expect(parse({ master_metadata_album_artist_name: "  " })).toEqual({ kind: "skip", reason: "no artist name" });
    expect(parse({ ms_played: 0 })).toEqual({ kind: "skip", reason: "ms_played is 0" });
  });

  it("reads a ts without a zone (as Spotify's guide writes it) as UTC, whatever the server's time zone", () => {
    const zone = process.env.TZ;
    process.env.TZ = "America/New_York";
    try {
      const expected = { play: { playedAt: new Date(Date.parse("2025-04-28T21:04:35Z") - 215_000) } };
      expect(parse({ ts: "2025-04-28 21:04:35" })).toMatchObject(expected);
      expect(parse({ ts: "2025-04-28T21:04:35" })).toMatchObject(expected);
      expect(parse({ ts: "2025-04-28T23:04:35+02:00" })).toMatchObject(expected);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it("reports unreadable rows", () => {
    expect(parse({ ts: "yesterday" })).toEqual({ kind: "error", message: 'ts is not a date: "yesterday"' });
    expect(parse({ ms_played: "lots" })).toMatchObject({ kind: "error", message: expect.stringMatching(/ms_played is not a number/) });
    expect(parse({ master_metadata_track_name: "a\u0000b" })).toEqual({ kind: "error", message: "master_metadata_track_name contains a NUL character" });
    expect(parseRecord(parseSpotifyExtendedRecord, 7)).toEqual({ kind: "error", message: "not a JSON object" });
  });
});
