import { LRUCache } from "lru-cache";
import type { Database } from "../../db/client.js";
import type { ListenSource } from "../../db/schema.js";
import { nameKey, splitTitle, UNKNOWN_ARTIST } from "../catalog/catalog.normalize.js";
import { trackRepository } from "../catalog/track.repository.js";
import { resolveTracks, type TrackReference } from "../catalog/trackResolution.service.js";
import { needsCatalogDuration } from "../listen/countingRule.js";
import { dropBatchRepeats, duplicateRuleRepository, type ListenCandidate } from "../listen/duplicateRule.repository.js";
import { type Play, toListenCandidate } from "../listen/play.js";
import { findArtistsInUserCatalog, titleAlbumKey } from "./artistLookup.repository.js";
import { importRepository, type RowError } from "./import.repository.js";

/** A play read from the file, with what the writer needs to know about its source. */
export type PendingPlay = { position: number; play: Play; minutePrecision: boolean; needsArtist: boolean };

/** Rows read since the last commit; `position` is the last row they cover. */
export type PendingBatch = {
  plays: PendingPlay[];
  skipped: number;
  failed: number;
  errors: RowError[];
  position: number;
};

/** A batch whose tracks are resolved, ready for its transaction. */
export type PreparedBatch = { candidates: ListenCandidate[]; skipped: number; failed: number; errors: RowError[]; position: number };

/**
 * Distinct track references remembered per import run, most recently used first. A 1M-row
 * history has ~100k distinct references at ~250 bytes an entry (key, id, LRU slots); V8 lets the
 * heap grow to a multiple of what is live, so the cache's bound shows ~3x in peak RSS: 1M rows,
 * 50k entries 308 MB, 20k entries 279 MB, same time. Plays are Zipf-distributed, so the hot set
 * stays cached; an evicted reference seen again costs a look-up by strong id, no insert.
 */
const TRACK_CACHE_SIZE = 20_000;

const referenceKey = (track: TrackReference) =>
  JSON.stringify([track.title, track.artistNames, track.albumTitle ?? null, track.durationMs ?? null, track.isrc ?? null, track.spotifyId ?? null, track.mbid ?? null, track.artistMbids ?? null, track.releaseMbid ?? null]);

/**
 * Stores one import's batches. Track ids come from a per-run cache, so the catalog is asked only
 * about references not seen before in this run (one resolveTracks call per batch). Each batch
 * is then one transaction: the listens (duplicate rule applied set-based) and the import's
 * counters, errors and checkpoint, so progress and rows always commit together.
 */
export class ImportBatchWriter {
  private readonly trackIds: LRUCache<string, string>;
  private readonly durations: LRUCache<string, number | 0>;
  private storedErrors: number;

  constructor(
    private readonly db: Database,
    private readonly run: { importId: string; userId: string; source: ListenSource; storedErrors: number; maxErrors: number },
    cacheSize = TRACK_CACHE_SIZE,
  ) {
    this.storedErrors = run.storedErrors;
    this.trackIds = new LRUCache({ max: cacheSize });
    this.durations = new LRUCache({ max: cacheSize });
  }

  /** Prepares and commits the batch; returns whether the owner asked to cancel meanwhile. */
  async write(batch: PendingBatch): Promise<{ cancelRequested: boolean }> {
    return this.commit(await this.prepare(batch));
  }

  /**
   * Everything before the batch's transaction: artists for plays that name none, catalog
   * resolution (its own transaction) and durations. It may run while the previous batch is being
   * committed: it reads and writes only the shared catalog, never this user's listens, except
   * for plays without an artist, whose look-up reads the user's history, so it waits for
   * `previousCommitted` first (the rows of the batch before must be visible to it).
   */
  async prepare(batch: PendingBatch, previousCommitted: Promise<unknown> = Promise.resolve()): Promise<PreparedBatch> {
    const errors = [...batch.errors];
    if (batch.plays.some((pending) => pending.needsArtist)) {
      await previousCommitted.catch(() => {});
      await this.creditArtists(batch.plays, errors);
    }
    const trackIds = await this.resolve(batch.plays.map((pending) => pending.play.track));
    const catalogDurations = await this.catalogDurations(batch.plays, trackIds);
    const candidates = batch.plays.map(({ play, minutePrecision }, index) =>
      toListenCandidate(play, trackIds[index]!, catalogDurations.get(trackIds[index]!), minutePrecision),
    );
    return { candidates, skipped: batch.skipped, failed: batch.failed, errors, position: batch.position };
  }

  /**
   * The batch's one transaction: its listens (duplicate rule applied set-based) and the import's
   * counters, errors and checkpoint. Prepared batches must be committed one at a time, in file order.
   */
  async commit(prepared: PreparedBatch): Promise<{ cancelRequested: boolean }> {
    const { candidates } = prepared;
    const room = Math.max(0, this.run.maxErrors - this.storedErrors);
    const keptErrors = prepared.errors.slice(0, room);
    const result = await this.db.transaction(async (tx) => {
      const inserted = await duplicateRuleRepository.insertNewCounting(tx, {
        userId: this.run.userId,
        source: this.run.source,
        importId: this.run.importId,
        candidates: dropBatchRepeats(candidates),
      });
      return importRepository.commitBatch(tx, this.run.importId, {
        inserted,
        duplicates: candidates.length - inserted,
        skipped: prepared.skipped,
        failed: prepared.failed,
        errors: keptErrors,
        position: prepared.position,
      });
    });
    this.storedErrors += keptErrors.length;
    return result;
  }

  private async resolve(references: TrackReference[]): Promise<string[]> {
    const keys = references.map(referenceKey);
    // ids are taken from the cache once, up front: storing the misses below may evict entries
    const found = new Map<string, string>();
    const misses = new Map<string, TrackReference>();
    keys.forEach((key, index) => {
      if (found.has(key) || misses.has(key)) return;
      const id = this.trackIds.get(key);
      if (id === undefined) misses.set(key, references[index]!);
      else found.set(key, id);
    });
    if (misses.size > 0) {
      // its own transaction: a cached id must never point at a rolled-back track
      const ids = await resolveTracks(this.db, [...misses.values()]);
      [...misses.keys()].forEach((key, index) => {
        found.set(key, ids[index]!);
        this.trackIds.set(key, ids[index]!);
      });
    }
    return keys.map((key) => found.get(key)!);
  }

  /** Catalog durations for short plays that report none (the counting rule needs them); cached too. */
  private async catalogDurations(plays: PendingPlay[], trackIds: string[]): Promise<Map<string, number | null>> {
    const needed = new Set<string>();
    plays.forEach(({ play }, index) => {
      if (needsCatalogDuration(play.msPlayed, play.track.durationMs)) needed.add(trackIds[index]!);
    });
    const known = new Map<string, number | null>();
    const unknown = [...needed].filter((id) => {
      const cached = this.durations.get(id);
      if (cached === undefined) return true;
      known.set(id, cached === 0 ? null : cached);
      return false;
    });
    if (unknown.length > 0) {
      for (const row of await trackRepository.findByIds(this.db, unknown)) {
        if (!row) continue;
        known.set(row.id, row.durationMs);
        this.durations.set(row.id, row.durationMs ?? 0);
      }
    }
    return known;
  }

  /**
   * Plays whose export names no artist take the artist of the same title (+ album) the user
   * already has; otherwise they are credited to "[unknown]" with a warning (not a failure).
   */
  private async creditArtists(plays: PendingPlay[], errors: RowError[]): Promise<void> {
    const orphans = plays.filter((pending) => pending.needsArtist && pending.play.track.artistNames.length === 0);
    if (orphans.length === 0) return;
    const keyOf = (play: Play) => ({
      titleKey: nameKey(splitTitle(play.track.title).title),
      albumKey: play.track.albumTitle ? nameKey(play.track.albumTitle) || null : null,
    });
    const found = await findArtistsInUserCatalog(
      this.db,
      this.run.userId,
      orphans.map(({ play }) => keyOf(play)),
    );
    for (const pending of orphans) {
      const artist = found.get(titleAlbumKey(keyOf(pending.play)));
      pending.play = { ...pending.play, track: { ...pending.play.track, artistNames: [artist ?? UNKNOWN_ARTIST] } };
      if (!artist) {
        errors.push({
          position: pending.position,
          message: `warning: no artist in the file for "${pending.play.track.title}"; stored under ${UNKNOWN_ARTIST} for later enrichment`,
        });
      }
    }
  }
}
