import type { TrackReference } from "../catalog/trackResolution.service.js";

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
