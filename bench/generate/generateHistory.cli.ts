/**
 * npm run bench:generate -- --rows 1000000 --out bench/.cache/my_spotify_data.zip
 * Writes the synthetic Spotify Extended export alone (the import benchmark does this itself,
 * cached); handy for trying an upload by hand.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { writeSpotifyExtendedZip } from "./spotifyExtendedHistory.js";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "1000000" },
    seed: { type: "string", default: "42" },
    out: { type: "string", default: "bench/.cache/my_spotify_data.zip" },
  },
});
const rows = Number(values.rows);
if (!Number.isInteger(rows) || rows <= 0) throw new Error(`--rows must be a positive integer, got ${values.rows}`);
mkdirSync(dirname(values.out), { recursive: true });
const started = performance.now();
const written = await writeSpotifyExtendedZip(values.out, { rows, seed: Number(values.seed) });
const seconds = (performance.now() - started) / 1000;
console.log(
  `${values.out}: ${written.rows} rows in ${written.files} files, ${(written.bytes / 1e6).toFixed(0)} MB of JSON, ${seconds.toFixed(1)} s`,
);
