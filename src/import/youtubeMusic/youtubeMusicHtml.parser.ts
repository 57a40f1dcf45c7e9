import { optionalText } from "../recordFields.js";
import { RowError, type RowOutcome } from "../rowOutcome.js";
import type { HtmlActivity, HtmlLine } from "../text/takeoutHtmlCells.js";
import { takeoutLocalTime } from "./takeoutLocalTime.js";
import { watchEntryOutcome } from "./watchEntry.js";

/**
 * One activity of Google Takeout's watch-history.html (Takeout's default format), read into a
 * WatchEntry so the JSON history's rules apply unchanged. Its body's lines are:
 * "Watched <a href=video>title</a>" (in the account's language), "<a href=channel>name</a>",
 * then the local time with a zone abbreviation. Deleted videos and some ads have no channel line
 * ("Watched <a>https://…</a>", "Watched a video that has been removed"); ads say
 * "From Google Ads" in the caption. The time is read to UTC by takeoutLocalTime.
 */
export function parseYoutubeMusicHtmlEntry(activity: HtmlActivity): RowOutcome {
  const lines = activity.body.filter((line) => clean(line.text) !== null);
  const [first] = lines;
  const last = lines.length >= 2 ? lines[lines.length - 1]! : null;
  // a channel line sits between the title line and the time
  const channelLine = lines.length >= 3 ? lines[1]! : null;
  return watchEntryOutcome(
    {
      header: clean(activity.header),
      title: first ? optionalText(clean(first.text), "title") : null,
      titleUrl: first?.links[0]?.href ?? null,
      channel: channelLine ? optionalText(channelName(channelLine), "channel") : null,
      time: last ? clean(last.text) : null,
      details: activity.caption.flatMap((line) => clean(line) ?? []),
    },
    readTime,
  );
}

function readTime(time: unknown): Date {
  if (typeof time !== "string") throw new RowError("time is missing");
  return takeoutLocalTime(time);
}

/** The channel link's text (the line is that link alone in real exports). */
function channelName(line: HtmlLine): string {
  return clean(line.links[0]?.text ?? line.text) ?? "";
}

/** Text with the HTML's layout whitespace (line breaks, &nbsp;, &emsp;) collapsed; null when blank. */
function clean(text: string): string | null {
  const collapsed = text.replace(/\s+/g, " ").trim();
  return collapsed.length > 0 ? collapsed : null;
}
