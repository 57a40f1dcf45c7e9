import type { NodeFetcher } from "../../server/module.js";

/**
 * `node(id)` and federation `_entities` for User. Profile fields are public, so any user may be
 * fetched; viewer-dependent fields (email, history) guard themselves.
 */
export const fetchUserNode: NodeFetcher = (ctx, key) => ctx.loaders.users.userById.load(key);
