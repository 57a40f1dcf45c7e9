DROP INDEX "stats_track_totals_by_listens_idx";--> statement-breakpoint
ALTER TABLE "stats_track_totals" DROP COLUMN "first_at";--> statement-breakpoint
ALTER TABLE "stats_track_totals" DROP COLUMN "last_at";