import type { Context } from "../../server/context.js";
import { StatsService } from "./stats.service.js";

/** The stats service over this operation's database and the app's stats cache. */
export function statsServiceFor(ctx: Context): StatsService {
  return new StatsService({ db: ctx.db, cache: ctx.cache });
}
