import type { Database } from "../../db/client.js";
import type { UserRow } from "../../db/schema.js";
import type { Logger } from "../../platform/logger.js";
import type { PubSub } from "../../platform/pubsub.js";
import type { Viewer } from "../auth/viewer.js";
import { namesATrack } from "../catalog/catalog.normalize.js";
import { publishNewListens, newListenIds } from "../live/live.publisher.js";
import { recordListensForUser } from "../listen/recordListens.command.js";
import { createNowPlayingLoaders } from "../nowPlaying/nowPlaying.loaders.js";
import { NowPlayingService } from "../nowPlaying/nowPlaying.service.js";
import { canViewHistory } from "../user/user.policy.js";
import { findUserByUsername, findUsersByIds } from "../user/user.repository.js";
import { lbBadRequest, lbUserNotFound } from "./listenbrainz.error.js";
import { toListenBrainzListen, toPlayingNowListen } from "./listenbrainz.format.js";
import { DEFAULT_ITEMS_PER_GET, MAX_ITEMS_PER_GET } from "./listenbrainz.limits.js";
import { toPlay, toTrackReference } from "./listenbrainz.mapping.js";
import { listenBrainzRepository } from "./listenbrainz.repository.js";
import type { Submission } from "./listenbrainz.submission.js";

export type ListenBrainzDeps = { db: Database; pubsub: PubSub; logger: Logger };

/** Raw query parameters of GET /1/user/<name>/listens. */
export type ListensQuery = { count?: string | undefined; max_ts?: string | undefined; min_ts?: string | undefined };

/**
 * The ListenBrainz-compatible API's rules. Listens go through the same command as GraphQL
 * (source SCROBBLE_API) and reach livePlays subscribers; playing_now uses the now-playing service
 * and is not a listen. Reads follow Tonearm's visibility: a history the viewer may not see answers
 * exactly like a user that does not exist (404 "Cannot find user"), as ListenBrainz has no notion
 * of private histories and clients already handle that answer.
 */
export class ListenBrainzService {
  constructor(private readonly deps: ListenBrainzDeps) {}

  /**
   * Stores the listens, or sets now playing. Returns the now-playing track's id, which plays the
   * part of its recording_msid (`?return_msid=true`); null for listens or a skipped track.
   */
  async submit(viewer: Viewer, submission: Submission, now = new Date()): Promise<string | null> {
    // a title of invisible characters passes ListenBrainz's validation (which stores it) but names
    // no track: accepted and skipped — a 503 would be retried forever, a 400 differ from ListenBrainz
    const listens = submission.listens.filter((listen) => namesATrack(listen.track_metadata.track_name));
    if (listens.length === 0) return null;
    if (submission.listenType === "playing_now") {
      const nowPlaying = new NowPlayingService({ db: this.deps.db, loaders: createNowPlayingLoaders(this.deps.db) });
      return (await nowPlaying.setForUser(viewer.userId, toTrackReference(listens[0]!.track_metadata), now)).trackId;
    }
    const result = await recordListensForUser(this.deps.db, viewer.userId, listens.map(toPlay), "SCROBBLE_API");
    await publishNewListens(this.deps.pubsub, viewer.userId, newListenIds(result), this.deps.logger);
    return null;
  }

  async usernameOf(userId: string): Promise<string | null> {
    const [user] = await findUsersByIds(this.deps.db, [userId]);
    return user?.username ?? null;
  }

  async listens(viewer: Viewer | null, username: string, query: ListensQuery) {
    const owner = await this.visibleOwner(viewer, username);
    // ListenBrainz's order, messages and Python truthiness: a 0 (or empty) bound is no bound at all.
    const maxTs = intArg(query, "max_ts") || null;
    const minTs = intArg(query, "min_ts") || null;
    if (maxTs !== null && minTs !== null && maxTs < minTs) throw lbBadRequest("max_ts should be greater than min_ts");
    const count = Math.min(intArg(query, "count") ?? DEFAULT_ITEMS_PER_GET, MAX_ITEMS_PER_GET);
    if (count < 0) throw lbBadRequest("Number of items requested should be positive");
    if (maxTs !== null && minTs !== null && minTs >= maxTs) throw lbBadRequest("min_ts should be less than max_ts");
    const [rows, range] = await Promise.all([
      listenBrainzRepository.findListens(this.deps.db, owner.id, { count, maxTs, minTs }),
      listenBrainzRepository.listenTimeRange(this.deps.db, owner.id),
    ]);
    return {
      payload: {
        count: rows.length,
        user_id: username, // echoed as requested, as ListenBrainz does (names match case-insensitively)
        latest_listen_ts: range.latest ?? 0,
        oldest_listen_ts: range.oldest ?? 0,
        listens: rows.map((row) => toListenBrainzListen(row, owner.username)),
      },
    };
  }

  async playingNow(viewer: Viewer | null, username: string, now = new Date()) {
    const owner = await this.visibleOwner(viewer, username);
    const row = await listenBrainzRepository.findPlayingNow(this.deps.db, owner.id, now);
    return {
      payload: {
        count: row ? 1 : 0,
        user_id: username, // echoed as requested, as ListenBrainz does (names match case-insensitively)
        playing_now: true,
        listens: row ? [toPlayingNowListen(row, owner.username)] : [],
      },
    };
  }

  async listenCount(viewer: Viewer | null, username: string) {
    const owner = await this.visibleOwner(viewer, username);
    return { payload: { count: await listenBrainzRepository.countListens(this.deps.db, owner.id) } };
  }

  /**
   * GET /1/latest-import: always 0. Tonearm keeps no import checkpoint (POST is accepted and
   * ignored), so importers resume from the start and the duplicate rules drop what is already stored.
   */
  async latestImport(viewer: Viewer | null, username: string) {
    const owner = await this.visibleOwner(viewer, username);
    return { musicbrainz_id: owner.username, latest_import: 0 };
  }

  private async visibleOwner(viewer: Viewer | null, username: string): Promise<UserRow> {
    const owner = await findUserByUsername(this.deps.db, username);
    if (!owner || !canViewHistory(viewer, owner)) throw lbUserNotFound(username);
    return owner;
  }
}

/**
 * A query parameter read as ListenBrainz's _parse_int_arg does: absent or empty is null, otherwise
 * Python's int() (sign, surrounding spaces and digit-separating underscores allowed) or a 400.
 */
function intArg(query: ListensQuery, name: keyof ListensQuery): number | null {
  const sent: unknown = query[name];
  const raw = Array.isArray(sent) ? String(sent[0]) : (sent as string | undefined); // a repeated parameter: the first, as Flask's args.get
  if (raw === undefined || raw === "") return null;
  const value = /^\s*[+-]?\d+(?:_\d+)*\s*$/.test(raw) ? Number(raw.trim().replaceAll("_", "")) : Number.NaN;
  if (!Number.isSafeInteger(value)) throw lbBadRequest(`Invalid ${name} argument: ${raw}`);
  return value;
}
