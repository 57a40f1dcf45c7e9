ALTER TABLE "stats_album_totals" DROP CONSTRAINT "stats_album_totals_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "stats_album_totals" DROP CONSTRAINT "stats_album_totals_album_id_albums_id_fk";
--> statement-breakpoint
ALTER TABLE "stats_artist_totals" DROP CONSTRAINT "stats_artist_totals_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "stats_artist_totals" DROP CONSTRAINT "stats_artist_totals_artist_id_artists_id_fk";
--> statement-breakpoint
ALTER TABLE "stats_day_hours" DROP CONSTRAINT "stats_day_hours_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "stats_days" DROP CONSTRAINT "stats_days_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "stats_month_albums" DROP CONSTRAINT "stats_month_albums_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "stats_month_albums" DROP CONSTRAINT "stats_month_albums_album_id_albums_id_fk";
--> statement-breakpoint
ALTER TABLE "stats_month_artists" DROP CONSTRAINT "stats_month_artists_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "stats_month_artists" DROP CONSTRAINT "stats_month_artists_artist_id_artists_id_fk";
--> statement-breakpoint
ALTER TABLE "stats_month_clock" DROP CONSTRAINT "stats_month_clock_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "stats_month_tracks" DROP CONSTRAINT "stats_month_tracks_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "stats_month_tracks" DROP CONSTRAINT "stats_month_tracks_track_id_tracks_id_fk";
--> statement-breakpoint
ALTER TABLE "stats_track_totals" DROP CONSTRAINT "stats_track_totals_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "stats_track_totals" DROP CONSTRAINT "stats_track_totals_track_id_tracks_id_fk";
