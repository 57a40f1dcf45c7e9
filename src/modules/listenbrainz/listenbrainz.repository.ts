import { sql } from "drizzle-orm";
import { type Executor, selectRows } from "../../db/client.js";

/** A listen with what the ListenBrainz listen shape shows of its track. */
export type ListenBrainzListenRow = {
  listened_at: number;
  inserted_at: number;
  ms_played: number | null;
  platform: string | null;
  track_id: string;
  track_name: string;
  artist_name: string;
  artist_mbids: (string | null)[] | null;
  release_name: string | null;
  release_mbid: string | null;
  recording_mbid: string | null;
  duration_ms: number | null;
  isrc: string | null;
  spotify_id: string | null;
};

export type ListensWindow = { count: number; maxTs: number | null; minTs: number | null };

const epoch = (column: ReturnType<typeof sql>) => sql`floor(extract(epoch from ${column}))::float8`;

/** What the ListenBrainz listen shape shows of track `t` (join `trackJoins` after it). */
const trackColumns = sql`t.id as track_id, t.title as track_name, t.duration_ms, t.isrc, t.spotify_id,
  t.mbid::text as recording_mbid, al.title as release_name, al.mbid::text as release_mbid,
  credits.artist_name, credits.artist_mbids`;

/** The album and the ordered artist credits of track `t`. */
const trackJoins = sql`left join albums al on al.id = t.album_id
  cross join lateral (
    select string_agg(a.name, ', ' order by ta.position) as artist_name,
           array_agg(a.mbid::text order by ta.position) as artist_mbids
    from track_artists ta join artists a on a.id = ta.artist_id
    where ta.track_id = t.id
  ) credits`;

/** SQL for the ListenBrainz-compatible reads, and nothing else. */
export const listenBrainzRepository = {
  /**
   * Up to `count` listens strictly between min_ts and max_ts (unix seconds), newest first. With
   * min_ts (alone or with max_ts), the listens right after it (walking forward), as ListenBrainz's
   * fetch_listens does, so clients paging forward through a range miss nothing.
   */
  async findListens(executor: Executor, userId: string, window: ListensWindow): Promise<ListenBrainzListenRow[]> {
    const forward = window.minTs !== null;
    const rows = await selectRows<ListenBrainzListenRow>(
      executor,
      sql`
        select ${epoch(sql`l.played_at`)} as listened_at, ${epoch(sql`l.created_at`)} as inserted_at,
               l.ms_played, l.platform, ${trackColumns}
        from listens l
        join tracks t on t.id = l.track_id
        ${trackJoins}
        where l.user_id = ${userId}
          ${window.maxTs !== null ? sql`and l.played_at < to_timestamp(${window.maxTs})` : sql``}
          ${window.minTs !== null ? sql`and l.played_at > to_timestamp(${window.minTs})` : sql``}
        order by ${forward ? sql`l.played_at asc, l.id asc` : sql`l.played_at desc, l.id desc`}
        limit ${window.count}
      `,
    );
    return forward ? rows.reverse() : rows;
  },

  /** The user's unexpired now-playing track, in the same shape (its listened_at is when it started). */
  async findPlayingNow(executor: Executor, userId: string, now: Date): Promise<ListenBrainzListenRow | null> {
    const [row] = await selectRows<ListenBrainzListenRow>(
      executor,
      sql`
        select ${epoch(sql`np.started_at`)} as listened_at, ${epoch(sql`np.started_at`)} as inserted_at,
               null::int as ms_played, null::text as platform, ${trackColumns}
        from now_playing np
        join tracks t on t.id = np.track_id
        ${trackJoins}
        where np.user_id = ${userId} and np.expires_at > ${now.toISOString()}::timestamptz
      `,
    );
    return row ?? null;
  },

  async countListens(executor: Executor, userId: string): Promise<number> {
    const [row] = await selectRows<{ count: number }>(executor, sql`select count(*)::int as count from listens where user_id = ${userId}`);
    return row?.count ?? 0;
  },

  /** Unix seconds of the user's newest and oldest listens; null without listens. */
  async listenTimeRange(executor: Executor, userId: string): Promise<{ latest: number | null; oldest: number | null }> {
    const [row] = await selectRows<{ latest: number | null; oldest: number | null }>(
      executor,
      sql`select ${epoch(sql`max(played_at)`)} as latest, ${epoch(sql`min(played_at)`)} as oldest from listens where user_id = ${userId}`,
    );
    return { latest: row?.latest ?? null, oldest: row?.oldest ?? null };
  },
};
