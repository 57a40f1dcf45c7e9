import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/testDatabase.js";
import { selectRows } from "../../db/client.js";
import { users } from "../../db/schema.js";
import { importRepository } from "./import.repository.js";
import { ImportBatchWriter, type PendingBatch, type PendingPlay } from "./import.writer.js";

describe("ImportBatchWriter's track cache", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let userId: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    const [user] = await database.db.insert(users).values({ username: "cachy", email: "cachy@example.test" }).returning();
    userId = user!.id;
  });
  afterAll(async () => {
    await database?.close();
  });

  it("gives every play its own track when the cache is far smaller than a batch's references (entries evicted while a batch resolves)", async () => {
    const row = await importRepository.create(database.db, { id: crypto.randomUUID(), userId, format: "SPOTIFY_EXTENDED", fileName: null, filePath: "/nonexistent", fileBytes: 0 });
    const writer = new ImportBatchWriter(database.db, { importId: row.id, userId, source: "SPOTIFY_EXTENDED", storedErrors: 0, maxErrors: 100 }, 2);
    let position = 0;
    const batchOf = (titles: string[]): PendingBatch => {
      const plays = titles.map((title): PendingPlay => {
        position += 1;
        return {
          position,
          play: { track: { title, artistNames: ["Cache band"] }, playedAt: new Date(Date.UTC(2024, 0, 1) + position * 600_000), msPlayed: 200_000, skipped: null, platform: null },
          minutePrecision: false,
          needsArtist: false,
        };
      });
      return { plays, skipped: 0, failed: 0, errors: [], position };
    };
    // song 0 and 1 are cached after the first batch; the second batch looks them up first, then
    // storing its four new references evicts them
    await writer.write(batchOf(["Song 0", "Song 1"]));
    await writer.write(batchOf(["Song 0", "Song 1", "Song 2", "Song 3", "Song 4", "Song 5", "Song 0"]));
    await writer.write(batchOf(["Song 5", "Song 1", "Song 6"]));
    const stored = await selectRows<{ title: string; plays: number }>(
      database.db,
      sql`select t.title, count(*)::int as plays from listens l join tracks t on t.id = l.track_id where l.user_id = ${userId} group by t.title order by t.title`,
    );
    expect(stored).toEqual([
      { title: "Song 0", plays: 3 },
      { title: "Song 1", plays: 3 },
      { title: "Song 2", plays: 1 },
      { title: "Song 3", plays: 1 },
      { title: "Song 4", plays: 1 },
      { title: "Song 5", plays: 2 },
      { title: "Song 6", plays: 1 },
    ]);
    expect(await importRepository.findById(database.db, row.id)).toMatchObject({ processedRows: 12, inserted: 12, duplicates: 0 });
  });
});
