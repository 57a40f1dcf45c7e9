import { describe, expect, it } from "vitest";
import { parseRecord } from "../rowOutcome.js";
import { lastfmPageTracks, parseLastfmJsonTrack } from "./lastfmJson.parser.js";

const mbid = "f1a0c4a7-6a8b-4b5b-9b49-4d0b8a5c1e11";

describe("Last.fm JSON", () => {
  it("finds the tracks of a wrapped or unwrapped page", () => {
    expect(lastfmPageTracks({ recenttracks: { track: [1, 2], "@attr": {} } })).toEqual([1, 2]);
    expect(lastfmPageTracks({ track: [3], "@attr": {} })).toEqual([3]);
    expect(lastfmPageTracks({ recenttracks: { track: { name: "only" } } })).toEqual([{ name: "only" }]);
    expect(() => lastfmPageTracks({ nope: 1 })).toThrow(/not a Last.fm recenttracks page/);
  });

  it("reads artist #text or name, strings for numbers, MBIDs", () => {
    const track = {
      artist: { mbid, "#text": "Artist " },
      album: { mbid: "", "#text": "Album" },
      name: "Song",
      mbid: "",
      date: { uts: "1700000000", "#text": "14 Nov 2023, 22:13" },
    };
    expect(parseRecord(parseLastfmJsonTrack, track)).toEqual({
      kind: "play",
      play: {
        track: { title: "Song", artistNames: ["Artist"], albumTitle: "Album", mbid: null, artistMbids: [mbid], releaseMbid: null },
        playedAt: new Date(1_700_000_000_000),
        msPlayed: null,
        skipped: null,
        platform: null,
      },
    });
    expect(parseRecord(parseLastfmJsonTrack, { ...track, artist: { name: "Extended" } })).toMatchObject({ play: { track: { artistNames: ["Extended"] } } });
  });

  it("skips now playing, reports a bad date", () => {
    expect(parseRecord(parseLastfmJsonTrack, { artist: { "#text": "A" }, name: "T", "@attr": { nowplaying: "true" } })).toEqual({
      kind: "skip",
      reason: "now playing (not a scrobble yet)",
    });
    expect(parseRecord(parseLastfmJsonTrack, { artist: { "#text": "A" }, name: "T", date: { uts: "soon" } })).toMatchObject({ kind: "error" });
  });
});
