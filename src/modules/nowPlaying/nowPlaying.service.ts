import type { Database } from "../../db/client.js";
import type { NowPlayingRow, UserRow } from "../../db/schema.js";
import { requireViewer } from "../auth/auth.guard.js";
import type { Viewer } from "../auth/viewer.js";
import { resolveTracks, type TrackReference } from "../catalog/trackResolution.service.js";
import { parseRecordListenInput } from "../listen/recordListen.validation.js";
import { canViewHistory } from "../user/user.policy.js";
import type { NowPlayingInput } from "./nowPlaying.input.js";
import type { NowPlayingLoaders } from "./nowPlaying.loaders.js";
import { nowPlayingRepository } from "./nowPlaying.repository.js";
import { NowPlaying } from "./nowPlaying.type.js";

/** How long "now playing" lasts when the client does not say how long the track is. */
export const NOW_PLAYING_DEFAULT_MS = 10 * 60_000;

export type NowPlayingServiceDeps = { db: Database; loaders: NowPlayingLoaders };

export function toNowPlaying(row: NowPlayingRow): NowPlaying {
  return Object.assign(new NowPlaying(), { userId: row.userId, trackId: row.trackId, startedAt: row.startedAt });
}

/** Now playing: one track per user that lives for its duration; never a listen. Viewer first. */
export class NowPlayingService {
  constructor(private readonly deps: NowPlayingServiceDeps) {}

  /** GraphQL: the viewer (session or API token) starts playing a track. */
  set(viewer: Viewer | null, input: NowPlayingInput, now = new Date()): Promise<NowPlaying> {
    const signedIn = requireViewer(viewer);
    // The same rules as a listen's track fields (names, lengths, duration range).
    const play = parseRecordListenInput(
      { trackTitle: input.trackTitle, artistName: input.artistName, albumTitle: input.albumTitle, durationMs: input.durationMs },
      now,
      "input",
    );
    return this.setForUser(signedIn.userId, play.track, now);
  }

  /** Shared by every path (GraphQL, the ListenBrainz API): the caller has authenticated `userId`. */
  async setForUser(userId: string, track: TrackReference, now = new Date()): Promise<NowPlaying> {
    const [trackId] = await resolveTracks(this.deps.db, [track]);
    const row = await nowPlayingRepository.upsert(this.deps.db, {
      userId,
      trackId: trackId!,
      startedAt: now,
      expiresAt: new Date(now.getTime() + (track.durationMs ?? NOW_PLAYING_DEFAULT_MS)),
    });
    this.deps.loaders.currentByUserId.clear(userId).prime(userId, row);
    return toNowPlaying(row);
  }

  /** What `owner` plays now; null when nothing, expired, or the viewer may not see their history. */
  async of(viewer: Viewer | null, owner: Pick<UserRow, "id" | "visibility">): Promise<NowPlaying | null> {
    if (!canViewHistory(viewer, owner)) return null;
    const row = await this.deps.loaders.currentByUserId.load(owner.id);
    return row ? toNowPlaying(row) : null;
  }
}
