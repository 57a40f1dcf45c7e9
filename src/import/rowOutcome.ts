import type { Play } from "../modules/listen/play.js";

/** What a format parser makes of one record; the entry reader adds the global position. */
export type RowOutcome =
  | { kind: "play"; play: Play; minutePrecision?: boolean; needsArtist?: boolean }
  | { kind: "skip"; reason: string }
  | { kind: "error"; message: string };

/** Thrown by field readers for a record that cannot be used; becomes an error row. */
export class RowError extends Error {}

/** Runs a record parser, turning RowError (and anything a bad record makes it throw) into an error row. */
export function parseRecord<T>(parse: (record: T) => RowOutcome, record: T): RowOutcome {
  try {
    return parse(record);
  } catch (error) {
    if (error instanceof RowError || error instanceof TypeError) return { kind: "error", message: error.message };
    throw error;
  }
}

export function skip(reason: string): RowOutcome {
  return { kind: "skip", reason };
}
