DROP INDEX "stats_album_totals_by_listens_idx";--> statement-breakpoint
DROP INDEX "stats_album_totals_by_ms_idx";--> statement-breakpoint
DROP INDEX "stats_artist_totals_by_listens_idx";--> statement-breakpoint
DROP INDEX "stats_artist_totals_by_ms_idx";--> statement-breakpoint
DROP INDEX "stats_track_totals_by_ms_idx";