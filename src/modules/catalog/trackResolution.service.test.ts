import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client.js";
import { albums, artists, trackArtists, tracks } from "../../db/schema.js";
import { createTestDatabase } from "../../../test/testDatabase.js";
import { resolveTracks, type TrackReference } from "./trackResolution.service.js";

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

/** Unique names per test so the tests share one database without interfering. */
let counter = 0;
const unique = (name: string) => `${name} ${++counter}-${Math.random().toString(36).slice(2, 8)}`;

describe("resolveTracks", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  const trackRow = async (id: string) => (await database.db.select().from(tracks).where(eq(tracks.id, id)))[0]!;
  const credits = async (trackId: string) =>
    database.db
      .select({ name: artists.name, position: trackArtists.position })
      .from(trackArtists)
      .innerJoin(artists, eq(artists.id, trackArtists.artistId))
      .where(eq(trackArtists.trackId, trackId))
      .orderBy(asc(trackArtists.position));

  it("returns [] for no references", async () => {
    expect(await resolveTracks(database.db, [])).toEqual([]);
  });

  it("gives a track created in this call the album and duration another reference in the call names", async () => {
    const artist = unique("Scrobbled");
    const title = unique("Bare First");
    const album = unique("Named Later");
    const [bare, full] = await resolveTracks(database.db, [
      { title, artistNames: [artist] },
      { title, artistNames: [artist], albumTitle: album, durationMs: 201_000 },
    ]);
    expect(full).toBe(bare);
    const row = await trackRow(bare!);
    expect(row.durationMs).toBe(201_000);
    const [albumRow] = await database.db.select().from(albums).where(eq(albums.id, row.albumId!));
    expect(albumRow?.title).toBe(album);
  });

  it("merges a Spotify-like reference and a Last.fm-like one spelled differently", async () => {
    const artist = unique("Beyoncé");
    const title = unique("Halo Déjà");
    const [spotifyTrack] = await resolveTracks(database.db, [
      { title, artistNames: [artist], albumTitle: "I Am... Sasha Fierce", spotifyId: "4JehYebiI9JE8sR8MisGVb", isrc: "USSM10804556", durationMs: 261_640 },
    ]);
    const lastfmTitle = `  ${title.toUpperCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")}  `;
    const lastfmArtist = artist.toLowerCase().replace("é", "e");
    const [lastfmTrack, again] = await resolveTracks(database.db, [
      { title: lastfmTitle, artistNames: [lastfmArtist] },
      { title, artistNames: [artist] },
    ]);
    expect(lastfmTrack).toBe(spotifyTrack);
    expect(again).toBe(spotifyTrack);
    const row = await trackRow(spotifyTrack!);
    expect(row).toMatchObject({ title, isrc: "USSM10804556", spotifyId: "4JehYebiI9JE8sR8MisGVb", durationMs: 261_640 });
    const artistRows = await database.db.select().from(artists).where(eq(artists.nameKey, artist.toLowerCase().replace("é", "e")));
    expect(artistRows).toHaveLength(1);
    expect(artistRows[0]!.name).toBe(artist);
  });

  it("lets an ISRC match win over a different name", async () => {
    const [first] = await resolveTracks(database.db, [{ title: unique("Original Title"), artistNames: [unique("Someone")], isrc: "GBAYE0601498" }]);
    const [second] = await resolveTracks(database.db, [
      { title: unique("Totally Other Title"), artistNames: [unique("Other Artist")], isrc: "gb-aye-06-01498" },
    ]);
    expect(second).toBe(first);
  });

  it("maps duplicates in the input to the same id, in input order", async () => {
    const a: TrackReference = { title: unique("A song"), artistNames: [unique("Band")] };
    const b: TrackReference = { title: unique("B song"), artistNames: [unique("Band")] };
    const ids = await resolveTracks(database.db, [a, b, a, { ...a, title: a.title.toUpperCase() }]);
    expect(ids[0]).toBe(ids[2]);
    expect(ids[0]).toBe(ids[3]);
    expect(ids[1]).not.toBe(ids[0]);
    expect(new Set(ids).size).toBe(2);
  });

  it("credits featured artists in order, from the artist string and from the title", async () => {
    const main = unique("Main");
    const guest = unique("Guest");
    const other = unique("Other");
    const [id] = await resolveTracks(database.db, [
      { title: `${unique("Song")} (feat. ${other})`, artistNames: [`${main} feat. ${guest}`] },
    ]);
    const row = await trackRow(id!);
    expect(row.title).not.toContain("feat.");
    expect((await credits(id!)).map((c) => c.name)).toEqual([main, guest, other]);
  });

  it("keeps 'Simon & Garfunkel' whole and strips ' - Topic'", async () => {
    const duo = unique("Simon & Garfunkel");
    const [id, topic] = await resolveTracks(database.db, [
      { title: "The Boxer", artistNames: [duo] },
      { title: "the boxer", artistNames: [`${duo} - Topic`] },
    ]);
    expect(topic).toBe(id);
    expect((await credits(id!)).map((c) => c.name)).toEqual([duo]);
  });

  it("fills the album when first known and never overwrites it with null", async () => {
    const artist = unique("Album Artist");
    const title = unique("Track");
    const [id] = await resolveTracks(database.db, [{ title, artistNames: [artist] }]);
    expect((await trackRow(id!)).albumId).toBeNull();
    await resolveTracks(database.db, [{ title, artistNames: [artist], albumTitle: "First Album", durationMs: 200_000, mbid: "8f3471b5-7e6a-48da-86a9-c1c07a0f47ae" }]);
    const filled = await trackRow(id!);
    expect(filled.albumId).not.toBeNull();
    expect(filled.durationMs).toBe(200_000);
    expect(filled.mbid).toBe("8f3471b5-7e6a-48da-86a9-c1c07a0f47ae");
    await resolveTracks(database.db, [{ title, artistNames: [artist], albumTitle: null }]);
    await resolveTracks(database.db, [{ title, artistNames: [artist], albumTitle: "Another Album", durationMs: 1 }]);
    const kept = await trackRow(id!);
    expect(kept.albumId).toBe(filled.albumId);
    expect(kept.durationMs).toBe(200_000);
    const [album] = await database.db.select().from(albums).where(eq(albums.id, filled.albumId!));
    expect(album).toMatchObject({ title: "First Album", titleKey: "first album" });
  });

  it("does not steal a strong id another track holds", async () => {
    const artist = unique("Holder");
    const [holder] = await resolveTracks(database.db, [{ title: unique("Holder"), artistNames: [artist], spotifyId: "0000000000000000000001" }]);
    const title = unique("Nameonly");
    const [nameOnly] = await resolveTracks(database.db, [{ title, artistNames: [artist] }]);
    // same name, but the Spotify id belongs to the holder: strong id wins, nothing is moved
    const [resolved] = await resolveTracks(database.db, [{ title, artistNames: [artist], spotifyId: "spotify:track:0000000000000000000001" }]);
    expect(resolved).toBe(holder);
    expect((await trackRow(nameOnly!)).spotifyId).toBeNull();
  });

  it("matches artists by MusicBrainz id before their name", async () => {
    const mbid = "a74b1b7f-71a5-4011-9441-d0b5e4122711";
    const [a] = await resolveTracks(database.db, [{ title: unique("One"), artistNames: [unique("Radiohead")], artistMbids: [mbid] }]);
    const title = unique("Two");
    const [b] = await resolveTracks(database.db, [{ title, artistNames: [unique("Radiohead (renamed)")], artistMbids: [mbid] }]);
    expect((await trackRow(b!)).primaryArtistId).toBe((await trackRow(a!)).primaryArtistId);
  });

  it("creates one artist and one track when 10 callers race on the same new ones", async () => {
    const artist = unique("Race Artist");
    const title = unique("Race Track");
    // separate connections on PostgreSQL; on PGlite (one connection) the calls queue
    const handles = database.url
      ? await Promise.all(Array.from({ length: 10 }, () => openDatabase({ databaseUrl: database.url, dataDir: "unused", poolSize: 1 })))
      : [];
    try {
      const executors = handles.length ? handles.map((h) => h.db) : Array.from({ length: 10 }, () => database.db);
      const results = await Promise.all(
        executors.map((db, i) =>
          resolveTracks(db, [
            { title, artistNames: [`${artist} feat. ${artist} Guest`], albumTitle: "Race Album", isrc: i % 2 ? "USRC17607839" : null },
          ]),
        ),
      );
      expect(new Set(results.flat()).size).toBe(1);
      const rows = await database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(artists)
        .where(sql`${artists.nameKey} like ${artist.toLowerCase() + "%"}`);
      expect(rows[0]!.n).toBe(2);
      expect(await database.db.select().from(tracks).where(eq(tracks.titleKey, title.toLowerCase()))).toHaveLength(1);
      expect(await database.db.select().from(albums).where(eq(albums.titleKey, "race album"))).toHaveLength(1);
      expect(await credits(results[0]![0]!)).toEqual([
        { name: artist, position: 0 },
        { name: `${artist} Guest`, position: 1 },
      ]);
      expect((await trackRow(results[0]![0]!)).isrc).toBe("USRC17607839");
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
  });

  it("agrees on one row each when 8 callers race with overlapping batches in different orders", async () => {
    const prefix = unique("Overlap");
    const refs: TrackReference[] = Array.from({ length: 200 }, (_, i) => ({
      title: `${prefix} song ${i}`,
      artistNames: [`${prefix} artist ${i % 20}`, `${prefix} guest ${i % 7}`],
      albumTitle: `${prefix} album ${i % 10}`,
      isrc: `QZ${String(counter % 1000).padStart(3, "0")}${String(i).padStart(7, "0")}`,
    }));
    const handles = database.url
      ? await Promise.all(Array.from({ length: 8 }, () => openDatabase({ databaseUrl: database.url, dataDir: "unused", poolSize: 1 })))
      : [];
    try {
      const executors = handles.length ? handles.map((h) => h.db) : Array.from({ length: 8 }, () => database.db);
      const orders = executors.map((_, k) => refs.map((ref, i) => ({ ref, i, sort: (i * (k + 3) * 7919) % 200 })).sort((a, b) => a.sort - b.sort));
      const results = await Promise.all(
        executors.map(async (db, k) => {
          // each caller names the artists differently (case) and half drop the ISRC
          const batch = orders[k]!.map(({ ref }) => ({
            ...ref,
            artistNames: k % 2 ? ref.artistNames.map((n) => n.toUpperCase()) : ref.artistNames,
            isrc: k % 3 === 0 ? null : ref.isrc,
          }));
          const ids = await resolveTracks(db, batch);
          const byInput = new Array<string>(refs.length);
          orders[k]!.forEach(({ i }, position) => (byInput[i] = ids[position]!));
          return byInput;
        }),
      );
      for (const ids of results) expect(ids).toEqual(results[0]);
      expect(new Set(results[0]).size).toBe(200);
      const [artistCount] = await database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(artists)
        .where(sql`${artists.nameKey} like ${prefix.toLowerCase() + " %"}`);
      expect(artistCount!.n).toBe(27);
      const [albumCount] = await database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(albums)
        .where(sql`${albums.titleKey} like ${prefix.toLowerCase() + " album %"}`);
      expect(albumCount!.n).toBe(20);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
  });

  it("resolves 1000 references known only by name in a few statements", async () => {
    const prefix = unique("Names");
    const refs: TrackReference[] = Array.from({ length: 1000 }, (_, i) => ({
      title: `${prefix} song ${i}`,
      artistNames: [`${prefix} artist ${i % 100} feat. ${prefix} guest ${i % 13}`],
      albumTitle: `${prefix} album ${i % 50}`,
    }));
    const created = await resolveTracks(database.db, refs);
    const statements: string[] = [];
    const off = database.onQuery((query) => statements.push(query));
    try {
      const started = performance.now();
      const known = await resolveTracks(
        database.db,
        refs.map((ref) => ({ ...ref, title: ref.title.toUpperCase(), artistNames: ref.artistNames.map((n) => n.toLowerCase()) })),
      );
      const knownMs = performance.now() - started;
      expect(known).toEqual(created);
      expect(statements.length).toBeLessThanOrEqual(4);
      console.info(`[resolveTracks ${database.url ? "postgres" : "pglite"}] 1000 known by name only: ${knownMs.toFixed(0)} ms (${statements.length} statements)`);
    } finally {
      off();
    }
  });

  it("resolves 1000 new references and then the same 1000 known ones in a few statements", async () => {
    const prefix = unique("Bulk");
    const refs: TrackReference[] = Array.from({ length: 1000 }, (_, i) => ({
      title: `${prefix} song ${i}`,
      artistNames: [`${prefix} artist ${i % 100}`],
      albumTitle: `${prefix} album ${i % 50}`,
      durationMs: 180_000 + i,
      spotifyId: `${prefix.replace(/[^A-Za-z0-9]/g, "").slice(0, 12).padEnd(12, "x")}${String(i).padStart(10, "0")}`,
    }));
    const statements: string[] = [];
    const off = database.onQuery((query) => statements.push(query));
    try {
      let started = performance.now();
      const created = await resolveTracks(database.db, refs);
      const createMs = performance.now() - started;
      const createStatements = statements.length;
      statements.length = 0;
      started = performance.now();
      const known = await resolveTracks(database.db, refs);
      const knownMs = performance.now() - started;
      expect(known).toEqual(created);
      expect(new Set(created).size).toBe(1000);
      expect(createStatements).toBeLessThanOrEqual(16);
      expect(statements.length).toBeLessThanOrEqual(6);
      console.info(
        `[resolveTracks ${database.url ? "postgres" : "pglite"}] 1000 new: ${createMs.toFixed(0)} ms (${createStatements} statements); 1000 known: ${knownMs.toFixed(0)} ms (${statements.length} statements)`,
      );
    } finally {
      off();
    }
  });
});
