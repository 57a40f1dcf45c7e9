import type { Executor } from "../../db/client.js";

/** A track as a source reports it; names are raw (cleaned up here). */
export type TrackReference = {
  title: string;
  /** credited artists in order, primary first (raw names; "A feat. B" is split here) */
  artistNames: string[];
  albumTitle?: string | null;
  durationMs?: number | null;
  isrc?: string | null;
  /** 22-char base62 id (from spotify:track:<id>) */
  spotifyId?: string | null;
  /** MusicBrainz recording id */
  mbid?: string | null;
  /** MusicBrainz artist ids, aligned with artistNames where known */
  artistMbids?: (string | null)[] | null;
  releaseMbid?: string | null;
};

/**
 * Resolves references to track ids (same order), creating artists, albums and tracks that do
 * not exist yet. Safe under concurrent calls. Strong ids first, then normalized names.
 * TO BE IMPLEMENTED by the catalog module.
 */
export async function resolveTracks(executor: Executor, references: TrackReference[]): Promise<string[]> {
  void executor;
  void references;
  throw new Error("resolveTracks: not implemented yet");
}
