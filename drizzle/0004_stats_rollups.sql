CREATE TABLE "stats_day_hours" (
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"hour" smallint NOT NULL,
	"listens" integer NOT NULL,
	"ms_known" bigint NOT NULL,
	"unknown_ms" integer NOT NULL,
	CONSTRAINT "stats_day_hours_user_id_day_hour_pk" PRIMARY KEY("user_id","day","hour")
);
--> statement-breakpoint
CREATE TABLE "stats_day_tracks" (
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"track_id" uuid NOT NULL,
	"listens" integer NOT NULL,
	"ms_known" bigint NOT NULL,
	"unknown_ms" integer NOT NULL,
	CONSTRAINT "stats_day_tracks_user_id_day_track_id_pk" PRIMARY KEY("user_id","day","track_id")
);
--> statement-breakpoint
CREATE TABLE "stats_month_tracks" (
	"user_id" uuid NOT NULL,
	"month" date NOT NULL,
	"track_id" uuid NOT NULL,
	"listens" integer NOT NULL,
	"ms_known" bigint NOT NULL,
	"unknown_ms" integer NOT NULL,
	CONSTRAINT "stats_month_tracks_user_id_month_track_id_pk" PRIMARY KEY("user_id","month","track_id")
);
--> statement-breakpoint
CREATE TABLE "stats_track_totals" (
	"user_id" uuid NOT NULL,
	"track_id" uuid NOT NULL,
	"listens" integer NOT NULL,
	"ms_known" bigint NOT NULL,
	"unknown_ms" integer NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	CONSTRAINT "stats_track_totals_user_id_track_id_pk" PRIMARY KEY("user_id","track_id")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "stats_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "stats_day_hours" ADD CONSTRAINT "stats_day_hours_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stats_day_tracks" ADD CONSTRAINT "stats_day_tracks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stats_day_tracks" ADD CONSTRAINT "stats_day_tracks_track_id_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."tracks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stats_month_tracks" ADD CONSTRAINT "stats_month_tracks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stats_month_tracks" ADD CONSTRAINT "stats_month_tracks_track_id_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."tracks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stats_track_totals" ADD CONSTRAINT "stats_track_totals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stats_track_totals" ADD CONSTRAINT "stats_track_totals_track_id_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."tracks"("id") ON DELETE no action ON UPDATE no action;