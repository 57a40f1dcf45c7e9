import type { TrackReference } from "../catalog/trackResolution.service.js";
import { isCounted } from "./countingRule.js";
import type { ListenCandidate } from "./duplicateRule.repository.js";

/**
 * A normalized play, ready to store: what `recordListensForUser` takes from the GraphQL
 * mutations, the scrobble API and the importers alike. `playedAt` is the START of the play.
 */
export type Play = {
  track: TrackReference;
  playedAt: Date;
  msPlayed: number | null;
  /** null when the source does not say */
  skipped: boolean | null;
  platform: string | null;
  importId?: string | null;
};

/**
 * A play as a candidate listen of its resolved track. `catalogDurationMs` is the catalog's
 * duration where the counting rule needs it (needsCatalogDuration), for short plays of tracks
 * whose source reported none.
 */
export function toListenCandidate(play: Play, trackId: string, catalogDurationMs: number | null | undefined, minutePrecision: boolean): ListenCandidate {
  return {
    trackId,
    playedAt: play.playedAt,
    msPlayed: play.msPlayed,
    counted: isCounted(play.msPlayed, play.track.durationMs ?? catalogDurationMs),
    skipped: play.skipped,
    platform: play.platform,
    minutePrecision,
  };
}
