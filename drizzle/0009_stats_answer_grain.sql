CREATE TABLE "stats_album_totals" (
	"user_id" uuid NOT NULL,
	"album_id" uuid NOT NULL,
	"listens" integer NOT NULL,
	"ms_known" bigint NOT NULL,
	"unknown_ms" integer NOT NULL,
	CONSTRAINT "stats_album_totals_user_id_album_id_pk" PRIMARY KEY("user_id","album_id")
);
--> statement-breakpoint
CREATE TABLE "stats_artist_totals" (
	"user_id" uuid NOT NULL,
	"artist_id" uuid NOT NULL,
	"listens" integer NOT NULL,
	"ms_known" bigint NOT NULL,
	"unknown_ms" integer NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	CONSTRAINT "stats_artist_totals_user_id_artist_id_pk" PRIMARY KEY("user_id","artist_id")
);
--> statement-breakpoint
CREATE TABLE "stats_days" (
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"listens" integer NOT NULL,
	"ms_known" bigint NOT NULL,
	"unknown_ms" integer NOT NULL,
	CONSTRAINT "stats_days_user_id_day_pk" PRIMARY KEY("user_id","day")
);
--> statement-breakpoint
CREATE TABLE "stats_month_albums" (
	"user_id" uuid NOT NULL,
	"month" date NOT NULL,
	"album_id" uuid NOT NULL,
	"listens" integer NOT NULL,
	"ms_known" bigint NOT NULL,
	"unknown_ms" integer NOT NULL,
	CONSTRAINT "stats_month_albums_user_id_month_album_id_pk" PRIMARY KEY("user_id","month","album_id")
);
--> statement-breakpoint
CREATE TABLE "stats_month_artists" (
	"user_id" uuid NOT NULL,
	"month" date NOT NULL,
	"artist_id" uuid NOT NULL,
	"listens" integer NOT NULL,
	"ms_known" bigint NOT NULL,
	"unknown_ms" integer NOT NULL,
	CONSTRAINT "stats_month_artists_user_id_month_artist_id_pk" PRIMARY KEY("user_id","month","artist_id")
);
--> statement-breakpoint
CREATE TABLE "stats_month_clock" (
	"user_id" uuid NOT NULL,
	"month" date NOT NULL,
	"weekday" smallint NOT NULL,
	"hour" smallint NOT NULL,
	"listens" integer NOT NULL,
	"ms_known" bigint NOT NULL,
	"unknown_ms" integer NOT NULL,
	CONSTRAINT "stats_month_clock_user_id_month_weekday_hour_pk" PRIMARY KEY("user_id","month","weekday","hour")
);
--> statement-breakpoint
ALTER TABLE "stats_day_hours" DROP CONSTRAINT "stats_day_hours_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "stats_day_tracks" DROP CONSTRAINT "stats_day_tracks_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "stats_day_tracks" DROP CONSTRAINT "stats_day_tracks_track_id_tracks_id_fk";
--> statement-breakpoint
ALTER TABLE "stats_month_tracks" DROP CONSTRAINT "stats_month_tracks_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "stats_month_tracks" DROP CONSTRAINT "stats_month_tracks_track_id_tracks_id_fk";
--> statement-breakpoint
ALTER TABLE "stats_track_totals" DROP CONSTRAINT "stats_track_totals_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "stats_track_totals" DROP CONSTRAINT "stats_track_totals_track_id_tracks_id_fk";
--> statement-breakpoint
CREATE INDEX "stats_track_totals_by_listens_idx" ON "stats_track_totals" USING btree ("user_id","listens" DESC NULLS FIRST,"ms_known" DESC NULLS FIRST);--> statement-breakpoint
ALTER TABLE "stats_track_totals" DROP COLUMN "first_at";--> statement-breakpoint
ALTER TABLE "stats_track_totals" DROP COLUMN "last_at";