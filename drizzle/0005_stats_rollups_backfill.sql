-- Stats rollups for listens stored before the rollup tables existed (statsRollup.repository.ts
-- maintains them from here on). Counted listens only; local keys in each owner's zone.
INSERT INTO "stats_track_totals" ("user_id", "track_id", "listens", "ms_known", "unknown_ms", "first_at", "last_at")
SELECT "user_id", "track_id", count(*)::int, sum(coalesce("ms_played", 0))::bigint, count(*) FILTER (WHERE "ms_played" IS NULL)::int,
       min("played_at"), max("played_at")
FROM "listens" WHERE "counted" GROUP BY 1, 2;
--> statement-breakpoint
INSERT INTO "stats_month_tracks" ("user_id", "month", "track_id", "listens", "ms_known", "unknown_ms")
SELECT l."user_id", date_trunc('month', l."played_at" AT TIME ZONE u."timezone")::date, l."track_id", count(*)::int,
       sum(coalesce(l."ms_played", 0))::bigint, count(*) FILTER (WHERE l."ms_played" IS NULL)::int
FROM "listens" l JOIN "users" u ON u."id" = l."user_id" WHERE l."counted" GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO "stats_day_tracks" ("user_id", "day", "track_id", "listens", "ms_known", "unknown_ms")
SELECT l."user_id", (l."played_at" AT TIME ZONE u."timezone")::date, l."track_id", count(*)::int,
       sum(coalesce(l."ms_played", 0))::bigint, count(*) FILTER (WHERE l."ms_played" IS NULL)::int
FROM "listens" l JOIN "users" u ON u."id" = l."user_id" WHERE l."counted" GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO "stats_day_hours" ("user_id", "day", "hour", "listens", "ms_known", "unknown_ms")
SELECT l."user_id", (l."played_at" AT TIME ZONE u."timezone")::date, extract(hour FROM l."played_at" AT TIME ZONE u."timezone")::smallint,
       count(*)::int, sum(coalesce(l."ms_played", 0))::bigint, count(*) FILTER (WHERE l."ms_played" IS NULL)::int
FROM "listens" l JOIN "users" u ON u."id" = l."user_id" WHERE l."counted" GROUP BY 1, 2, 3;
