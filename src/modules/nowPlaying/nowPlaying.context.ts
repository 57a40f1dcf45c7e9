import type { Context } from "../../server/context.js";
import { NowPlayingService } from "./nowPlaying.service.js";

/** The now-playing service over this operation's database and loaders. */
export function nowPlayingServiceFor(ctx: Context): NowPlayingService {
  return new NowPlayingService({ db: ctx.db, loaders: ctx.loaders.nowPlaying });
}
