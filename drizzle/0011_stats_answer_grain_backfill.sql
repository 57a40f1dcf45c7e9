-- Rollups at the grain of the answers (drizzle/0009): rebuilt from listens for every user, with
-- ms_known = the play's own length, else its track's duration, else 0 (unknown_ms counts the last
-- kind until the catalog learns the duration: see stats_track_learned below).
TRUNCATE "stats_track_totals", "stats_month_tracks", "stats_day_hours";
--> statement-breakpoint
CREATE TEMPORARY TABLE "rollup_facts" AS
SELECT l."user_id", l."track_id", t."primary_artist_id" AS "artist_id", t."album_id", l."played_at",
       l."played_at" AT TIME ZONE u."timezone" AS "local_at",
       coalesce(l."ms_played", t."duration_ms", 0)::bigint AS "ms_known",
       (l."ms_played" IS NULL AND t."duration_ms" IS NULL)::int AS "unknown_ms"
FROM "listens" l JOIN "users" u ON u."id" = l."user_id" JOIN "tracks" t ON t."id" = l."track_id"
WHERE l."counted";
--> statement-breakpoint
INSERT INTO "stats_track_totals" ("user_id", "track_id", "listens", "ms_known", "unknown_ms")
SELECT "user_id", "track_id", count(*)::int, sum("ms_known")::bigint, sum("unknown_ms")::int
FROM "rollup_facts" GROUP BY 1, 2 ORDER BY 1, 2;
--> statement-breakpoint
INSERT INTO "stats_month_tracks" ("user_id", "month", "track_id", "listens", "ms_known", "unknown_ms")
SELECT "user_id", date_trunc('month', "local_at")::date, "track_id", count(*)::int, sum("ms_known")::bigint, sum("unknown_ms")::int
FROM "rollup_facts" GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO "stats_artist_totals" ("user_id", "artist_id", "listens", "ms_known", "unknown_ms", "first_at")
SELECT "user_id", "artist_id", count(*)::int, sum("ms_known")::bigint, sum("unknown_ms")::int, min("played_at")
FROM "rollup_facts" GROUP BY 1, 2 ORDER BY 1, 2;
--> statement-breakpoint
INSERT INTO "stats_month_artists" ("user_id", "month", "artist_id", "listens", "ms_known", "unknown_ms")
SELECT "user_id", date_trunc('month', "local_at")::date, "artist_id", count(*)::int, sum("ms_known")::bigint, sum("unknown_ms")::int
FROM "rollup_facts" GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO "stats_album_totals" ("user_id", "album_id", "listens", "ms_known", "unknown_ms")
SELECT "user_id", "album_id", count(*)::int, sum("ms_known")::bigint, sum("unknown_ms")::int
FROM "rollup_facts" WHERE "album_id" IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2;
--> statement-breakpoint
INSERT INTO "stats_month_albums" ("user_id", "month", "album_id", "listens", "ms_known", "unknown_ms")
SELECT "user_id", date_trunc('month', "local_at")::date, "album_id", count(*)::int, sum("ms_known")::bigint, sum("unknown_ms")::int
FROM "rollup_facts" WHERE "album_id" IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO "stats_days" ("user_id", "day", "listens", "ms_known", "unknown_ms")
SELECT "user_id", "local_at"::date, count(*)::int, sum("ms_known")::bigint, sum("unknown_ms")::int
FROM "rollup_facts" GROUP BY 1, 2 ORDER BY 1, 2;
--> statement-breakpoint
INSERT INTO "stats_day_hours" ("user_id", "day", "hour", "listens", "ms_known", "unknown_ms")
SELECT "user_id", "local_at"::date, extract(hour FROM "local_at")::smallint, count(*)::int, sum("ms_known")::bigint, sum("unknown_ms")::int
FROM "rollup_facts" GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO "stats_month_clock" ("user_id", "month", "weekday", "hour", "listens", "ms_known", "unknown_ms")
SELECT "user_id", date_trunc('month', "local_at")::date, (extract(isodow FROM "local_at") - 1)::smallint,
       extract(hour FROM "local_at")::smallint, count(*)::int, sum("ms_known")::bigint, sum("unknown_ms")::int
FROM "rollup_facts" GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4;
--> statement-breakpoint
DROP TABLE "rollup_facts";
--> statement-breakpoint
-- The catalog fills a track's duration and album once (null → value, trackResolution.repository
-- fillTracks). Rollups already hold the track's plays, so they are corrected here, in the same
-- transaction as the fill, for every write path: plays stored without any length now last the
-- duration (unknown_ms → ms_known), and a track's plays join its newly known album.
CREATE FUNCTION "stats_track_learned"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."duration_ms" IS NULL AND NEW."duration_ms" IS NOT NULL THEN
    -- per-listen grains first (they need the plays' local times), then what is keyed by track
    WITH "plays" AS (
      SELECT l."user_id", l."played_at" AT TIME ZONE u."timezone" AS "local_at"
      FROM "stats_track_totals" s
      JOIN "listens" l ON l."user_id" = s."user_id" AND l."track_id" = s."track_id"
      JOIN "users" u ON u."id" = s."user_id"
      WHERE s."track_id" = NEW."id" AND s."unknown_ms" > 0 AND l."counted" AND l."ms_played" IS NULL
    ),
    "days" AS (
      UPDATE "stats_days" r SET "ms_known" = r."ms_known" + p."n"::bigint * NEW."duration_ms", "unknown_ms" = r."unknown_ms" - p."n"
      FROM (SELECT "user_id", "local_at"::date AS "day", count(*)::int AS "n" FROM "plays" GROUP BY 1, 2) p
      WHERE r."user_id" = p."user_id" AND r."day" = p."day"
    ),
    "hours" AS (
      UPDATE "stats_day_hours" r SET "ms_known" = r."ms_known" + p."n"::bigint * NEW."duration_ms", "unknown_ms" = r."unknown_ms" - p."n"
      FROM (SELECT "user_id", "local_at"::date AS "day", extract(hour FROM "local_at")::smallint AS "hour", count(*)::int AS "n"
            FROM "plays" GROUP BY 1, 2, 3) p
      WHERE r."user_id" = p."user_id" AND r."day" = p."day" AND r."hour" = p."hour"
    )
    UPDATE "stats_month_clock" r SET "ms_known" = r."ms_known" + p."n"::bigint * NEW."duration_ms", "unknown_ms" = r."unknown_ms" - p."n"
    FROM (SELECT "user_id", date_trunc('month', "local_at")::date AS "month", (extract(isodow FROM "local_at") - 1)::smallint AS "weekday",
                 extract(hour FROM "local_at")::smallint AS "hour", count(*)::int AS "n"
          FROM "plays" GROUP BY 1, 2, 3, 4) p
    WHERE r."user_id" = p."user_id" AND r."month" = p."month" AND r."weekday" = p."weekday" AND r."hour" = p."hour";

    UPDATE "stats_artist_totals" r SET "ms_known" = r."ms_known" + s."unknown_ms"::bigint * NEW."duration_ms", "unknown_ms" = r."unknown_ms" - s."unknown_ms"
    FROM "stats_track_totals" s
    WHERE s."track_id" = NEW."id" AND s."unknown_ms" > 0 AND r."user_id" = s."user_id" AND r."artist_id" = NEW."primary_artist_id";
    UPDATE "stats_month_artists" r SET "ms_known" = r."ms_known" + s."unknown_ms"::bigint * NEW."duration_ms", "unknown_ms" = r."unknown_ms" - s."unknown_ms"
    FROM "stats_month_tracks" s
    WHERE s."track_id" = NEW."id" AND s."unknown_ms" > 0 AND r."user_id" = s."user_id" AND r."month" = s."month" AND r."artist_id" = NEW."primary_artist_id";
    IF OLD."album_id" IS NOT NULL THEN
      UPDATE "stats_album_totals" r SET "ms_known" = r."ms_known" + s."unknown_ms"::bigint * NEW."duration_ms", "unknown_ms" = r."unknown_ms" - s."unknown_ms"
      FROM "stats_track_totals" s
      WHERE s."track_id" = NEW."id" AND s."unknown_ms" > 0 AND r."user_id" = s."user_id" AND r."album_id" = OLD."album_id";
      UPDATE "stats_month_albums" r SET "ms_known" = r."ms_known" + s."unknown_ms"::bigint * NEW."duration_ms", "unknown_ms" = r."unknown_ms" - s."unknown_ms"
      FROM "stats_month_tracks" s
      WHERE s."track_id" = NEW."id" AND s."unknown_ms" > 0 AND r."user_id" = s."user_id" AND r."month" = s."month" AND r."album_id" = OLD."album_id";
    END IF;
    UPDATE "stats_track_totals" SET "ms_known" = "ms_known" + "unknown_ms"::bigint * NEW."duration_ms", "unknown_ms" = 0
    WHERE "track_id" = NEW."id" AND "unknown_ms" > 0;
    UPDATE "stats_month_tracks" SET "ms_known" = "ms_known" + "unknown_ms"::bigint * NEW."duration_ms", "unknown_ms" = 0
    WHERE "track_id" = NEW."id" AND "unknown_ms" > 0;
  END IF;

  IF OLD."album_id" IS NULL AND NEW."album_id" IS NOT NULL THEN
    INSERT INTO "stats_album_totals" AS r ("user_id", "album_id", "listens", "ms_known", "unknown_ms")
    SELECT "user_id", NEW."album_id", "listens", "ms_known", "unknown_ms" FROM "stats_track_totals" WHERE "track_id" = NEW."id"
    ON CONFLICT ("user_id", "album_id") DO UPDATE SET "listens" = r."listens" + excluded."listens",
      "ms_known" = r."ms_known" + excluded."ms_known", "unknown_ms" = r."unknown_ms" + excluded."unknown_ms";
    INSERT INTO "stats_month_albums" AS r ("user_id", "month", "album_id", "listens", "ms_known", "unknown_ms")
    SELECT "user_id", "month", NEW."album_id", "listens", "ms_known", "unknown_ms" FROM "stats_month_tracks" WHERE "track_id" = NEW."id"
    ON CONFLICT ("user_id", "month", "album_id") DO UPDATE SET "listens" = r."listens" + excluded."listens",
      "ms_known" = r."ms_known" + excluded."ms_known", "unknown_ms" = r."unknown_ms" + excluded."unknown_ms";
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "stats_track_learned" AFTER UPDATE OF "duration_ms", "album_id" ON "tracks"
FOR EACH ROW WHEN ((OLD."duration_ms" IS NULL AND NEW."duration_ms" IS NOT NULL) OR (OLD."album_id" IS NULL AND NEW."album_id" IS NOT NULL))
EXECUTE FUNCTION "stats_track_learned"();
