ALTER TABLE "stats_day_tracks" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "stats_day_tracks" CASCADE;--> statement-breakpoint
DROP INDEX "stats_day_hours_unknown_ms_idx";