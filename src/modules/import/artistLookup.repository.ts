import { sql } from "drizzle-orm";
import { type Executor, selectRows } from "../../db/client.js";

export type TitleAlbumKey = { titleKey: string; albumKey: string | null };

export const titleAlbumKey = (key: TitleAlbumKey) => `${key.titleKey}\u0000${key.albumKey ?? ""}`;

/**
 * For plays whose export names no artist (Apple Music's current vintage): the primary artist of
 * a track the user has already listened to with the same title (and album, when given), keyed
 * by `titleAlbumKey`. One statement for the whole batch.
 */
export async function findArtistsInUserCatalog(executor: Executor, userId: string, keys: TitleAlbumKey[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await selectRows<{ title_key: string; album_key: string | null; name: string }>(
    executor,
    sql`select distinct on (b.title_key, b.album_key) b.title_key, b.album_key, ar.name
        from json_to_recordset(${JSON.stringify(keys.map((k) => ({ title_key: k.titleKey, album_key: k.albumKey })))}::json)
          as b(title_key text, album_key text)
        join tracks t on t.title_key = b.title_key
        left join albums al on al.id = t.album_id
        join artists ar on ar.id = t.primary_artist_id
        where (b.album_key is null or al.title_key = b.album_key)
          and ar.name <> '[unknown]'
          and exists (select 1 from listens l where l.user_id = ${userId}::uuid and l.track_id = t.id)
        order by b.title_key, b.album_key, ar.name`,
  );
  return new Map(rows.map((row) => [titleAlbumKey({ titleKey: row.title_key, albumKey: row.album_key }), row.name]));
}
