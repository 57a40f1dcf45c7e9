import { PgTransaction } from "drizzle-orm/pg-core";
import type { Executor } from "../../db/client.js";
import {
  cleanName,
  nameKey,
  type NormalizedArtist,
  normalizeArtists,
  normalizeDuration,
  normalizeIsrc,
  normalizeMbid,
  normalizeSpotifyId,
  splitArtistCredit,
  splitTitle,
} from "./catalog.normalize.js";
import * as repo from "./trackResolution.repository.js";
import type { TrackIdentity } from "./trackResolution.repository.js";

/** A track as a source reports it; names are raw (cleaned up here). */
export type TrackReference = {
  title: string;
  /** credited artists in order, primary first (raw names; "A feat. B" is split here) */
  artistNames: string[];
  albumTitle?: string | null;
  durationMs?: number | null;
  isrc?: string | null;
  /** 22-char base62 id (from spotify:track:<id>) */
  spotifyId?: string | null;
  /** MusicBrainz recording id */
  mbid?: string | null;
  /** MusicBrainz artist ids, aligned with artistNames where known */
  artistMbids?: (string | null)[] | null;
  releaseMbid?: string | null;
};

type NormalizedReference = {
  title: string;
  titleKey: string;
  artists: NormalizedArtist[];
  albumTitle: string | null;
  albumKey: string | null;
  releaseMbid: string | null;
  durationMs: number | null;
  isrc: string | null;
  spotifyId: string | null;
  mbid: string | null;
};

/**
 * Resolves references to track ids (same order; equal references get the same id), creating
 * artists, albums and tracks that do not exist yet. Safe under concurrent calls.
 *
 * Matching order: a track's ISRC, then its Spotify id, then its MusicBrainz recording id, then
 * its name identity (primary artist + title key; the artist found by MBID, then by name key).
 * An album is (primary artist, album title key), or its MusicBrainz release id. Rows that
 * already exist get their missing strong ids, duration and album filled in; known values are
 * never overwritten. The whole batch takes about a dozen statements whatever its size, inside
 * one transaction (a savepoint when `executor` is already a transaction), so a new track is
 * never visible without its credits. A reference without a title throws: callers skip those.
 */
export async function resolveTracks(executor: Executor, references: TrackReference[]): Promise<string[]> {
  if (references.length === 0) return [];
  const normalized = references.map((reference, index) => normalizeReference(reference, index));
  const unique = new Map<string, number>();
  const distinct: NormalizedReference[] = [];
  const slot = normalized.map((reference) => {
    const signature = JSON.stringify(reference);
    let index = unique.get(signature);
    if (index === undefined) {
      index = distinct.push(reference) - 1;
      unique.set(signature, index);
    }
    return index;
  });
  const ids = await inTransaction(executor, (tx) => resolveDistinct(tx, distinct));
  return slot.map((index) => ids[index]!);
}

/**
 * Runs `work` in a transaction. Inserts take their locks in key order, which keeps concurrent
 * batches from deadlocking in practice; should PostgreSQL still pick this call as a deadlock
 * victim, it is retried when the transaction is ours (inside a caller's transaction, the
 * caller's whole transaction is aborted anyway, so the error goes up).
 */
async function inTransaction<T>(executor: Executor, work: (tx: Executor) => Promise<T>): Promise<T> {
  // inside the caller's transaction: no savepoint (two round trips; an error aborts it all anyway)
  if (executor instanceof PgTransaction) return work(executor);
  for (let attempt = 1; ; attempt++) {
    try {
      return await executor.transaction(work);
    } catch (error) {
      if (attempt >= 3 || !hasCode(error, "40P01")) throw error;
    }
  }
}

function normalizeReference(reference: TrackReference, index: number): NormalizedReference {
  const reportedKeys = new Set(reference.artistNames.flatMap((name) => splitArtistCredit(name ?? "")).map(nameKey));
  const { title, featured } = splitTitle(reference.title ?? "", reportedKeys);
  const titleKey = nameKey(title);
  if (titleKey.length === 0) throw new Error(`resolveTracks: reference ${index} has no title (callers check namesATrack)`);
  const albumTitle = reference.albumTitle ? cleanName(reference.albumTitle) : "";
  const albumKey = nameKey(albumTitle);
  return {
    title,
    titleKey,
    artists: normalizeArtists(reference.artistNames, reference.artistMbids, featured),
    albumTitle: albumKey ? albumTitle : null,
    albumKey: albumKey || null,
    releaseMbid: albumKey ? normalizeMbid(reference.releaseMbid) : null,
    durationMs: normalizeDuration(reference.durationMs),
    isrc: normalizeIsrc(reference.isrc),
    spotifyId: normalizeSpotifyId(reference.spotifyId),
    mbid: normalizeMbid(reference.mbid),
  };
}

const pairKey = (artistId: string, titleKey: string) => `${artistId}\u0000${titleKey}`;
const present = <T>(value: T | null | undefined): value is T => value != null;

/** Indexes track rows by each strong id and by name identity. */
class TrackIndex {
  private readonly byIsrc = new Map<string, TrackIdentity>();
  private readonly bySpotify = new Map<string, TrackIdentity>();
  private readonly byMbid = new Map<string, TrackIdentity>();
  private readonly byName = new Map<string, TrackIdentity>();

  add(rows: readonly TrackIdentity[]): void {
    for (const row of rows) {
      if (row.isrc) this.byIsrc.set(row.isrc, row);
      if (row.spotifyId) this.bySpotify.set(row.spotifyId, row);
      if (row.mbid) this.byMbid.set(row.mbid, row);
      this.byName.set(pairKey(row.primaryArtistId, row.titleKey), row);
    }
  }

  byStrongId(ref: NormalizedReference): TrackIdentity | undefined {
    return (
      (ref.isrc ? this.byIsrc.get(ref.isrc) : undefined) ??
      (ref.spotifyId ? this.bySpotify.get(ref.spotifyId) : undefined) ??
      (ref.mbid ? this.byMbid.get(ref.mbid) : undefined)
    );
  }

  find(ref: NormalizedReference, primaryArtistId: string | undefined): TrackIdentity | undefined {
    return this.byStrongId(ref) ?? (primaryArtistId ? this.byName.get(pairKey(primaryArtistId, ref.titleKey)) : undefined);
  }

  claimed(column: "isrc" | "spotifyId" | "mbid", value: string): boolean {
    const map = column === "isrc" ? this.byIsrc : column === "spotifyId" ? this.bySpotify : this.byMbid;
    return map.has(value);
  }
}

async function resolveDistinct(tx: Executor, refs: NormalizedReference[]): Promise<string[]> {
  const index = new TrackIndex();
  const strongIds = (list: NormalizedReference[]) => ({
    isrcs: unique(list.map((r) => r.isrc).filter(present)),
    spotifyIds: unique(list.map((r) => r.spotifyId).filter(present)),
    mbids: unique(list.map((r) => r.mbid).filter(present)),
  });

  // 1. strong track ids: a match here needs no artist or name work at all
  index.add(await repo.findTracks(tx, strongIds(refs)));
  const found: (TrackIdentity | undefined)[] = refs.map((ref) => index.byStrongId(ref));
  const pending = refs.map((_, i) => i).filter((i) => !found[i]);

  // 2. artists of the references still unresolved
  //    (artists this call created are invisible to everyone else until it commits: no album or
  //    track can name them yet, so their (artist, title) pairs need no lookup below)
  const { ids: artistIds, created: newArtists } = await ensureArtists(tx, pending.flatMap((i) => refs[i]!.artists));
  const primaryOf = (i: number) => artistIds.get(refs[i]!.artists[0]!.key)!;

  // 3. albums: for new tracks, and for known tracks that have none yet
  const albumWants: AlbumWant[] = [];
  const albumOwner = refs.map((ref, i): string | undefined => {
    if (!ref.albumKey) return undefined;
    const row = found[i];
    if (row && row.albumId) return undefined;
    const artistId = row ? row.primaryArtistId : primaryOf(i);
    albumWants.push({ artistId, title: ref.albumTitle!, titleKey: ref.albumKey, mbid: ref.releaseMbid });
    return artistId;
  });
  const albumIds = await ensureAlbums(tx, albumWants, newArtists);
  const albumOf = (i: number) => {
    const owner = albumOwner[i];
    return owner ? (albumIds.get(pairKey(owner, refs[i]!.albumKey!)) ?? null) : null;
  };

  // 4. tracks by name identity; insert the missing ones, then look again (a concurrent caller
  //    may have inserted the same track: ON CONFLICT DO NOTHING leaves it to this second look)
  if (pending.length > 0) {
    const pairs = uniqueBy(
      pending.filter((i) => !newArtists.has(primaryOf(i))).map((i) => ({ artistId: primaryOf(i), titleKey: refs[i]!.titleKey })),
      (p) => pairKey(p.artistId, p.titleKey),
    );
    if (pairs.length > 0) index.add(await repo.findTracks(tx, { pairs }));
    const missing = pending.filter((i) => !index.find(refs[i]!, primaryOf(i)));
    const created = await insertMissingTracks(tx, refs, missing, primaryOf, albumOf, artistIds);
    index.add(created);
    const unresolved = missing.filter((i) => !index.find(refs[i]!, primaryOf(i)));
    if (unresolved.length > 0) {
      const list = unresolved.map((i) => refs[i]!);
      index.add(
        await repo.findTracks(tx, {
          pairs: unresolved.map((i) => ({ artistId: primaryOf(i), titleKey: refs[i]!.titleKey })),
          ...strongIds(list),
        }),
      );
    }
    for (const i of pending) {
      const row = index.find(refs[i]!, primaryOf(i));
      if (!row) throw new Error(`resolveTracks: track for reference "${refs[i]!.title}" not found after insert`);
      found[i] = row;
    }
  }

  // 5. fill what known rows lack (album, duration, strong ids nobody else holds); a track created
  //    just now from a reference without an album gets one from another reference that names it
  await fillKnownTracks(tx, refs, found as TrackIdentity[], index, albumOf);
  return found.map((row) => row!.id);
}

async function insertMissingTracks(
  tx: Executor,
  refs: NormalizedReference[],
  missing: number[],
  primaryOf: (i: number) => string,
  albumOf: (i: number) => string | null,
  artistIds: Map<string, string>,
): Promise<TrackIdentity[]> {
  const rows: repo.NewTrack[] = [];
  const creditsByPair = new Map<string, NormalizedArtist[]>();
  const taken = new Set<string>();
  const claim = (kind: string, value: string | null) => {
    if (!value || taken.has(`${kind}:${value}`)) return null;
    taken.add(`${kind}:${value}`);
    return value;
  };
  for (const i of missing) {
    const ref = refs[i]!;
    const key = pairKey(primaryOf(i), ref.titleKey);
    if (creditsByPair.has(key)) continue;
    // two names sharing a strong id in one batch: the first creates the track, the second
    // then matches it by that id (ON CONFLICT would skip it anyway)
    if ([["isrc", ref.isrc], ["spotify", ref.spotifyId], ["mbid", ref.mbid]].some(([kind, v]) => v && taken.has(`${kind}:${v}`))) {
      continue;
    }
    creditsByPair.set(key, ref.artists);
    rows.push({
      title: ref.title,
      titleKey: ref.titleKey,
      primaryArtistId: primaryOf(i),
      albumId: albumOf(i),
      durationMs: ref.durationMs,
      isrc: claim("isrc", ref.isrc),
      spotifyId: claim("spotify", ref.spotifyId),
      mbid: claim("mbid", ref.mbid),
    });
  }
  const created = await repo.insertTracks(tx, rows);
  await repo.insertCredits(
    tx,
    created.flatMap((track) =>
      uniqueBy(
        creditsByPair.get(pairKey(track.primaryArtistId, track.titleKey))!.map((artist) => artistIds.get(artist.key)!),
        (id) => id,
      ).map((artistId, position) => ({ trackId: track.id, artistId, position })),
    ),
  );
  return created;
}

async function fillKnownTracks(
  tx: Executor,
  refs: NormalizedReference[],
  rows: TrackIdentity[],
  index: TrackIndex,
  albumOf: (i: number) => string | null,
): Promise<void> {
  const fills = new Map<string, repo.TrackFill>();
  const claimed = new Set<string>();
  const offer = (row: TrackIdentity, column: "isrc" | "spotifyId" | "mbid", value: string | null) => {
    if (!value || row[column] || index.claimed(column, value) || claimed.has(`${column}:${value}`)) return null;
    claimed.add(`${column}:${value}`);
    return value;
  };
  refs.forEach((ref, i) => {
    const row = rows[i]!;
    const fill = fills.get(row.id) ?? { id: row.id, albumId: null, durationMs: null, isrc: null, spotifyId: null, mbid: null };
    fill.albumId ??= row.albumId ? null : albumOf(i);
    fill.durationMs ??= row.durationMs == null ? ref.durationMs : null;
    fill.isrc ??= offer(row, "isrc", ref.isrc);
    fill.spotifyId ??= offer(row, "spotifyId", ref.spotifyId);
    fill.mbid ??= offer(row, "mbid", ref.mbid);
    if (fill.albumId || fill.durationMs != null || fill.isrc || fill.spotifyId || fill.mbid) fills.set(row.id, fill);
  });
  if (fills.size === 0) return;
  const list = [...fills.values()];
  // a concurrent caller may claim the same strong id first: then keep only album and duration
  const filledAll = await ignoringUniqueViolation(tx, (sp) => repo.fillTracks(sp, list));
  if (!filledAll) {
    await repo.fillTracks(
      tx,
      list.map((fill) => ({ ...fill, isrc: null, spotifyId: null, mbid: null })),
    );
  }
}

type AlbumWant = { artistId: string; title: string; titleKey: string; mbid: string | null };

/** Album ids by (artist id, title key); created when missing. */
async function ensureAlbums(tx: Executor, wants: AlbumWant[], newArtists: ReadonlySet<string>): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  const distinct = uniqueBy(wants, (w) => pairKey(w.artistId, w.titleKey));
  if (distinct.length === 0) return result;
  const byMbid = new Map<string, repo.AlbumIdentity>();
  const byPair = new Map<string, repo.AlbumIdentity>();
  const absorb = (rows: repo.AlbumIdentity[]) => {
    for (const row of rows) {
      if (row.mbid) byMbid.set(row.mbid, row);
      byPair.set(pairKey(row.artistId, row.titleKey), row);
    }
  };
  const match = (w: AlbumWant) => (w.mbid ? byMbid.get(w.mbid) : undefined) ?? byPair.get(pairKey(w.artistId, w.titleKey));
  const lookup = (list: AlbumWant[]) =>
    repo.findAlbums(tx, list, unique(list.map((w) => w.mbid).filter(present)));

  // pairs of artists created by this call cannot exist yet; their MBIDs are still looked up
  absorb(
    await repo.findAlbums(
      tx,
      distinct.filter((w) => !newArtists.has(w.artistId)),
      unique(distinct.map((w) => w.mbid).filter(present)),
    ),
  );
  const missing = distinct.filter((w) => !match(w));
  if (missing.length > 0) {
    const mbidTaken = new Set<string>();
    const rows = missing.map((w) => {
      const mbid = w.mbid && !mbidTaken.has(w.mbid) ? w.mbid : null;
      if (mbid) mbidTaken.add(mbid);
      return { ...w, mbid };
    });
    const created = await repo.insertAlbums(tx, rows);
    // every row created: they are all there is under these keys and MBIDs (all unique), so the
    // second look would find exactly them; one skipped (a concurrent caller's row) → look again
    absorb(created.length === rows.length ? created : await lookup(missing));
  }
  const mbidFills = new Map<string, { id: string; mbid: string }>();
  for (const want of distinct) {
    const row = match(want);
    if (!row) throw new Error(`resolveTracks: album "${want.title}" not found after insert`);
    result.set(pairKey(want.artistId, want.titleKey), row.id);
    if (want.mbid && !row.mbid && !byMbid.has(want.mbid) && !mbidFills.has(row.id)) {
      mbidFills.set(row.id, { id: row.id, mbid: want.mbid });
    }
  }
  if (mbidFills.size > 0) {
    await ignoringUniqueViolation(tx, (sp) => repo.fillAlbumMbids(sp, uniqueBy([...mbidFills.values()], (f) => f.mbid)));
  }
  return result;
}

/** Artist ids by name key (as the references spell them); created when missing (`created`: their ids). */
async function ensureArtists(
  tx: Executor,
  wanted: NormalizedArtist[],
): Promise<{ ids: Map<string, string>; created: Set<string> }> {
  const result = new Map<string, string>();
  const createdIds = new Set<string>();
  const distinct = mergeArtists(wanted);
  if (distinct.length === 0) return { ids: result, created: createdIds };
  const byMbid = new Map<string, repo.ArtistIdentity>();
  const byKey = new Map<string, repo.ArtistIdentity>();
  const absorb = (rows: repo.ArtistIdentity[]) => {
    for (const row of rows) {
      if (row.mbid) byMbid.set(row.mbid, row);
      byKey.set(row.nameKey, row);
    }
  };
  const match = (a: NormalizedArtist) => (a.mbid ? byMbid.get(a.mbid) : undefined) ?? byKey.get(a.key);
  const lookup = (list: NormalizedArtist[]) =>
    repo.findArtists(
      tx,
      list.map((a) => a.key),
      unique(list.map((a) => a.mbid).filter(present)),
    );

  absorb(await lookup(distinct));
  const missing = distinct.filter((a) => !match(a));
  if (missing.length > 0) {
    const mbidTaken = new Set<string>();
    const rows = missing.map((a) => {
      const mbid = a.mbid && !mbidTaken.has(a.mbid) ? a.mbid : null;
      if (mbid) mbidTaken.add(mbid);
      return { name: a.name, nameKey: a.key, mbid };
    });
    const created = await repo.insertArtists(tx, rows);
    for (const row of created) createdIds.add(row.id);
    // as for albums: all created → the second look would return exactly these rows
    absorb(created.length === rows.length ? created : await lookup(missing));
  }
  const mbidFills = new Map<string, { id: string; mbid: string }>();
  for (const artist of distinct) {
    const row = match(artist);
    if (!row) throw new Error(`resolveTracks: artist "${artist.name}" not found after insert`);
    result.set(artist.key, row.id);
    if (artist.mbid && !row.mbid && !byMbid.has(artist.mbid) && !mbidFills.has(row.id)) {
      mbidFills.set(row.id, { id: row.id, mbid: artist.mbid });
    }
  }
  if (mbidFills.size > 0) {
    await ignoringUniqueViolation(tx, (sp) => repo.fillArtistMbids(sp, uniqueBy([...mbidFills.values()], (f) => f.mbid)));
  }
  return { ids: result, created: createdIds };
}

/** One entry per key; the first spelling wins and an MBID reported anywhere is kept. */
function mergeArtists(list: NormalizedArtist[]): NormalizedArtist[] {
  const byKey = new Map<string, NormalizedArtist>();
  for (const artist of list) {
    const existing = byKey.get(artist.key);
    if (!existing) byKey.set(artist.key, { ...artist });
    else existing.mbid ??= artist.mbid;
  }
  return [...byKey.values()];
}

/**
 * Runs best-effort fill-ins in a savepoint: when a concurrent caller took the same unique value
 * first, the fill-in is dropped instead of aborting the caller's transaction. False when dropped.
 */
async function ignoringUniqueViolation(tx: Executor, run: (savepoint: Executor) => Promise<void>): Promise<boolean> {
  try {
    await tx.transaction(async (savepoint) => run(savepoint));
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  return hasCode(error, "23505");
}

/** PostgreSQL error code anywhere in the cause chain (Drizzle wraps driver errors). */
function hasCode(error: unknown, code: string): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === code) return true;
  }
  return false;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function uniqueBy<T>(values: T[], key: (value: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const value of values) if (!seen.has(key(value))) seen.set(key(value), value);
  return [...seen.values()];
}
