import { sql } from "drizzle-orm";
import { type Executor, selectRows } from "../../db/client.js";

/**
 * What a cached stat's key needs from the database, in one indexed read: the user's
 * stats_version (bumped by every listen write) and the first and last counted listen inside the
 * window (min and max over listens_user_played_at_idx: one index probe each). Given the version, those two instants
 * name exactly which listens the window holds, so windows that end "now" share cache entries
 * until a listen is written or enters or leaves the window. Instants are epoch microseconds as
 * text: a JS Date would drop the microseconds PostgreSQL keeps.
 */
export type WindowSignature = { version: string; firstAt: string | null; lastAt: string | null };

export async function readWindowSignature(db: Executor, userId: string, from: Date, to: Date): Promise<WindowSignature | null> {
  // min()/max(), not ORDER BY … LIMIT 1: the index is (user_id, played_at DESC NULLS LAST), which
  // neither ORDER BY direction matches, so PostgreSQL would sort all the user's listens (seconds).
  const [row] = await selectRows<{ version: string; first_at: string | null; last_at: string | null }>(
    db,
    sql`select u.stats_version::text as version,
          (extract(epoch from w.first_at) * 1000000)::bigint::text as first_at,
          (extract(epoch from w.last_at) * 1000000)::bigint::text as last_at
        from users u,
          (select min(l.played_at) as first_at, max(l.played_at) as last_at from listens l
            where l.user_id = ${userId} and l.counted
              and l.played_at >= ${from.toISOString()}::timestamptz and l.played_at < ${to.toISOString()}::timestamptz) w
        where u.id = ${userId}`,
  );
  return row ? { version: row.version, firstAt: row.first_at, lastAt: row.last_at } : null;
}
