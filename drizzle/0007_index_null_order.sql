DROP INDEX "imports_user_created_idx";--> statement-breakpoint
DROP INDEX "listens_user_played_at_idx";--> statement-breakpoint
CREATE INDEX "imports_user_created_idx" ON "imports" USING btree ("user_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "listens_user_played_at_idx" ON "listens" USING btree ("user_id","played_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);