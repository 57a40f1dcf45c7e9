import { describe, expect, it } from "vitest";
import { AppError } from "../../platform/errors.js";
import type { RecordListenInput } from "./recordListen.input.js";
import { parseRecordListenInput, parseRecordListenInputs } from "./recordListen.validation.js";

const now = new Date("2026-03-01T12:00:00Z");
const base: RecordListenInput = { trackTitle: "Roads", artistName: "Portishead" };

function errorOf(run: () => unknown): { field: unknown; message: string } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.extensions.code).toBe("BAD_USER_INPUT");
    return { field: appError.extensions.field, message: appError.message };
  }
  throw new Error("expected a BAD_USER_INPUT error");
}

describe("parseRecordListenInput", () => {
  it("trims names, defaults playedAt to now and normalizes ids", () => {
    const play = parseRecordListenInput(
      {
        trackTitle: "  Roads ",
        artistName: " Portishead",
        featuredArtists: [" Someone "],
        albumTitle: "  ",
        isrc: "us-rc1-76-07839",
        spotifyUri: "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC?si=abc",
        mbid: "0E5B6E5D-1D9B-4B0A-9B2A-6F6C5D7E8F90",
        platform: " web ",
        msPlayed: 0,
        durationMs: 1,
      },
      now,
    );
    expect(play.track).toEqual({
      title: "Roads",
      artistNames: ["Portishead", "Someone"],
      albumTitle: null,
      durationMs: 1,
      isrc: "USRC17607839",
      spotifyId: "4uLU6hMCjMI75M1A2tKUQC",
      mbid: "0e5b6e5d-1d9b-4b0a-9b2a-6f6c5d7e8f90",
    });
    expect(play.playedAt).toEqual(now);
    expect(play).toMatchObject({ msPlayed: 0, skipped: null, platform: "web" });
    expect(parseRecordListenInput({ ...base, spotifyUri: "spotify:track:4uLU6hMCjMI75M1A2tKUQC" }, now).track.spotifyId).toBe(
      "4uLU6hMCjMI75M1A2tKUQC",
    );
  });

  it.each([
    [{ trackTitle: "   " }, "input.trackTitle", "must not be empty"],
    [{ trackTitle: "\u200b\u200d" }, "input.trackTitle", "no visible characters"],
    [{ artistName: "" }, "input.artistName", "must not be empty"],
    [{ trackTitle: "a".repeat(513) }, "input.trackTitle", "at most 512"],
    [{ artistName: "a\u0000b" }, "input.artistName", "NUL"],
    [{ albumTitle: "x".repeat(513) }, "input.albumTitle", "at most 512"],
    [{ featuredArtists: Array.from({ length: 21 }, (_, i) => `A${i}`) }, "input.featuredArtists", "at most 20"],
    [{ featuredArtists: ["ok", " "] }, "input.featuredArtists[1]", "must not be empty"],
    [{ featuredArtists: ["y".repeat(513)] }, "input.featuredArtists[0]", "at most 512"],
    [{ playedAt: new Date(now.getTime() + 5 * 60_000 + 1) }, "input.playedAt", "is in the future"],
    [{ playedAt: new Date("2002-09-30T00:00:00Z") }, "input.playedAt", "2002-10-01"],
    [{ msPlayed: -1 }, "input.msPlayed", "between 0"],
    [{ msPlayed: 24 * 86_400_000 + 1 }, "input.msPlayed", "24 days"],
    [{ durationMs: 0 }, "input.durationMs", "between 1"],
    [{ isrc: "USRC1760783" }, "input.isrc", "ISRC"],
    [{ spotifyUri: "spotify:album:4uLU6hMCjMI75M1A2tKUQC" }, "input.spotifyUri", "spotify:track:"],
    [{ spotifyUri: "spotify:track:short" }, "input.spotifyUri", "spotify:track:"],
    [{ mbid: "not-a-uuid" }, "input.mbid", "UUID"],
    [{ platform: "p".repeat(101) }, "input.platform", "at most 100"],
  ] as [Partial<RecordListenInput>, string, string][])("rejects %o naming %s", (patch, field, message) => {
    const error = errorOf(() => parseRecordListenInput({ ...base, ...patch }, now));
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
    expect(error.message).toContain(message);
  });

  it("accepts the edges of every range", () => {
    expect(() =>
      parseRecordListenInput(
        { ...base, playedAt: new Date(now.getTime() + 5 * 60_000), msPlayed: 24 * 86_400_000, durationMs: 24 * 86_400_000 },
        now,
      ),
    ).not.toThrow();
    expect(() => parseRecordListenInput({ ...base, playedAt: new Date(1_033_410_600_000) }, now)).not.toThrow();
    expect(() => parseRecordListenInput({ ...base, trackTitle: "é".repeat(512) }, now)).not.toThrow();
  });
});

describe("parseRecordListenInputs", () => {
  it("names the failing input by its position", () => {
    const inputs = [base, base, base, { ...base, trackTitle: " " }];
    expect(errorOf(() => parseRecordListenInputs(inputs, now)).field).toBe("inputs[3].trackTitle");
  });

  it("refuses more than 1000 inputs", () => {
    const error = errorOf(() => parseRecordListenInputs(Array.from({ length: 1001 }, () => base), now));
    expect(error.field).toBe("inputs");
    expect(error.message).toBe("inputs: at most 1000 listens per call");
  });
});
