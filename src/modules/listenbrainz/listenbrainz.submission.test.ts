import { describe, expect, it } from "vitest";
import { ListenBrainzError } from "./listenbrainz.error.js";
import { toPlay, toTrackReference } from "./listenbrainz.mapping.js";
import { canonicalUuid, parseSubmission } from "./listenbrainz.submission.js";

const now = new Date("2026-06-01T12:00:00Z");
const at = Math.floor(now.getTime() / 1000) - 600;
const body = (listenType: string, payload: unknown[]) => JSON.stringify({ listen_type: listenType, payload });
const metadata = (extra: Record<string, unknown> = {}) => ({ artist_name: " The Band ", track_name: " Song ", additional_info: extra });

describe("parseSubmission", () => {
  it("accepts listened_at as ListenBrainz's int() does (integers, integral floats, digit strings)", () => {
    for (const value of [at, at + 0.7, String(at)]) {
      expect(parseSubmission(body("single", [{ listened_at: value, track_metadata: metadata() }]), now).listens[0]!.listened_at).toBe(at);
    }
  });

  it("trims names, keeps unknown keys, drops empty MBIDs and normalizes durations to integers", () => {
    const parsed = parseSubmission(
      body("import", [{ listened_at: at, extra_top_level: 1, track_metadata: metadata({ custom: "kept", recording_mbid: "", artist_mbids: [null, ""], duration: "200" }) }]),
      now,
    );
    const track = parsed.listens[0]!.track_metadata;
    expect(track).toMatchObject({ artist_name: "The Band", track_name: "Song" });
    expect(track.additional_info).toEqual({ custom: "kept", artist_mbids: [], duration: 200 });
  });

  it("playing_now needs no listened_at; the limit is one hour ahead, exclusive", () => {
    expect(parseSubmission(body("playing_now", [{ track_metadata: metadata() }]), now).listenType).toBe("playing_now");
    const limit = Math.floor(now.getTime() / 1000) + 3600;
    expect(() => parseSubmission(body("single", [{ listened_at: limit - 1, track_metadata: metadata() }]), now)).not.toThrow();
    expect(() => parseSubmission(body("single", [{ listened_at: limit, track_metadata: metadata() }]), now)).toThrow(ListenBrainzError);
    expect(() => parseSubmission(body("single", [{ listened_at: 1_033_410_600, track_metadata: metadata() }]), now)).not.toThrow();
  });

  it("rejects NUL in keys as well as values", () => {
    expect(() => parseSubmission(body("single", [{ listened_at: at, track_metadata: metadata({ "bad\u0000key": 1 }) }]), now)).toThrow(/unicode null/);
  });
});

describe("canonicalUuid (Python's uuid.UUID, as ListenBrainz's is_valid_uuid)", () => {
  it("accepts braces, urn:uuid:, missing or moved hyphens and any case; rejects the rest", () => {
    const canonical = "5b11f4ce-a62d-471e-81fc-a69a8278c7da";
    for (const value of [canonical, "{5B11F4CE-A62D-471E-81FC-A69A8278C7DA}", `urn:uuid:${canonical}`, "5b11f4cea62d471e81fca69a8278c7da", "5b11-f4cea62d471e81fca69a8278c7da"]) {
      expect(canonicalUuid(value)).toBe(canonical);
    }
    for (const value of ["not-a-uuid", `${canonical}0`, ` ${canonical}`, 5, null, ["x"]]) expect(canonicalUuid(value)).toBeNull();
  });
});

describe("ListenBrainz listen → Play", () => {
  it("duration_played is used when it is a number or numeric text, ignored otherwise (ListenBrainz does not validate it)", () => {
    const played = (value: unknown) =>
      toPlay(parseSubmission(body("single", [{ listened_at: at, track_metadata: metadata({ duration_played: value }) }]), now).listens[0]!).msPlayed;
    expect(played("95")).toBe(95_000);
    expect(played(12.5)).toBe(12_500);
    expect(played("soon")).toBeNull();
    expect(played(-1)).toBeNull();
    expect(played({})).toBeNull();
  });

  it("maps additional_info onto the catalog reference and the play", () => {
    const [listen] = parseSubmission(
      body("single", [
        {
          listened_at: at,
          track_metadata: {
            ...metadata({
              duration: 215,
              duration_played: 120.4,
              recording_mbid: "5B11F4CE-A62D-471E-81FC-A69A8278C7DA",
              artist_mbids: ["b10bbbfc-cf9e-42e0-be17-e2c3e1d2600d"],
              release_mbid: "f5093c06-23e3-404f-aeaa-40f72885ee3a",
              isrc: "GBAYE0601498",
              spotify_id: "https://open.spotify.com/track/3n3Ppam7vgaVa1iaRUc9Lp",
              submission_client: "Pano Scrobbler",
            }),
            release_name: "Album",
          },
        },
      ]),
      now,
    ).listens;
    const play = toPlay(listen!);
    expect(play).toMatchObject({ playedAt: new Date(at * 1000), msPlayed: 120_400, skipped: null, platform: "Pano Scrobbler" });
    expect(toTrackReference(listen!.track_metadata)).toEqual({
      title: "Song",
      artistNames: ["The Band"],
      albumTitle: "Album",
      durationMs: 215_000,
      isrc: "GBAYE0601498",
      spotifyId: "https://open.spotify.com/track/3n3Ppam7vgaVa1iaRUc9Lp",
      mbid: "5b11f4ce-a62d-471e-81fc-a69a8278c7da", // canonical, as the catalog stores MBIDs
      artistMbids: ["b10bbbfc-cf9e-42e0-be17-e2c3e1d2600d"],
      releaseMbid: "f5093c06-23e3-404f-aeaa-40f72885ee3a",
    });
  });
});
