import { asObject, optionalMilliseconds, optionalText } from "../recordFields.js";
import { RowError, type RowOutcome, skip } from "../rowOutcome.js";

const END_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/;

/**
 * One row of Spotify's account-data streaming history. `endTime` is the END of the play, in
 * UTC (not local time, whatever Maloja assumes), to the minute: playedAt = endTime − msPlayed,
 * flagged minute-precision so duplicates are matched within the tolerance window.
 */
export function parseSpotifyAccountRecord(value: unknown): RowOutcome {
  const record = asObject(value);
  if (!record) throw new RowError("not a JSON object");
  if (record.podcastName !== undefined || record.episodeName !== undefined) return skip("podcast episode");
  const artist = optionalText(record.artistName, "artistName");
  const title = optionalText(record.trackName, "trackName");
  if (artist === null || artist === "Unknown Artist") return skip("no artist name");
  if (title === null || title === "Unknown Track") return skip("no track name");
  const endedAt = parseEndTime(record.endTime);
  const msPlayed = optionalMilliseconds(record.msPlayed, "msPlayed");
  if (msPlayed === null) throw new RowError("msPlayed is missing");
  if (msPlayed === 0) return skip("msPlayed is 0");
  return {
    kind: "play",
    play: { track: { title, artistNames: [artist] }, playedAt: new Date(endedAt - msPlayed), msPlayed, skipped: null, platform: null },
    minutePrecision: true,
  };
}

function parseEndTime(value: unknown): number {
  const match = typeof value === "string" ? END_TIME.exec(value.trim()) : null;
  if (!match) throw new RowError(`endTime is not "YYYY-MM-DD HH:MM": ${JSON.stringify(value)}`);
  const [, year, month, day, hour, minute] = match.map(Number) as number[];
  const time = Date.UTC(year!, month! - 1, day!, hour!, minute!);
  if (new Date(time).getUTCDate() !== day) throw new RowError(`endTime is not a date: ${JSON.stringify(value)}`);
  return time;
}
