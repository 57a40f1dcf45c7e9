import { sql } from "drizzle-orm";
import { arrayLiteral, plainArrayLiteral } from "../../db/arrayLiteral.js";
import { type Executor, selectRows } from "../../db/client.js";
import type { ListenRow, ListenSource } from "../../db/schema.js";
import { bumpStatsVersion, listenRollupCtes } from "../stats/statsRollup.repository.js";

/** Duplicate window across sources and for minute-precision plays (formats.md "Our rules"). */
export const DUPLICATE_WINDOW_SECONDS = 60;

/** One play ready to store, its track already resolved. */
export type ListenCandidate = {
  trackId: string;
  playedAt: Date;
  msPlayed: number | null;
  counted: boolean;
  skipped: boolean | null;
  platform: string | null;
  minutePrecision: boolean;
};

export type CandidateBatch = {
  userId: string;
  source: ListenSource;
  importId: string | null;
  candidates: ListenCandidate[];
};

/**
 * Drops the batch's own repeats with the same rule the database query applies (one batch has
 * one source): the same track at the same second, within the window when either play is
 * minute-precision, or starting within the window while the earlier play of it is still playing.
 * Keeps the first in play order. Pure; O(n log n).
 */
export function dropBatchRepeats(candidates: ListenCandidate[]): ListenCandidate[] {
  const order = candidates.map((_, index) => index);
  order.sort((a, b) => {
    const x = candidates[a]!;
    const y = candidates[b]!;
    return x.trackId < y.trackId ? -1 : x.trackId > y.trackId ? 1 : x.playedAt.getTime() - y.playedAt.getTime() || a - b;
  });
  const dropped = new Set<number>();
  const windowMs = DUPLICATE_WINDOW_SECONDS * 1000;
  let kept: ListenCandidate | null = null;
  for (const index of order) {
    const candidate = candidates[index]!;
    if (kept && kept.trackId === candidate.trackId) {
      const gap = candidate.playedAt.getTime() - kept.playedAt.getTime();
      const sameSecond = Math.floor(candidate.playedAt.getTime() / 1000) === Math.floor(kept.playedAt.getTime() / 1000);
      const overlaps = kept.msPlayed !== null && gap < kept.msPlayed; // sorted: the candidate starts no earlier
      if (sameSecond || gap === 0 || (gap <= windowMs && (kept.minutePrecision || candidate.minutePrecision || overlaps))) {
        dropped.add(index);
        continue;
      }
    }
    kept = candidate;
  }
  return candidates.filter((_, index) => !dropped.has(index));
}

const WINDOW = sql.raw(`interval '${DUPLICATE_WINDOW_SECONDS} seconds'`);

/**
 * When stored listen `l` duplicates candidate `b` (same user and track, starts within ±WINDOW):
 * the same second; any start in the window across sources or when either is minute-precision;
 * and, within one source, a start while the other play of the same track is still playing — one
 * cannot hear a track twice at once, and Spotify's exports repeat some rows with `ts` a minute
 * later (formats.md). A play that ends before the next starts (a skip, then a replay) is kept.
 */
function matchesStored(source: ListenSource) {
  const playing = (a: string, b: string) =>
    sql.raw(`(${a}.played_at < ${b}.played_at and ${b}.played_at < ${a}.played_at + ${a}.ms_played * interval '1 millisecond')`);
  return sql`(date_trunc('second', l.played_at) = date_trunc('second', b.played_at)
    or l.source <> ${source}::listen_source or l.minute_precision or b.minute_precision
    or ${playing("l", "b")} or ${playing("b", "l")})`;
}

/**
 * The candidates as a relation `b` (ord: 0-based index, track_id, played_at, ms_played, counted, skipped,
 * platform, minute_precision), from typed arrays unnested together: cheaper for PostgreSQL than
 * json_to_recordset of one JSON document, and cheaper to build here. Times travel as epoch
 * milliseconds (exact: JS dates have millisecond precision).
 */
function batchRelation(candidates: ListenCandidate[]) {
  const column = <T extends string | number | boolean | null>(value: (c: ListenCandidate) => T) => plainArrayLiteral(candidates.map(value));
  const trackIds = column((c) => c.trackId);
  const times = column((c) => c.playedAt.getTime());
  const ms = column((c) => c.msPlayed);
  const counted = column((c) => c.counted);
  const skipped = column((c) => c.skipped);
  const platforms = arrayLiteral(candidates.map((c) => c.platform));
  const minute = column((c) => c.minutePrecision);
  return sql`(select u.ord::int - 1 as ord, u.track_id, timestamptz 'epoch' + u.epoch_ms * interval '1 millisecond' as played_at,
      u.ms_played, u.counted, u.skipped, u.platform, u.minute_precision
    from unnest(${trackIds}::uuid[], ${times}::bigint[], ${ms}::int[], ${counted}::boolean[], ${skipped}::boolean[],
      ${platforms}::text[], ${minute}::boolean[]) with ordinality
      as u(track_id, epoch_ms, ms_played, counted, skipped, platform, minute_precision, ord)) as b`;
}

/**
 * The one place the duplicate rule is decided against stored listens, for imports and live
 * listens alike: a candidate is a duplicate when the user already has a listen of the same
 * track at the same instant, or starting within ±60 s when the sources differ, either play is
 * minute-precision, or the two plays overlap (matchesStored). Set-based: one statement joins the whole batch against listens through the
 * (user, track, played_at) unique index. Every writer first bumps the user's stats_version
 * (bumpStatsVersion): that row lock, held until commit, keeps two concurrent writers of the same
 * user from both missing each other's near-duplicates, and orders them after a change of zone.
 * Must run inside a transaction; `candidates` should already be free of the batch's own repeats.
 */
export const duplicateRuleRepository = {
  /** Inserts the candidates that are not duplicates; returns how many were stored. */
  async insertNewCounting(tx: Executor, batch: CandidateBatch): Promise<number> {
    if (batch.candidates.length === 0) return 0;
    await bumpStatsVersion(tx, [batch.userId]);
    // Without ON CONFLICT (~10% of this statement for an import batch: no speculative
    // insertion): no row can hit the (user, track, played_at) key. Stored listens at that
    // instant are excluded by the rule (same second), the batch's own repeats by
    // dropBatchRepeats (idempotent, so applied here too), and every writer of listens locks the
    // user's row first (the bump above), so none can commit one in between (READ COMMITTED: the insert's
    // snapshot is taken after the lock is granted).
    const unique = { ...batch, candidates: dropBatchRepeats(batch.candidates) };
    // the stats rollups are maintained in the same statement, from the inserted rows
    const [row] = await selectRows<{ count: number }>(
      tx,
      sql`with inserted as (${insertNewSql(unique, false)} returning user_id, track_id, played_at, ms_played, counted),
          ${listenRollupCtes(sql.raw("inserted"), 1)}
          select count(*)::int as count from inserted`,
    );
    return Number(row?.count ?? 0);
  },

  /** Inserts the candidates that are not duplicates, with their stats rollups; returns the stored rows. */
  async insertNewReturning(tx: Executor, batch: CandidateBatch): Promise<ListenRow[]> {
    if (batch.candidates.length === 0) return [];
    await bumpStatsVersion(tx, [batch.userId]);
    const rows = await selectRows<Record<string, unknown>>(
      tx,
      sql`with inserted as (${insertNewSql(batch)} returning *), ${listenRollupCtes(sql.raw("inserted"), 1)} select * from inserted`,
    );
    return rows.map(toListenRow);
  },

  /**
   * For each candidate (by index), the stored listen that makes it a duplicate: the nearest
   * one the rule matches. Candidates without a match are absent from the map.
   */
  async findMatches(tx: Executor, batch: CandidateBatch): Promise<Map<number, ListenRow>> {
    if (batch.candidates.length === 0) return new Map();
    const rows = await selectRows<Record<string, unknown>>(
      tx,
      sql`select distinct on (b.ord) b.ord as match_ord, l.*
          from ${batchRelation(batch.candidates)}
          join listens l on l.user_id = ${batch.userId}::uuid and l.track_id = b.track_id
            and l.played_at between b.played_at - ${WINDOW}
                                and b.played_at + ${WINDOW}
            and ${matchesStored(batch.source)}
          order by b.ord, abs(extract(epoch from l.played_at - b.played_at)), l.id`,
    );
    return new Map(rows.map((row) => [Number(row.match_ord), toListenRow(row)]));
  },
};

function insertNewSql(batch: CandidateBatch, onConflictDoNothing = true) {
  const span = timeSpan(batch.candidates);
  return sql`
    insert into listens (user_id, track_id, played_at, ms_played, source, counted, skipped, platform, minute_precision, import_id)
    select ${batch.userId}::uuid, b.track_id, b.played_at, b.ms_played, ${batch.source}::listen_source, b.counted, b.skipped,
           b.platform, b.minute_precision, ${batch.importId}::uuid
    from ${batchRelation(batch.candidates)}
    where not exists (
      select 1 from listens l
      where l.user_id = ${batch.userId}::uuid and l.track_id = b.track_id
        -- the batch's whole time span: lets the planner read only that slice of the user's history
        and l.played_at between ${span.from}::timestamptz - ${WINDOW} and ${span.to}::timestamptz + ${WINDOW}
        and l.played_at between b.played_at - ${WINDOW}
                            and b.played_at + ${WINDOW}
        and ${matchesStored(batch.source)}
    )
    order by b.ord
    ${onConflictDoNothing ? sql`on conflict (user_id, track_id, played_at) do nothing` : sql``}`;
}

function timeSpan(candidates: ListenCandidate[]): { from: string; to: string } {
  let from = Infinity;
  let to = -Infinity;
  for (const candidate of candidates) {
    const time = candidate.playedAt.getTime();
    if (time < from) from = time;
    if (time > to) to = time;
  }
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

/** Raw snake_case rows (both drivers) → the Drizzle row shape. */
function toListenRow(row: Record<string, unknown>): ListenRow {
  const date = (value: unknown) => (value instanceof Date ? value : new Date(String(value)));
  return {
    id: Number(row.id),
    userId: String(row.user_id),
    trackId: String(row.track_id),
    playedAt: date(row.played_at),
    msPlayed: row.ms_played == null ? null : Number(row.ms_played),
    source: row.source as ListenSource,
    counted: Boolean(row.counted),
    skipped: row.skipped == null ? null : Boolean(row.skipped),
    platform: (row.platform as string | null) ?? null,
    minutePrecision: Boolean(row.minute_precision),
    importId: (row.import_id as string | null) ?? null,
    createdAt: date(row.created_at),
  };
}
