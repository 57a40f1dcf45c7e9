import { randomUUID } from "node:crypto";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listens, tracks, users } from "../../db/schema.js";
import { createTestDatabase } from "../../../test/testDatabase.js";
import type { Viewer } from "../auth/viewer.js";
import { createCatalogLoaders, primeTracks } from "./catalog.loaders.js";
import { resolveTracks } from "./trackResolution.service.js";

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

describe("catalog loaders", () => {
  let database: TestDatabase;
  let viewer: Viewer;
  let trackIds: string[];

  beforeAll(async () => {
    database = await createTestDatabase();
    const [user] = await database.db
      .insert(users)
      .values({ username: `loader_${randomUUID().slice(0, 8)}`, email: `${randomUUID()}@example.test` })
      .returning();
    viewer = { userId: user!.id, via: "session", sessionId: null, apiTokenId: null };
    trackIds = await resolveTracks(
      database.db,
      Array.from({ length: 100 }, (_, i) => ({
        title: `Loader song ${i}`,
        artistNames: [`Loader artist ${i % 10}`, `Loader guest ${i % 7}`],
        albumTitle: i % 3 === 0 ? null : `Loader album ${i % 5}`,
        durationMs: 100_000,
      })),
    );
    await database.db.insert(listens).values([
      { userId: user!.id, trackId: trackIds[1]!, playedAt: new Date("2024-01-01T10:00:00Z"), msPlayed: 60_000, source: "MANUAL", counted: true },
      { userId: user!.id, trackId: trackIds[1]!, playedAt: new Date("2024-02-01T10:00:00Z"), msPlayed: null, source: "MANUAL", counted: true },
      { userId: user!.id, trackId: trackIds[1]!, playedAt: new Date("2024-03-01T10:00:00Z"), msPlayed: 5_000, source: "MANUAL", counted: false },
      { userId: user!.id, trackId: trackIds[11]!, playedAt: new Date("2024-04-01T10:00:00Z"), msPlayed: 30_000, source: "MANUAL", counted: true },
    ]);
  });
  afterAll(async () => {
    await database.close();
  });

  const countStatements = async <T>(run: () => Promise<T>): Promise<{ result: T; statements: string[] }> => {
    const statements: string[] = [];
    const off = database.onQuery((query) => statements.push(query));
    try {
      return { result: await run(), statements };
    } finally {
      off();
    }
  };

  it("loads 100 tracks' artists, albums with their artists and stats in one statement each", async () => {
    const loaders = createCatalogLoaders(database.db, viewer);
    const rows = await database.db.select().from(tracks).where(inArray(tracks.id, trackIds));
    primeTracks(loaders, rows);
    const { result, statements } = await countStatements(() =>
      Promise.all(
        trackIds.map(async (id) => {
          const track = (await loaders.trackById.load(id))!;
          const [artists, album, stats] = await Promise.all([
            loaders.artistsByTrackId.load(id),
            track.albumId ? loaders.albumById.load(track.albumId) : null,
            loaders.trackStats.load(id),
          ]);
          const albumArtist = album ? await loaders.artistById.load(album.artistId) : null;
          return { artists: artists.map((a) => a.name), album: album?.title ?? null, albumArtist: albumArtist?.name ?? null, stats };
        }),
      ),
    );
    expect(statements).toHaveLength(3);
    expect(result[1]).toEqual({
      artists: ["Loader artist 1", "Loader guest 1"],
      album: "Loader album 1",
      albumArtist: "Loader artist 1",
      stats: {
        listens: 2,
        msPlayed: 160_000,
        firstListenedAt: new Date("2024-01-01T10:00:00Z"),
        lastListenedAt: new Date("2024-02-01T10:00:00Z"),
      },
    });
    expect(result[0]!.album).toBeNull();
    expect(result[0]!.stats).toEqual({ listens: 0, msPlayed: 0, firstListenedAt: null, lastListenedAt: null });
  });

  it("groups album and artist stats (artists: primary credit only)", async () => {
    const loaders = createCatalogLoaders(database.db, viewer);
    const [track1, track11] = (await loaders.trackById.loadMany([trackIds[1]!, trackIds[11]!])) as { primaryArtistId: string; albumId: string }[];
    const artistStats = await loaders.artistStats.load(track1!.primaryArtistId);
    expect(track11!.primaryArtistId).toBe(track1!.primaryArtistId);
    expect(artistStats).toMatchObject({ listens: 3, msPlayed: 190_000 });
    const albumStats = await loaders.albumStats.load(track1!.albumId);
    expect(albumStats).toMatchObject({ listens: 3 });
    const guests = await loaders.artistsByTrackId.load(trackIds[1]!);
    expect(await loaders.artistStats.load(guests[1]!.id)).toMatchObject({ listens: 0 });
  });

  it("answers null stats without a viewer and without a statement", async () => {
    const loaders = createCatalogLoaders(database.db, null);
    const { result, statements } = await countStatements(() => loaders.trackStats.load(trackIds[1]!));
    expect(result).toBeNull();
    expect(statements).toHaveLength(0);
  });

  it("returns null for unknown ids, in key order", async () => {
    const loaders = createCatalogLoaders(database.db, null);
    const unknown = randomUUID();
    const rows = await loaders.trackById.loadMany([trackIds[2]!, unknown, trackIds[0]!]);
    expect(rows.map((row) => (row && !(row instanceof Error) ? row.id : null))).toEqual([trackIds[2], null, trackIds[0]]);
  });
});
