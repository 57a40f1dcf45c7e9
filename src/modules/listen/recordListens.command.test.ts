import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/testDatabase.js";
import { listens, tracks, users } from "../../db/schema.js";
import type { Play } from "./play.js";
import { recordListensForUser } from "./recordListens.command.js";

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

const play = (n: number, overrides: Partial<Play> = {}): Play => ({
  track: { title: `Command song ${n}`, artistNames: [`Command band ${n % 4}`], durationMs: 200_000 },
  playedAt: new Date(Date.UTC(2024, 0, 1, 0, n)),
  msPlayed: 200_000,
  skipped: null,
  platform: null,
  ...overrides,
});

/** The command importers and the scrobble API call directly (no GraphQL, no viewer). */
describe("recordListensForUser", () => {
  let database: TestDatabase;
  let userId: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    const [user] = await database.db
      .insert(users)
      .values({ username: "commander", email: "commander@example.test" })
      .returning();
    userId = user!.id;
  });
  afterAll(async () => {
    await database?.close();
  });

  it("does nothing for no plays", async () => {
    expect(await recordListensForUser(database.db, userId, [], "LISTENBRAINZ")).toEqual({ inserted: 0, duplicates: 0, listens: [] });
  });

  it("stores the given source, skipped flag and counting result; repeats are duplicates", async () => {
    const plays = [play(1, { skipped: true, msPlayed: 4_000 }), play(2, { platform: "android" })];
    const first = await recordListensForUser(database.db, userId, plays, "SPOTIFY_EXTENDED");
    expect(first.inserted).toBe(2);
    expect(first.listens.map(({ source, skipped, counted, platform }) => ({ source, skipped, counted, platform }))).toEqual([
      { source: "SPOTIFY_EXTENDED", skipped: true, counted: false, platform: null },
      { source: "SPOTIFY_EXTENDED", skipped: null, counted: true, platform: "android" },
    ]);
    const again = await recordListensForUser(database.db, userId, [play(3), ...plays], "LASTFM");
    expect(again).toMatchObject({ inserted: 1, duplicates: 2 });
    expect(again.listens.slice(1).map((listen) => listen.id)).toEqual(first.listens.map((listen) => listen.id));
    expect(again.listens[1]!.source).toBe("SPOTIFY_EXTENDED");
  });

  it("uses the catalog's duration for the counting rule when a short play reports none", async () => {
    const jingle = { title: "Command jingle", artistNames: ["Command band 0"], durationMs: 20_000 };
    await recordListensForUser(database.db, userId, [play(900, { track: jingle, msPlayed: 20_000 })], "MANUAL");
    const result = await recordListensForUser(
      database.db,
      userId,
      [
        play(901, { track: { ...jingle, durationMs: null }, msPlayed: 20_000 }),
        play(902, { track: { ...jingle, durationMs: null }, msPlayed: 19_000 }),
      ],
      "LASTFM",
    );
    expect(result.listens.map((listen) => listen.counted)).toEqual([true, false]);
  });

  it("stores 1000 plays in one call with a bounded number of statements, or nothing when it fails", async () => {
    const plays = Array.from({ length: 1000 }, (_, n) => play(1000 + n));
    const statements: string[] = [];
    const stop = database.onQuery((query) => statements.push(query));
    const started = performance.now();
    const result = await recordListensForUser(database.db, userId, plays, "MANUAL");
    const elapsed = performance.now() - started;
    stop();
    expect(result.inserted).toBe(1000);
    console.info(`recordListensForUser: 1000 plays in ${elapsed.toFixed(0)} ms, ${statements.length} statements`);
    expect(statements.length).toBeLessThan(30);

    // a failure at the INSERT (here: an int4 overflow) rolls back the whole call, new tracks included
    const before = (await database.db.select({ id: listens.id }).from(listens).where(eq(listens.userId, userId))).length;
    const broken = play(5000, { msPlayed: 2 ** 31 });
    await expect(recordListensForUser(database.db, userId, [play(4000), broken], "MANUAL")).rejects.toThrow();
    const after = (await database.db.select({ id: listens.id }).from(listens).where(eq(listens.userId, userId))).length;
    expect(after).toBe(before);
    expect(await database.db.select().from(tracks).where(eq(tracks.title, "Command song 4000"))).toEqual([]);
  });
});
