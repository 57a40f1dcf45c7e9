import { describe, expect, it } from "vitest";
import { parseRecord } from "../rowOutcome.js";
import { parseListenbrainzListen } from "./listenbrainz.parser.js";

const artistA = "0383dadf-2a4e-4d10-a46a-e9e041da8eb3";
const artistB = "9c9f1380-2516-4fc9-a3e6-f9f61941d090";

describe("parseListenbrainzListen", () => {
  it("uses listened_at as the start, the mapping's artist credits and MBIDs", () => {
    const listen = {
      listened_at: 1_700_000_000,
      track_metadata: {
        artist_name: "A feat. B",
        track_name: "Song",
        release_name: "Album",
        additional_info: { duration_ms: 201_000, isrc: "USRC17607839", spotify_id: "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC", submission_client: "Web Scrobbler" },
        mbid_mapping: {
          recording_mbid: "b1a9c0e9-d987-4042-ae91-78d6a3267d69",
          release_mbid: "f1a0c4a7-6a8b-4b5b-9b49-4d0b8a5c1e11",
          artist_mbids: [artistA, artistB],
          artists: [
            { artist_credit_name: "A", join_phrase: " feat. ", artist_mbid: artistA },
            { artist_credit_name: "B", join_phrase: "", artist_mbid: artistB },
          ],
        },
      },
    };
    expect(parseRecord(parseListenbrainzListen, listen)).toEqual({
      kind: "play",
      play: {
        track: {
          title: "Song",
          artistNames: ["A", "B"],
          albumTitle: "Album",
          durationMs: 201_000,
          isrc: "USRC17607839",
          spotifyId: "4uLU6hMCjMI75M1A2tKUQC",
          mbid: "b1a9c0e9-d987-4042-ae91-78d6a3267d69",
          artistMbids: [artistA, artistB],
          releaseMbid: "f1a0c4a7-6a8b-4b5b-9b49-4d0b8a5c1e11",
        },
        playedAt: new Date(1_700_000_000_000),
        msPlayed: null,
        skipped: null,
        platform: "Web Scrobbler",
      },
    });
  });

  it("falls back to the submitted names and additional_info without a mapping", () => {
    const listen = {
      listened_at: 1_600_000_000,
      track_metadata: { artist_name: "Solo", track_name: "Tune", additional_info: { duration: 180, artist_mbids: [artistA], recording_mbid: "" } },
    };
    expect(parseRecord(parseListenbrainzListen, listen)).toMatchObject({
      play: { track: { artistNames: ["Solo"], durationMs: 180_000, artistMbids: [artistA], mbid: null, albumTitle: null } },
    });
  });

  it("an older mapping without artist credits still gives its artist MBIDs", () => {
    const listen = {
      listened_at: 1_600_000_000,
      track_metadata: { artist_name: "Solo", track_name: "Tune", mbid_mapping: { recording_mbid: "b1a9c0e9-d987-4042-ae91-78d6a3267d69", artist_mbids: [artistA] } },
    };
    expect(parseRecord(parseListenbrainzListen, listen)).toMatchObject({ play: { track: { artistNames: ["Solo"], artistMbids: [artistA] } } });
  });

  it("skips nameless listens and reports broken ones", () => {
    expect(parseRecord(parseListenbrainzListen, { listened_at: 1, track_metadata: { artist_name: "A", track_name: " " } })).toEqual({ kind: "skip", reason: "no track name" });
    expect(parseRecord(parseListenbrainzListen, { listened_at: 1 })).toEqual({ kind: "error", message: "track_metadata is missing" });
    expect(parseRecord(parseListenbrainzListen, { track_metadata: { artist_name: "A", track_name: "T" } })).toEqual({ kind: "error", message: "listened_at is missing" });
  });
});
