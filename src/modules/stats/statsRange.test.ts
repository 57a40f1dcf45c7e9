import { describe, expect, it } from "vitest";
import { AppError } from "../../platform/errors.js";
import { RangePreset } from "./statsRange.input.js";
import { lastDaysWindow, parseStatsRange } from "./statsRange.js";

const now = new Date("2026-03-10T12:00:00Z");
const at = (iso: string) => new Date(iso);

describe("parseStatsRange", () => {
  it("maps presets", () => {
    expect(parseStatsRange({ preset: RangePreset.LAST_7_DAYS }, now)).toEqual({ kind: "last", days: 7 });
    expect(parseStatsRange({ preset: RangePreset.THIS_WEEK }, now)).toEqual({ kind: "calendar", unit: "week" });
    expect(parseStatsRange({ preset: RangePreset.ALL_TIME }, now)).toEqual({ kind: "allTime" });
  });

  it("takes an explicit window, `to` defaulting to now, and an empty one", () => {
    expect(parseStatsRange({ from: at("2026-01-01T00:00:00Z") }, now)).toEqual({ kind: "window", from: at("2026-01-01T00:00:00Z"), to: now });
    expect(parseStatsRange({ from: now, to: now }, now)).toEqual({ kind: "window", from: now, to: now });
    // exactly 100 years is allowed
    expect(parseStatsRange({ from: at("1926-03-10T12:00:00Z"), to: now }, now).kind).toBe("window");
  });

  it.each([
    ["from after to", { from: at("2026-02-01T00:00:00Z"), to: at("2026-01-01T00:00:00Z") }],
    ["over 100 years", { from: at("1926-03-10T11:59:59Z"), to: now }],
    ["preset and window", { preset: RangePreset.THIS_MONTH, to: now }],
    ["nothing", {}],
  ])("refuses %s as BAD_USER_INPUT", (_, input) => {
    try {
      parseStatsRange(input, now);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).extensions.code).toBe("BAD_USER_INPUT");
    }
  });

  it("LAST_N_DAYS is N × 24 h, not local days", () => {
    expect(lastDaysWindow(7, now)).toEqual({ from: at("2026-03-03T12:00:00Z"), to: now });
  });
});
