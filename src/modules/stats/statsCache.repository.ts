import { type SQL, sql } from "drizzle-orm";
import { type Executor, selectRows } from "../../db/client.js";
import type { CalendarUnit } from "./statsRange.js";

/**
 * What a cached stat's key needs from the database: the user's stats_version (bumped by every
 * listen write) and the first and last counted listen inside the window. Given the version, those
 * two instants name exactly which listens the window holds, so windows that end "now" share cache
 * entries until a listen is written or enters or leaves the window. Instants are epoch
 * microseconds as text: a JS Date would drop the microseconds PostgreSQL keeps.
 */
export type WindowSignature = { version: string; firstAt: string | null; lastAt: string | null };

/** Where a window starts: an instant, the local calendar unit containing `now`, or the first counted listen. */
export type WindowStart = { at: Date } | { calendar: CalendarUnit; now: Date; timezone: string } | { firstListen: true };

export type ResolvedWindow = {
  /** the window's start (for firstListen: the first counted listen, null without any) */
  from: Date | null;
  /** the last counted listen in the window */
  last: Date | null;
  signature: WindowSignature;
};

/**
 * Resolves a window's start and reads its signature in ONE round trip (a stats request pays it
 * once, cached or not): min()/max() over listens_user_played_at_idx are one index probe each.
 * `to` null = no end (ALL_TIME). Null when the user does not exist.
 */
export async function resolveWindow(db: Executor, userId: string, start: WindowStart, to: Date | null): Promise<ResolvedWindow | null> {
  const startAt: SQL =
    "at" in start
      ? sql`${start.at.toISOString()}::timestamptz`
      : "calendar" in start
        ? sql`(date_trunc(${start.calendar}, ${start.now.toISOString()}::timestamptz at time zone ${start.timezone}) at time zone ${start.timezone})`
        : sql`null::timestamptz`;
  const bounds: SQL[] = [];
  if (!("firstListen" in start)) bounds.push(sql`and l.played_at >= ${startAt}`);
  if (to) bounds.push(sql`and l.played_at < ${to.toISOString()}::timestamptz`);
  const [row] = await selectRows<{
    version: string;
    start_at: Date | string | null;
    first_ts: Date | string | null;
    last_ts: Date | string | null;
    first_at: string | null;
    last_at: string | null;
  }>(
    db,
    sql`select u.stats_version::text as version, ${startAt} as start_at, w.first_at as first_ts, w.last_at as last_ts,
          (extract(epoch from w.first_at) * 1000000)::bigint::text as first_at,
          (extract(epoch from w.last_at) * 1000000)::bigint::text as last_at
        from users u,
          (select min(l.played_at) as first_at, max(l.played_at) as last_at from listens l
            where l.user_id = ${userId} and l.counted ${sql.join(bounds, sql` `)}) w
        where u.id = ${userId}`,
  );
  if (!row) return null;
  const date = (value: Date | string | null) => (value === null ? null : new Date(value));
  return {
    from: "firstListen" in start ? date(row.first_ts) : date(row.start_at),
    last: date(row.last_ts),
    signature: { version: row.version, firstAt: row.first_at, lastAt: row.last_at },
  };
}
