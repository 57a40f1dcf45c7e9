import { badUserInput } from "../../platform/errors.js";
import { namesATrack } from "../catalog/catalog.normalize.js";
import type { Play } from "./play.js";
import type { RecordListenInput } from "./recordListen.input.js";

export const MAX_LISTENS_PER_CALL = 1000;
export const MAX_NAME_LENGTH = 512;
export const MAX_FEATURED_ARTISTS = 20;
export const MAX_PLATFORM_LENGTH = 100;
export const MAX_FUTURE_MS = 5 * 60_000;
/** 2002-10-01: the earliest time ListenBrainz accepts (Last.fm's start), as unix seconds. */
export const EARLIEST_PLAYED_AT = new Date(1_033_410_600 * 1000);
const MAX_MS = 24 * 24 * 3600 * 1000;

const ISRC = /^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$/;
const SPOTIFY_URI = /^spotify:track:([0-9A-Za-z]{22})$/;
const SPOTIFY_URL = /^https:\/\/open\.spotify\.com\/track\/([0-9A-Za-z]{22})(\?.*)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks every input before anything is written; throws BAD_USER_INPUT naming `inputs[i].field`. */
export function parseRecordListenInputs(inputs: RecordListenInput[], now: Date, path = "inputs"): Play[] {
  if (inputs.length > MAX_LISTENS_PER_CALL) {
    throw badUserInput(path, `at most ${MAX_LISTENS_PER_CALL} listens per call`);
  }
  return inputs.map((input, index) => parseRecordListenInput(input, now, `${path}[${index}]`));
}

/** Validates and normalizes one input (trimmed names, normalized ids); `path` prefixes error fields. */
export function parseRecordListenInput(input: RecordListenInput, now: Date, path = "input"): Play {
  const trackTitle = requiredName(input.trackTitle, `${path}.trackTitle`);
  if (!namesATrack(trackTitle)) throw badUserInput(`${path}.trackTitle`, "has no visible characters to name a track");
  const artistName = requiredName(input.artistName, `${path}.artistName`);
  const featured = input.featuredArtists ?? [];
  if (featured.length > MAX_FEATURED_ARTISTS) {
    throw badUserInput(`${path}.featuredArtists`, `at most ${MAX_FEATURED_ARTISTS} artists`);
  }
  const featuredArtists = featured.map((name, i) => requiredName(name, `${path}.featuredArtists[${i}]`));
  const albumTitle = optionalText(input.albumTitle, `${path}.albumTitle`, MAX_NAME_LENGTH);
  const platform = optionalText(input.platform, `${path}.platform`, MAX_PLATFORM_LENGTH);

  const playedAt = input.playedAt ?? now;
  if (playedAt.getTime() > now.getTime() + MAX_FUTURE_MS) throw badUserInput(`${path}.playedAt`, "is in the future");
  if (playedAt.getTime() < EARLIEST_PLAYED_AT.getTime()) {
    throw badUserInput(`${path}.playedAt`, "is before 2002-10-01, the earliest time accepted");
  }
  const msPlayed = optionalRange(input.msPlayed, `${path}.msPlayed`, 0);
  const durationMs = optionalRange(input.durationMs, `${path}.durationMs`, 1);

  return {
    track: {
      title: trackTitle,
      artistNames: [artistName, ...featuredArtists],
      albumTitle,
      durationMs,
      isrc: parseIsrc(input.isrc, `${path}.isrc`),
      spotifyId: parseSpotifyUri(input.spotifyUri, `${path}.spotifyUri`),
      mbid: parseMbid(input.mbid, `${path}.mbid`),
    },
    playedAt,
    msPlayed,
    skipped: null,
    platform,
  };
}

function checkText(value: string, field: string, max: number): string {
  if (value.includes("\u0000")) throw badUserInput(field, "must not contain NUL characters");
  const trimmed = value.trim();
  if ([...trimmed].length > max) throw badUserInput(field, `must be at most ${max} characters`);
  return trimmed;
}

function requiredName(value: string, field: string): string {
  const trimmed = checkText(value, field, MAX_NAME_LENGTH);
  if (trimmed === "") throw badUserInput(field, "must not be empty");
  return trimmed;
}

/** Optional text: blank means absent. */
function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  if (value == null) return null;
  const trimmed = checkText(value, field, max);
  return trimmed === "" ? null : trimmed;
}

function optionalRange(value: number | null | undefined, field: string, min: number): number | null {
  if (value == null) return null;
  if (!Number.isInteger(value) || value < min || value > MAX_MS) {
    throw badUserInput(field, `must be between ${min} and ${MAX_MS} (24 days)`);
  }
  return value;
}

function parseIsrc(value: string | null | undefined, field: string): string | null {
  if (value == null || value.trim() === "") return null;
  const isrc = value.trim().toUpperCase().replaceAll("-", "");
  if (!ISRC.test(isrc)) throw badUserInput(field, "is not a valid ISRC (e.g. USRC17607839)");
  return isrc;
}

function parseSpotifyUri(value: string | null | undefined, field: string): string | null {
  if (value == null || value.trim() === "") return null;
  const trimmed = value.trim();
  const match = SPOTIFY_URI.exec(trimmed) ?? SPOTIFY_URL.exec(trimmed);
  if (!match) {
    throw badUserInput(field, "must be spotify:track:<22-character id> or https://open.spotify.com/track/<id>");
  }
  return match[1]!;
}

function parseMbid(value: string | null | undefined, field: string): string | null {
  if (value == null || value.trim() === "") return null;
  const trimmed = value.trim();
  if (!UUID.test(trimmed)) throw badUserInput(field, "is not a valid MusicBrainz id (a UUID)");
  return trimmed.toLowerCase();
}
