import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/testDatabase.js";
import { users } from "../../db/schema.js";
import { dropBatchRepeats, type ListenCandidate } from "./duplicateRule.repository.js";
import type { Play } from "./play.js";
import { recordListensForUser } from "./recordListens.command.js";

const at = (seconds: number) => new Date(Date.UTC(2024, 4, 1, 10, 0, 0) + seconds * 1000);
const candidate = (trackId: string, seconds: number, minutePrecision = false): ListenCandidate => ({
  trackId,
  playedAt: at(seconds),
  msPlayed: 100_000,
  counted: true,
  skipped: null,
  platform: null,
  minutePrecision,
});

describe("dropBatchRepeats (one batch, one source)", () => {
  it("drops the same track in the same second, keeps the first", () => {
    const kept = dropBatchRepeats([candidate("a", 0), candidate("b", 0), { ...candidate("a", 0), playedAt: new Date(at(0).getTime() + 400) }]);
    expect(kept.map((c) => c.trackId)).toEqual(["a", "b"]);
  });

  it("keeps exact plays seconds apart that do not overlap, drops minute-precision ones within 60 s", () => {
    const short = (seconds: number) => ({ ...candidate("a", seconds), msPlayed: 10_000 });
    expect(dropBatchRepeats([short(0), short(30)])).toHaveLength(2);
    expect(dropBatchRepeats([candidate("a", 0, true), candidate("a", 30, true), candidate("a", 61, true)])).toHaveLength(2);
  });

  it("drops a play that starts within 60 s while the earlier play of the track is still playing (a repeated row)", () => {
    // 100 s plays: +60 s overlaps the first; +100 s starts as it ends; +61 s after a dropped one is compared with the kept one
    expect(dropBatchRepeats([candidate("a", 60), candidate("a", 0)]).map((c) => c.playedAt)).toEqual([at(0)]);
    expect(dropBatchRepeats([candidate("a", 0), { ...candidate("a", 100) }])).toHaveLength(2);
    expect(dropBatchRepeats([candidate("a", 0), { ...candidate("a", 30), msPlayed: null }, candidate("a", 61)])).toHaveLength(2);
  });
});

describe("the duplicate rule on live listens (recordListensForUser)", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let userId: string;
  const play = (seconds: number, title = "Window song"): Play => ({
    track: { title, artistNames: ["Window band"] },
    playedAt: at(seconds),
    msPlayed: 120_000,
    skipped: null,
    platform: null,
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    const [user] = await database.db.insert(users).values({ username: "windowed", email: "windowed@example.test" }).returning();
    userId = user!.id;
  });
  afterAll(async () => {
    await database?.close();
  });

  it("another source within ±60 s is a duplicate (returning the stored listen); beyond it, or the same source seconds apart, is new", async () => {
    const first = await recordListensForUser(database.db, userId, [play(0)], "LISTENBRAINZ");
    expect(first.inserted).toBe(1);
    const near = await recordListensForUser(database.db, userId, [play(45), play(-59)], "SCROBBLE_API");
    expect(near).toMatchObject({ inserted: 0, duplicates: 2 });
    expect(near.listens.map((listen) => listen.id)).toEqual([first.listens[0]!.id, first.listens[0]!.id]);
    const far = await recordListensForUser(database.db, userId, [play(61)], "SCROBBLE_API");
    expect(far.inserted).toBe(1);
    // the same source 30 s earlier, ended 10 s before the stored play began: a play of its own
    const sameSource = await recordListensForUser(database.db, userId, [{ ...play(-30), msPlayed: 20_000 }], "LISTENBRAINZ");
    expect(sameSource.inserted).toBe(1);
    const otherTrack = await recordListensForUser(database.db, userId, [play(0, "Another song")], "SCROBBLE_API");
    expect(otherTrack.inserted).toBe(1);
  });

  it("the same source: a play starting while the stored play of the track is still playing is a duplicate; one after it ends is new", async () => {
    const song = (seconds: number, msPlayed: number | null = 120_000) => ({ ...play(5000 + seconds, "Repeated row song"), msPlayed });
    const first = await recordListensForUser(database.db, userId, [song(0)], "SPOTIFY_EXTENDED");
    // Spotify's export repeats some rows with ts a minute later: the start moves by a minute too
    const repeated = await recordListensForUser(database.db, userId, [song(60), song(-60)], "SPOTIFY_EXTENDED");
    expect(repeated).toMatchObject({ inserted: 0, duplicates: 2 });
    expect(repeated.listens.map((listen) => listen.id)).toEqual([first.listens[0]!.id, first.listens[0]!.id]);
    const replay = await recordListensForUser(database.db, userId, [song(-200, 30_000), song(120), song(30, null)], "SPOTIFY_EXTENDED");
    expect(replay).toMatchObject({ inserted: 2, duplicates: 1 }); // song(30) starts while song(0) plays
  });

  it("stores every field as given: odd platform text, nulls, millisecond start times (the batch travels as typed arrays)", async () => {
    const platforms = ['say "hi" \\ {a,b} NULL', "", "NULL", "ünïcødé 🎵", null];
    const plays = platforms.map((platform, index): Play => ({
      ...play(1000 + index * 300, `Array song ${index}`),
      playedAt: new Date(at(1000 + index * 300).getTime() + 123 + index),
      msPlayed: index === 1 ? null : 45_678 + index,
      skipped: index === 2 ? true : index === 3 ? false : null,
      platform,
    }));
    const stored = await recordListensForUser(database.db, userId, plays, "SPOTIFY_EXTENDED");
    expect(stored.inserted).toBe(plays.length);
    expect(stored.listens.map((l) => [l.playedAt.toISOString(), l.msPlayed, l.skipped, l.platform])).toEqual(
      plays.map((p) => [p.playedAt.toISOString(), p.msPlayed, p.skipped, p.platform]),
    );
    const again = await recordListensForUser(database.db, userId, plays, "SPOTIFY_EXTENDED");
    expect(again).toMatchObject({ inserted: 0, duplicates: plays.length });
  });
});
