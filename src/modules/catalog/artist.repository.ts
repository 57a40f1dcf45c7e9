import { inArray } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { type ArtistRow, artists } from "../../db/schema.js";
import { inKeyOrder } from "./catalog.keyed.js";

export const artistRepository = {
  /** Rows in key order; null for unknown ids. */
  async findByIds(db: Executor, ids: readonly string[]): Promise<(ArtistRow | null)[]> {
    if (ids.length === 0) return [];
    const rows = await db.select().from(artists).where(inArray(artists.id, [...ids]));
    return inKeyOrder(ids, rows, (row) => row.id);
  },
};
