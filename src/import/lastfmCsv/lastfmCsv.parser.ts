import { optionalMbid, optionalText, unixSecondsDate } from "../recordFields.js";
import { RowError, type RowOutcome, skip } from "../rowOutcome.js";

/** ghan.nl's export header; every field quoted. */
export const GHAN_COLUMNS = ["uts", "utc_time", "artist", "artist_mbid", "album", "album_mbid", "track", "track_mbid"] as const;

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
/** lastfm-to-csv deleted the comma of Last.fm's "22 May 2014, 20:11"; quoting exporters keep it */
const LASTFM_TO_CSV_DATE = /^(\d{1,2}) ([A-Za-z]{3}) (\d{4}),? (\d{1,2}):(\d{2})$/;

/** "22 May 2014 20:11" or "22 May 2014, 20:11" (UTC, the START of the play) → epoch ms, or null when it is not that shape. */
export function parseLastfmToCsvDate(text: string): number | null {
  const match = LASTFM_TO_CSV_DATE.exec(text.trim());
  if (!match) return null;
  const month = MONTHS.indexOf(match[2]!.toLowerCase());
  if (month < 0) return null;
  const day = Number(match[1]);
  const time = Date.UTC(Number(match[3]), month, day, Number(match[4]), Number(match[5]));
  return new Date(time).getUTCDate() === day ? time : null;
}

/**
 * lastfm-to-csv: no header, no quoting, `artist,album,track,date`; the tool deleted commas from
 * the fields, so a row has exactly four. The now-playing track has an empty date.
 */
export function parseLastfmToCsvRecord(fields: string[]): RowOutcome {
  if (fields.length !== 4) throw new RowError(`expected 4 columns (artist,album,track,date), found ${fields.length}`);
  const [artistField, albumField, titleField, dateField] = fields as [string, string, string, string];
  const artist = optionalText(artistField, "artist");
  const title = optionalText(titleField, "track");
  if (artist === null) return skip("no artist name");
  if (title === null) return skip("no track name");
  if (dateField.trim() === "") return skip("now playing (no date)");
  const time = parseLastfmToCsvDate(dateField);
  if (time === null) throw new RowError(`date is not "DD Mon YYYY HH:MM": ${JSON.stringify(dateField)}`);
  return {
    kind: "play",
    play: {
      track: { title, artistNames: [artist], albumTitle: optionalText(albumField, "album") },
      playedAt: new Date(time),
      msPlayed: null,
      skipped: null,
      platform: null,
    },
    minutePrecision: true,
  };
}

/** Column index of each ghan.nl column in this file's header. */
export type GhanColumns = Record<(typeof GHAN_COLUMNS)[number], number>;

/** ghan.nl: header row, `uts` = start in unix seconds, MBIDs when Last.fm knew them. */
export function parseGhanRecord(fields: string[], columns: GhanColumns): RowOutcome {
  const field = (name: keyof GhanColumns) => fields[columns[name]];
  const artist = optionalText(field("artist"), "artist");
  const title = optionalText(field("track"), "track");
  if (artist === null) return skip("no artist name");
  if (title === null) return skip("no track name");
  const uts = optionalText(field("uts"), "uts");
  if (uts === null || uts === "0") return skip("now playing (no date)");
  const artistMbid = optionalMbid(field("artist_mbid"));
  return {
    kind: "play",
    play: {
      track: {
        title,
        artistNames: [artist],
        albumTitle: optionalText(field("album"), "album"),
        mbid: optionalMbid(field("track_mbid")),
        artistMbids: artistMbid ? [artistMbid] : null,
        releaseMbid: optionalMbid(field("album_mbid")),
      },
      playedAt: unixSecondsDate(uts, "uts"),
      msPlayed: null,
      skipped: null,
      platform: null,
    },
  };
}
