import { removeZeroWidth, replaceNbsp, replaceSmartQuotes, youtube } from "@web-scrobbler/metadata-filter";

/**
 * Name clean-up and identity keys for artists, albums and tracks. Pure functions.
 *
 * Decisions (also in ./README.md):
 * - A key is: NFKC, zero-width characters removed, no-break spaces → spaces, smart quotes →
 *   straight quotes, Latin/Greek/Cyrillic diacritics folded (only combining marks U+0300–U+036F,
 *   so Japanese dakuten and Hangul survive), lower case, whitespace collapsed and trimmed.
 * - Artist credits are split ONLY on "feat." / "feat" / "ft." / "ft" / "featuring" (also in
 *   brackets). Never on "&", ",", "x", "and" or "with": "Simon & Garfunkel", "Earth, Wind &
 *   Fire", "Crosby, Stills, Nash & Young" are one artist, and "A feat. B & C" credits "B & C"
 *   as one name (sources that know better, like Spotify and MusicBrainz, send the artists as a
 *   list).
 * - Titles: "Song (feat. B)", "Song [ft. B]", "Song feat. B" → "Song" + featured artist B.
 *   "Song (with B)" loses the "(with B)" only when B is already credited (Spotify's habit),
 *   since "(with Strings)" and the like are part of the title.
 * - " - Topic" (YouTube auto-generated channels) is dropped from artist names.
 * - Version markers ("- Remastered 2011", "(Live)") are kept: they are other recordings.
 * - Display names keep the first report's spelling, trimmed with inner whitespace collapsed.
 *
 * @web-scrobbler/metadata-filter supplies the character clean-up (replaceNbsp, removeZeroWidth,
 * replaceSmartQuotes) and the YouTube title clean-up (`cleanYouTubeTitle`); its feature
 * functions only remove "feat." (they do not return the featured artist and miss "ft." in
 * parentheses), so credit extraction is done here.
 */

const COMBINING_DIACRITICS = /[\u0300-\u036f]/g;
const WHITESPACE = /\s+/g;
const FEATURE_WORD = String.raw`(?:feat\.?|ft\.?|featuring)`;
/** "A feat. B" in an artist string (the separator needs spaces around it). */
const ARTIST_FEATURE = new RegExp(String.raw`\s+${FEATURE_WORD}\s+`, "i");
/** "(feat. B)" or "[ft. B]" anywhere in a title or artist string. */
const BRACKETED_FEATURE = new RegExp(String.raw`\s*[([]\s*${FEATURE_WORD}\s+([^)\]]+?)\s*[)\]]`, "i");
/** "Song feat. B" at the end of a title ("ft." only in brackets: "Welcome to Ft. Lauderdale"). */
const TRAILING_FEATURE = /\s+(?:feat\.?|featuring)\s+(.+)$/i;
/** "(with B)" / "[with B]" in a title. */
const BRACKETED_WITH = /\s*[([]\s*with\s+([^)\]]+?)\s*[)\]]/i;
/** YouTube's auto-generated "<Artist> - Topic" channels; the word is localized (Thema, Tema, Sujet). */
export const TOPIC_SUFFIX = /\s+-\s+(?:Topic|Thema|Tema|Sujet)$/i;
const MBID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISRC = /^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$/;
const SPOTIFY_ID = /^[0-9A-Za-z]{22}$/;

/** The name used when a source gives no artist (MusicBrainz's convention). */
export const UNKNOWN_ARTIST = "[unknown]";

/**
 * Display form: invisible characters removed, whitespace collapsed, trimmed; case and accents
 * kept. A lone surrogate (half an emoji, cut by a broken exporter) becomes U+FFFD, as UTF-8
 * encoding would make it: escaped in JSON, PostgreSQL refuses it.
 */
export function cleanName(raw: string): string {
  return removeZeroWidth(replaceNbsp(raw.toWellFormed().normalize("NFC"))).replace(WHITESPACE, " ").trim();
}

/** Identity key: case-, accent-, width- and whitespace-insensitive. */
export function nameKey(raw: string): string {
  return replaceSmartQuotes(removeZeroWidth(replaceNbsp(raw.toWellFormed().normalize("NFKC"))))
    .normalize("NFD")
    .replace(COMBINING_DIACRITICS, "")
    .normalize("NFC")
    .toLowerCase()
    .replace(WHITESPACE, " ")
    .trim();
}

/** "Artist - Topic" (YouTube auto-generated channel) → "Artist". */
export function stripTopicSuffix(name: string): string {
  return name.replace(TOPIC_SUFFIX, "");
}

/** YouTube video titles: drops "(Official Video)", "[HD]", "| Lyrics" and the like. */
export function cleanYouTubeTitle(title: string): string {
  return cleanName(youtube(cleanName(title)));
}

/** Splits one artist string into credited names: "A feat. B" → ["A", "B"]. Never splits on "&" or ",". */
export function splitArtistCredit(raw: string): string[] {
  let rest = stripTopicSuffix(cleanName(raw));
  const names: string[] = [];
  const bracketed = rest.match(BRACKETED_FEATURE);
  if (bracketed) {
    rest = cleanName(rest.replace(BRACKETED_FEATURE, ""));
    names.push(...[rest, bracketed[1]!]);
  } else {
    names.push(...rest.split(ARTIST_FEATURE));
  }
  return names.map(cleanName).filter((name) => name.length > 0);
}

/** "Song (feat. B)" → { title: "Song", featured: ["B"] }. */
export function splitTitle(raw: string, creditedKeys: ReadonlySet<string> = new Set()): { title: string; featured: string[] } {
  let title = cleanName(raw);
  const featured: string[] = [];
  for (;;) {
    const match = title.match(BRACKETED_FEATURE);
    if (!match) break;
    featured.push(cleanName(match[1]!));
    title = cleanName(title.replace(BRACKETED_FEATURE, ""));
  }
  const trailing = title.match(TRAILING_FEATURE);
  if (trailing && trailing.index! > 0) {
    featured.push(cleanName(trailing[1]!));
    title = cleanName(title.slice(0, trailing.index));
  }
  const known = new Set([...creditedKeys, ...featured.map(nameKey)]);
  const withMatch = title.match(BRACKETED_WITH);
  if (withMatch && known.has(nameKey(withMatch[1]!))) {
    const stripped = cleanName(title.replace(BRACKETED_WITH, ""));
    if (stripped.length > 0) title = stripped;
  }
  // a title that is only "(feat. X)" keeps its text rather than becoming empty
  if (title.length === 0) return { title: cleanName(raw), featured: [] };
  return { title, featured: featured.filter((name) => name.length > 0) };
}

/**
 * Whether a title can name a track: its identity key (without featured credits) is not empty.
 * One made only of invisible characters or combining marks ("\u200b") cannot; every writer
 * checks this before resolveTracks, which refuses such a reference.
 */
export function namesATrack(title: string): boolean {
  return nameKey(splitTitle(title).title).length > 0;
}

export type NormalizedArtist = { name: string; key: string; mbid: string | null };

/**
 * The credited artists of a play, in order and without duplicates: each reported name split on
 * "feat.", then the artists featured in the title. An MBID reported for a name that had to be
 * split stays with the first (main) name.
 */
export function normalizeArtists(
  artistNames: readonly string[],
  artistMbids: readonly (string | null)[] | null | undefined,
  featuredInTitle: readonly string[] = [],
): NormalizedArtist[] {
  const result: NormalizedArtist[] = [];
  const seen = new Map<string, NormalizedArtist>();
  const add = (name: string, mbid: string | null) => {
    const key = nameKey(name);
    if (key.length === 0) return;
    const existing = seen.get(key);
    if (existing) {
      existing.mbid ??= mbid;
      return;
    }
    const artist = { name, key, mbid };
    seen.set(key, artist);
    result.push(artist);
  };
  artistNames.forEach((raw, index) => {
    const mbid = normalizeMbid(artistMbids?.[index]);
    splitArtistCredit(raw ?? "").forEach((name, part) => add(name, part === 0 ? mbid : null));
  });
  for (const name of featuredInTitle) add(name, null);
  if (result.length === 0) add(UNKNOWN_ARTIST, null);
  return result;
}

export function normalizeMbid(value: string | null | undefined): string | null {
  const mbid = value?.trim().toLowerCase();
  return mbid && MBID.test(mbid) ? mbid : null;
}

/** "USRC1-76-07839" / "usrc17607839" → "USRC17607839"; null when not an ISRC. */
export function normalizeIsrc(value: string | null | undefined): string | null {
  const isrc = value?.replace(/[\s-]/g, "").toUpperCase();
  return isrc && ISRC.test(isrc) ? isrc : null;
}

/** Accepts a bare id, "spotify:track:<id>" or an open.spotify.com URL. */
export function normalizeSpotifyId(value: string | null | undefined): string | null {
  const raw = value?.trim();
  if (!raw) return null;
  const id = raw.match(/(?:spotify:track:|open\.spotify\.com\/(?:intl-[a-z-]+\/)?track\/)?([0-9A-Za-z]{22})(?:\?.*)?$/)?.[1];
  return id && SPOTIFY_ID.test(id) ? id : null;
}

export function normalizeDuration(value: number | null | undefined): number | null {
  if (value == null || !Number.isFinite(value) || value <= 0 || value >= 2 ** 31) return null;
  return Math.round(value);
}
