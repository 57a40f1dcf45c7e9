/** Writes the synthetic export to a temporary name, then renames it: a cut-short run leaves no half file in the cache. */
import { renameSync } from "node:fs";
import { writeSpotifyExtendedZip, type WrittenHistory } from "../generate/spotifyExtendedHistory.js";
import { phaseMain } from "../support/phaseProcess.js";

export type GenerateInput = { filePath: string; rows: number; seed: number };

await phaseMain(async ({ filePath, rows, seed }: GenerateInput): Promise<WrittenHistory & { seconds: number }> => {
  const started = performance.now();
  const partial = `${filePath}.partial`;
  const written = await writeSpotifyExtendedZip(partial, { rows, seed });
  renameSync(partial, filePath);
  return { ...written, seconds: (performance.now() - started) / 1000 };
});
