import { badUserInput } from "../../platform/errors.js";
import { RangePreset, type StatsRangeInput } from "./statsRange.input.js";

export const MAX_RANGE_YEARS = 100;
const DAY_MS = 24 * 3600 * 1000;

export type CalendarUnit = "week" | "month" | "year";

/** What a StatsRangeInput asks for, before the user's zone and listens are known. */
export type RangeRequest =
  | { kind: "window"; from: Date; to: Date }
  /** [now − days × 24 h, now): not aligned to local days */
  | { kind: "last"; days: number }
  /** [start of the local week (Monday 00:00) / month / year, now) */
  | { kind: "calendar"; unit: CalendarUnit }
  /** [first counted listen, max(now, last counted listen + 1 ms)) */
  | { kind: "allTime" };

const PRESETS: Record<RangePreset, RangeRequest> = {
  [RangePreset.LAST_7_DAYS]: { kind: "last", days: 7 },
  [RangePreset.LAST_30_DAYS]: { kind: "last", days: 30 },
  [RangePreset.LAST_90_DAYS]: { kind: "last", days: 90 },
  [RangePreset.LAST_365_DAYS]: { kind: "last", days: 365 },
  [RangePreset.THIS_WEEK]: { kind: "calendar", unit: "week" },
  [RangePreset.THIS_MONTH]: { kind: "calendar", unit: "month" },
  [RangePreset.THIS_YEAR]: { kind: "calendar", unit: "year" },
  [RangePreset.ALL_TIME]: { kind: "allTime" },
};

/**
 * Validates a range: exactly a preset, or `from` with an optional `to` (default now).
 * from > to, or a window longer than 100 calendar years, is BAD_USER_INPUT.
 */
export function parseStatsRange(input: StatsRangeInput, now: Date, field = "range"): RangeRequest {
  const from = input.from ?? null;
  const to = input.to ?? null;
  if (input.preset != null) {
    if (from || to) throw badUserInput(field, "give either a preset or from/to, not both");
    return PRESETS[input.preset];
  }
  if (!from) throw badUserInput(`${field}.from`, "is required without a preset");
  const end = to ?? now;
  if (from.getTime() > end.getTime()) throw badUserInput(field, "from must not be after to");
  const limit = new Date(from.getTime());
  limit.setUTCFullYear(limit.getUTCFullYear() + MAX_RANGE_YEARS);
  if (end.getTime() > limit.getTime()) throw badUserInput(field, `a window may span at most ${MAX_RANGE_YEARS} years`);
  return { kind: "window", from, to: end };
}

/** [now − days × 24 h, now). */
export function lastDaysWindow(days: number, now: Date): { from: Date; to: Date } {
  return { from: new Date(now.getTime() - days * DAY_MS), to: now };
}
