import { hashInt, seededRandom } from "./seededRandom.js";
import { zipfSampler } from "./zipf.js";

/**
 * A made-up music catalog whose attributes are pure functions of an index (nothing stored per
 * track): names from syllables (a few accented, a few "feat." credits, a few trailing spaces as
 * in real exports), albums per artist, durations, Spotify ids. Invented names only: real
 * exports carry people's personal data and must not be copied.
 */
export type SyntheticTrack = {
  title: string;
  artist: string;
  album: string;
  durationMs: number;
  spotifyUri: string;
};

const SYLLABLES = [
  "ka", "lo", "mi", "ra", "te", "so", "vin", "dar", "el", "na", "ru", "po", "zel", "qua", "bri", "ton",
  "mar", "lu", "sen", "ori", "ba", "che", "fa", "gil", "hy", "jo", "ny", "pe", "sta", "vek", "wo", "xa",
  "ø", "é", "ü", "ña", "ço", "ræ", "mé", "lå",
] as const;
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function word(seed: number): string {
  const random = seededRandom(seed);
  const syllables = random.int(1, 3);
  let text = "";
  for (let i = 0; i < syllables; i++) text += random.pick(SYLLABLES);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function phrase(seed: number, maxWords: number): string {
  const count = 1 + (hashInt(seed, 7) % maxWords);
  const words: string[] = [];
  for (let i = 0; i < count; i++) words.push(word(hashInt(seed, 11 + i)));
  return words.join(" ");
}

export function artistName(artistIndex: number): string {
  // the index keeps 20k names distinct; real catalogs have numerals and duplicates too
  const name = `${phrase(hashInt(artistIndex, 101), 2)} ${artistIndex.toString(36)}`;
  return hashInt(artistIndex, 102) % 1000 === 0 ? `${name} ` : name;
}

function spotifyUri(trackIndex: number): string {
  let id = "";
  for (let i = 0; i < 22; i++) id += BASE62[hashInt(trackIndex, 300 + i) % 62];
  return `spotify:track:${id}`;
}

export type SyntheticCatalog = {
  artistCount: number;
  trackCount: number;
  track(trackIndex: number): SyntheticTrack;
  /** draws a track index, Zipf-distributed over popularity */
  sampleTrack: ReturnType<typeof zipfSampler>;
};

export function syntheticCatalog(artistCount: number, trackCount: number): SyntheticCatalog {
  const artistOfTrack = zipfSampler(artistCount, 0.9);
  return {
    artistCount,
    trackCount,
    sampleTrack: zipfSampler(trackCount, 1.0),
    track(trackIndex) {
      const artistIndex = artistOfTrack(seededRandom(hashInt(trackIndex, 1)));
      const albumCount = 1 + (hashInt(artistIndex, 2) % 8);
      const albumIndex = hashInt(trackIndex, 3) % albumCount;
      let title = `${phrase(hashInt(trackIndex, 4), 4)}`;
      const shape = hashInt(trackIndex, 5) % 100;
      if (shape < 4) title += ` (feat. ${artistName((artistIndex + 1 + (hashInt(trackIndex, 6) % 50)) % artistCount)})`;
      else if (shape < 7) title += " - Remastered 2011";
      else if (shape === 7) title += " ";
      const durationMs =
        hashInt(trackIndex, 8) % 100 === 0 ? 15_000 + (hashInt(trackIndex, 9) % 14_000) : 90_000 + (hashInt(trackIndex, 9) % 330_000);
      return {
        title,
        artist: artistName(artistIndex),
        album: `${phrase(hashInt(artistIndex * 16 + albumIndex, 10), 3)}`,
        durationMs,
        spotifyUri: spotifyUri(trackIndex),
      };
    },
  };
}
