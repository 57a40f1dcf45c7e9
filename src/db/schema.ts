import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const visibilityEnum = pgEnum("visibility", ["PUBLIC", "FOLLOWERS", "PRIVATE"]);

export const listenSourceEnum = pgEnum("listen_source", [
  "MANUAL",
  "SCROBBLE_API",
  "SPOTIFY_SYNC",
  "SPOTIFY_EXTENDED",
  "SPOTIFY_ACCOUNT",
  "LASTFM",
  "LISTENBRAINZ",
  "APPLE_MUSIC",
  "YOUTUBE_MUSIC",
]);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    username: text("username").notNull(),
    email: text("email").notNull(),
    passwordHash: text("password_hash"),
    displayName: text("display_name"),
    timezone: text("timezone").notNull().default("UTC"),
    visibility: visibilityEnum("visibility").notNull().default("PRIVATE"),
    /** bumped in the transaction of every write that changes the user's stats: cached stats are keyed by it */
    statsVersion: bigint("stats_version", { mode: "number" }).notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("users_username_lower_key").on(sql`lower(${t.username})`),
    uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`),
  ],
);

/** id is the hex SHA-256 of the session token: the token itself is never stored. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("sessions_user_id_idx").on(t.userId)],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** hex SHA-256 of the token */
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("api_tokens_user_id_idx").on(t.userId)],
);

export const artists = pgTable(
  "artists",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    /** normalized name: the identity used when no strong id matches */
    nameKey: text("name_key").notNull().unique(),
    mbid: uuid("mbid").unique(),
    spotifyId: text("spotify_id").unique(),
    imageUrl: text("image_url"),
    createdAt: createdAt(),
  },
  (t) => [index("artists_name_trgm_idx").using("gin", sql`lower(${t.name}) gin_trgm_ops`)],
);

export const albums = pgTable(
  "albums",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    titleKey: text("title_key").notNull(),
    artistId: uuid("artist_id")
      .notNull()
      .references(() => artists.id),
    mbid: uuid("mbid").unique(),
    spotifyId: text("spotify_id").unique(),
    releaseDate: text("release_date"),
    imageUrl: text("image_url"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("albums_artist_title_key").on(t.artistId, t.titleKey),
    index("albums_title_trgm_idx").using("gin", sql`lower(${t.title}) gin_trgm_ops`),
  ],
);

export const tracks = pgTable(
  "tracks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    titleKey: text("title_key").notNull(),
    /** first credited artist; with title_key it is the track's name identity */
    primaryArtistId: uuid("primary_artist_id")
      .notNull()
      .references(() => artists.id),
    albumId: uuid("album_id").references(() => albums.id),
    durationMs: integer("duration_ms"),
    isrc: text("isrc").unique(),
    spotifyId: text("spotify_id").unique(),
    mbid: uuid("mbid").unique(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("tracks_artist_title_key").on(t.primaryArtistId, t.titleKey),
    index("tracks_album_id_idx").on(t.albumId),
    index("tracks_title_trgm_idx").using("gin", sql`lower(${t.title}) gin_trgm_ops`),
  ],
);

/** Ordered credits: position 0 is the primary artist. */
export const trackArtists = pgTable(
  "track_artists",
  {
    trackId: uuid("track_id")
      .notNull()
      .references(() => tracks.id, { onDelete: "cascade" }),
    artistId: uuid("artist_id")
      .notNull()
      .references(() => artists.id),
    position: integer("position").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.trackId, t.position] }),
    uniqueIndex("track_artists_track_artist_key").on(t.trackId, t.artistId),
    index("track_artists_artist_id_idx").on(t.artistId),
  ],
);

export const importFormatEnum = pgEnum("import_format", [
  "SPOTIFY_EXTENDED",
  "SPOTIFY_ACCOUNT",
  "LASTFM_CSV",
  "LASTFM_JSON",
  "LISTENBRAINZ",
  "APPLE_MUSIC",
  "YOUTUBE_MUSIC",
]);

export const importStatusEnum = pgEnum("import_status", ["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"]);

/** One uploaded history file and its progress; counters always satisfy processed = inserted + duplicates + skipped + failed. */
export const imports = pgTable(
  "imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** null until detected from the content */
    format: importFormatEnum("format"),
    status: importStatusEnum("status").notNull().default("QUEUED"),
    fileName: text("file_name"),
    /** where the upload is kept until the import ends (lets a restarted server resume it) */
    filePath: text("file_path"),
    fileBytes: bigint("file_bytes", { mode: "number" }),
    processedRows: integer("processed_rows").notNull().default(0),
    totalRows: integer("total_rows"),
    inserted: integer("inserted").notNull().default(0),
    duplicates: integer("duplicates").notNull().default(0),
    skipped: integer("skipped").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    /** first 100 row errors: [{ position, message }] */
    errors: jsonb("errors").$type<{ position: number; message: string }[]>().notNull().default([]),
    /** why the whole import failed, if it did */
    failureMessage: text("failure_message"),
    /** resume point written with each committed batch (parser-defined, e.g. { entry, row }) */
    checkpoint: jsonb("checkpoint").$type<Record<string, unknown>>(),
    cancelRequested: boolean("cancel_requested").notNull().default(false),
    createdAt: createdAt(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("imports_user_created_idx").on(t.userId, t.createdAt.desc().nullsFirst()),
    index("imports_status_idx").on(t.status),
    // one running import per user, even with several job runners sharing the database
    uniqueIndex("imports_one_running_per_user_key").on(t.userId).where(sql`${t.status} = 'RUNNING'`),
  ],
);

/** The track a user is playing now; expires on its own (track duration, default 10 minutes). */
export const nowPlaying = pgTable("now_playing", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  trackId: uuid("track_id")
    .notNull()
    .references(() => tracks.id),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

export const listens = pgTable(
  "listens",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    trackId: uuid("track_id")
      .notNull()
      .references(() => tracks.id),
    /** start of the play */
    playedAt: timestamp("played_at", { withTimezone: true }).notNull(),
    msPlayed: integer("ms_played"),
    source: listenSourceEnum("source").notNull(),
    counted: boolean("counted").notNull(),
    skipped: boolean("skipped"),
    platform: text("platform"),
    /** the source gives minutes only (e.g. Spotify account data): duplicates use the ±60 s window even within its source */
    minutePrecision: boolean("minute_precision").notNull().default(false),
    /** the import that stored it */
    // No foreign key on purpose: the import is the same for every row of a batch, and the
    // per-row FK trigger cost ~15% of an import's insert time. Imports are only deleted with
    // their user, whose listens go too; Listen.import resolves a missing import to null.
    importId: uuid("import_id"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("listens_user_track_played_at_key").on(t.userId, t.trackId, t.playedAt),
    // history pages and time-range stats: newest first, id breaks ties
    // NULLS FIRST is what `ORDER BY played_at DESC, id DESC` means: with drizzle's default
    // (DESC NULLS LAST) PostgreSQL cannot use the index for that order and sorts every listen.
    index("listens_user_played_at_idx").on(t.userId, t.playedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // Per-track viewer stats and track-filtered history use the unique (user, track, played_at)
    // index above: a separate (user, track) index was its prefix, and cost every listen write.
  ],
);

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;
export type ArtistRow = typeof artists.$inferSelect;
export type AlbumRow = typeof albums.$inferSelect;
export type TrackRow = typeof tracks.$inferSelect;
export type ListenRow = typeof listens.$inferSelect;
export type ImportRow = typeof imports.$inferSelect;
export type NowPlayingRow = typeof nowPlaying.$inferSelect;
export type ImportFormat = (typeof importFormatEnum.enumValues)[number];
export type ImportStatus = (typeof importStatusEnum.enumValues)[number];
export type Visibility = (typeof visibilityEnum.enumValues)[number];
export type ListenSource = (typeof listenSourceEnum.enumValues)[number];

/*
 * Stats rollups (src/modules/stats/README.md), maintained in the transaction of every listen write
 * (listenRollupCtes / applyListenRollups). Counted listens only, one row per answer grain so a
 * stat reads O(answer) rows. ms_known is the plays' time as known now: the play's own ms_played,
 * else its track's duration, else 0; unknown_ms counts plays with neither, which the trigger
 * stats_track_learned (drizzle/0011) converts when the catalog learns the track's duration (and it
 * adds a track's plays to its album when the album is learned). Days, months and hours are LOCAL
 * to the user's zone and rebuilt when it changes; rows reaching 0 listens are removed.
 */
const rollupMeasures = () => ({
  listens: integer("listens").notNull(),
  msKnown: bigint("ms_known", { mode: "number" }).notNull(),
  unknownMs: integer("unknown_ms").notNull(),
});
// Derived data, rebuilt from listens at will: no foreign keys. Their checks were ~45% of the rollup
// upserts of an import batch (bench/RESULTS.md); catalog rows are never deleted, and deleting a
// user (no such feature yet) must delete that user's rollups with the listens.
const rollupUser = () => uuid("user_id").notNull();
const rollupTrack = () => uuid("track_id").notNull();
const rollupArtist = () => uuid("artist_id").notNull();
const rollupAlbum = () => uuid("album_id").notNull();

/**
 * All-time per track (zone-independent). One rank index, (user, listens desc, ms desc): the
 * all-time top tracks by listens read ~50 index entries instead of sorting the user's rows (119k
 * for the benchmark's main user: 62 ms without it, 8 ms with it). Other rank indexes were dropped
 * (measured while developing drizzle/0009, bench/RESULTS.md): an index on a counter makes every update non-HOT; six were ~1/3 of the rollups'
 * cost in an import, this one ~3%.
 */
export const statsTrackTotals = pgTable(
  "stats_track_totals",
  { userId: rollupUser(), trackId: rollupTrack(), ...rollupMeasures() },
  (t) => [
    primaryKey({ columns: [t.userId, t.trackId] }),
    index("stats_track_totals_by_listens_idx").on(t.userId, t.listens.desc().nullsFirst(), t.msKnown.desc().nullsFirst()),
  ],
);

export const statsMonthTracks = pgTable(
  "stats_month_tracks",
  { userId: rollupUser(), month: date("month").notNull(), trackId: rollupTrack(), ...rollupMeasures() },
  (t) => [primaryKey({ columns: [t.userId, t.month, t.trackId] })],
);

/** All-time per PRIMARY artist, with the first counted listen (newArtists). */
export const statsArtistTotals = pgTable(
  "stats_artist_totals",
  {
    userId: rollupUser(),
    artistId: rollupArtist(),
    ...rollupMeasures(),
    firstAt: timestamp("first_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.artistId] })],
);

export const statsMonthArtists = pgTable(
  "stats_month_artists",
  { userId: rollupUser(), month: date("month").notNull(), artistId: rollupArtist(), ...rollupMeasures() },
  (t) => [primaryKey({ columns: [t.userId, t.month, t.artistId] })],
);

/** Plays of tracks without a (known) album are not in the album rollups. */
export const statsAlbumTotals = pgTable(
  "stats_album_totals",
  { userId: rollupUser(), albumId: rollupAlbum(), ...rollupMeasures() },
  (t) => [primaryKey({ columns: [t.userId, t.albumId] })],
);

export const statsMonthAlbums = pgTable(
  "stats_month_albums",
  { userId: rollupUser(), month: date("month").notNull(), albumId: rollupAlbum(), ...rollupMeasures() },
  (t) => [primaryKey({ columns: [t.userId, t.month, t.albumId] })],
);

/** Per local day: activity, streaks, active days, totals of day-aligned windows. */
export const statsDays = pgTable(
  "stats_days",
  { userId: rollupUser(), day: date("day").notNull(), ...rollupMeasures() },
  (t) => [primaryKey({ columns: [t.userId, t.day] })],
);

/** Per local day and hour: the clock over whole days outside whole months. */
export const statsDayHours = pgTable(
  "stats_day_hours",
  { userId: rollupUser(), day: date("day").notNull(), hour: smallint("hour").notNull(), ...rollupMeasures() },
  (t) => [primaryKey({ columns: [t.userId, t.day, t.hour] })],
);

/** Per local month, weekday (ISO − 1) and hour: the clock over whole months (≤ 168 rows a month). */
export const statsMonthClock = pgTable(
  "stats_month_clock",
  {
    userId: rollupUser(),
    month: date("month").notNull(),
    weekday: smallint("weekday").notNull(),
    hour: smallint("hour").notNull(),
    ...rollupMeasures(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.month, t.weekday, t.hour] })],
);
