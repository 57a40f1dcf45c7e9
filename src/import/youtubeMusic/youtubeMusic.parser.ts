import { asObject, isoDate, optionalText } from "../recordFields.js";
import { RowError, type RowOutcome } from "../rowOutcome.js";
import { watchEntryOutcome } from "./watchEntry.js";

/**
 * One entry of Google Takeout's watch-history.json (all of YouTube, newest first), read into a
 * WatchEntry: the rules of what is music and who the artist is live in watchEntry.ts, shared
 * with the HTML history. `time` is ISO UTC (the fraction omitted when .000).
 */
export function parseYoutubeMusicEntry(value: unknown): RowOutcome {
  const entry = asObject(value);
  if (!entry) throw new RowError("not a JSON object");
  const details = Array.isArray(entry.details) ? entry.details.map((detail) => String(asObject(detail)?.name ?? "")) : [];
  return watchEntryOutcome(
    {
      header: typeof entry.header === "string" ? entry.header : null,
      titleUrl: typeof entry.titleUrl === "string" ? entry.titleUrl : null,
      details,
      // read lazily, in the order the rules need them: a skipped entry's odd fields raise nothing
      get title() {
        return optionalText(entry.title, "title");
      },
      get channel() {
        return optionalText(asObject(Array.isArray(entry.subtitles) ? entry.subtitles[0] : null)?.name, "subtitles[0].name");
      },
      time: entry.time,
    },
    (time) => isoDate(time, "time"),
  );
}
