import { describe, expect, it } from "vitest";
import { statsCacheKey } from "./statsCache.js";

const window = {
  userId: "u1",
  timezone: "Asia/Kathmandu",
  from: new Date("2026-01-01T00:00:00Z"),
  to: new Date("2026-03-01T10:00:00Z"),
  now: new Date("2026-03-01T10:00:00Z"),
};
const signature = { version: "7", firstAt: "1767225600000000", lastAt: "1772359200000000" };

describe("stats cache keys", () => {
  it("name the user, version, stat, zone and the window's listens", () => {
    expect(statsCacheKey("totals", window, signature, {})).toBe(
      "stats:u1:v7:totals:Asia/Kathmandu:1767225600000000-1772359200000000::[]",
    );
  });

  it("do not change with 'now' while the window holds the same listens", () => {
    const later = { ...window, to: new Date("2026-03-01T11:00:00Z"), now: new Date("2026-03-01T11:00:00Z") };
    expect(statsCacheKey("topArtists", later, signature, { first: 5 })).toBe(statsCacheKey("topArtists", window, signature, { first: 5 }));
  });

  it("change with the version, and with the listens the window holds", () => {
    const base = statsCacheKey("totals", window, signature, {});
    expect(statsCacheKey("totals", window, { ...signature, version: "8" }, {})).not.toBe(base);
    expect(statsCacheKey("totals", window, { ...signature, firstAt: "1767225600000001" }, {})).not.toBe(base);
    expect(statsCacheKey("totals", window, { version: "7", firstAt: null, lastAt: null }, {})).toContain(":empty:");
  });

  it("carry the local dates activity buckets and streaks depend on", () => {
    // 2026-03-01T20:00Z is already 2 March in Kathmandu (+05:45): a new day bucket, a new "today".
    const nextLocalDay = { ...window, to: new Date("2026-03-01T20:00:00Z"), now: new Date("2026-03-01T20:00:00Z") };
    expect(statsCacheKey("activity", window, signature, { granularity: "DAY" })).toContain(":2026-01-01..2026-03-01:");
    expect(statsCacheKey("activity", nextLocalDay, signature, { granularity: "DAY" })).toContain(":2026-01-01..2026-03-02:");
    expect(statsCacheKey("streaks", window, signature, {})).toContain(":today=2026-03-01:");
    expect(statsCacheKey("streaks", nextLocalDay, signature, {})).toContain(":today=2026-03-02:");
  });

  it("do not depend on the order arguments are given in", () => {
    expect(statsCacheKey("topTracks", window, signature, { first: 5, rankBy: "LISTENS" })).toBe(
      statsCacheKey("topTracks", window, signature, { rankBy: "LISTENS", first: 5 }),
    );
    expect(statsCacheKey("topTracks", window, signature, { first: 5 })).not.toBe(statsCacheKey("topTracks", window, signature, { first: 6 }));
  });
});
