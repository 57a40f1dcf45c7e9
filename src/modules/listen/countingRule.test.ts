import { describe, expect, it } from "vitest";
import { isCounted } from "./countingRule.js";

describe("counting rule", () => {
  it.each([
    { msPlayed: 30_000, durationMs: null, counted: true, why: "exactly 30 s" },
    { msPlayed: 29_999, durationMs: null, counted: false, why: "just under 30 s" },
    { msPlayed: 29_999, durationMs: 240_000, counted: false, why: "short play of a long track" },
    { msPlayed: 200_000, durationMs: 240_000, counted: true, why: "most of a long track" },
    { msPlayed: 20_000, durationMs: 20_000, counted: true, why: "whole of a 20 s track" },
    { msPlayed: 21_000, durationMs: 20_000, counted: true, why: "more than a whole short track" },
    { msPlayed: 19_999, durationMs: 20_000, counted: false, why: "not quite all of a short track" },
    { msPlayed: 0, durationMs: 20_000, counted: false, why: "zero-length play" },
    { msPlayed: 0, durationMs: null, counted: false, why: "zero-length play, unknown duration" },
    { msPlayed: null, durationMs: null, counted: true, why: "no duration given" },
    { msPlayed: undefined, durationMs: 1_000, counted: true, why: "no duration given, short track" },
  ])("$why → $counted", ({ msPlayed, durationMs, counted }) => {
    expect(isCounted(msPlayed, durationMs)).toBe(counted);
  });
});
