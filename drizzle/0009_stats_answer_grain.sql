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
ALTER TABLE "stats_album_totals" ADD CONSTRAINT "stats_album_totals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stats_album_totals" ADD CONSTRAINT "stats_album_totals_album_id_albums_id_fk" FOREIGN KEY ("album_id") REFERENCES "public"."albums"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stats_artist_totals" ADD CONSTRAINT "stats_artist_totals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stats_artist_totals" ADD CONSTRAINT "stats_artist_totals_artist_id_artists_id_fk" FOREIGN KEY ("artist_id") REFERENCES "public"."artists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stats_days" ADD CONSTRAINT "stats_days_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stats_month_albums" ADD CONSTRAINT "stats_month_albums_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stats_month_albums" ADD CONSTRAINT "stats_month_albums_album_id_albums_id_fk" FOREIGN KEY ("album_id") REFERENCES "public"."albums"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stats_month_artists" ADD CONSTRAINT "stats_month_artists_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stats_month_artists" ADD CONSTRAINT "stats_month_artists_artist_id_artists_id_fk" FOREIGN KEY ("artist_id") REFERENCES "public"."artists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stats_month_clock" ADD CONSTRAINT "stats_month_clock_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;