import { sql } from "drizzle-orm";
import { type Executor, selectRows } from "../../db/client.js";

/**
 * What a cached stat's key needs from the database, in one indexed read: the user's
 * stats_version (bumped by every listen write) and the first and last counted listen inside the
 * window (listens_user_played_at_idx, one probe each way). Given the version, those two instants
 * name exactly which listens the window holds, so windows that end "now" share cache entries
 * until a listen is written or enters or leaves the window. Instants are epoch microseconds as
 * text: a JS Date would drop the microseconds PostgreSQL keeps.
 */
export type WindowSignature = { version: string; firstAt: string | null; lastAt: string | null };

export async function readWindowSignature(db: Executor, userId: string, from: Date, to: Date): Promise<WindowSignature | null> {
  const [row] = await selectRows<{ version: string; first_at: string | null; last_at: string | null }>(
    db,
    sql`select u.stats_version::text as version,
          (select (extract(epoch from l.played_at) * 1000000)::bigint::text from listens l
            where l.user_id = u.id and l.counted
              and l.played_at >= ${from.toISOString()}::timestamptz and l.played_at < ${to.toISOString()}::timestamptz
            order by l.played_at asc limit 1) as first_at,
          (select (extract(epoch from l.played_at) * 1000000)::bigint::text from listens l
            where l.user_id = u.id and l.counted
              and l.played_at >= ${from.toISOString()}::timestamptz and l.played_at < ${to.toISOString()}::timestamptz
            order by l.played_at desc limit 1) as last_at
        from users u where u.id = ${userId}`,
  );
  return row ? { version: row.version, firstAt: row.first_at, lastAt: row.last_at } : null;
}
