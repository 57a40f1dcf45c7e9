import type { Context } from "../../server/context.js";
import type { NodeFetcher } from "../../server/module.js";
import { ListenService } from "./listen.service.js";

/** The listen service over this operation's database and loaders. */
export function listenServiceFor(ctx: Context): ListenService {
  return new ListenService({
    db: ctx.db,
    loaders: ctx.loaders.listens,
    primeTracks: (tracks) => ctx.loaders.catalog.primeTracks(tracks),
    pubsub: ctx.pubsub,
    logger: ctx.logger,
  });
}

/** node(id) and federation `_entities` for Listen: null unless the viewer may see its owner's history. */
export const fetchListenNode: NodeFetcher = (ctx, key) => listenServiceFor(ctx).findVisible(ctx.viewer, Number(key));
