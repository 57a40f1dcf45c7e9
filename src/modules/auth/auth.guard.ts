import { forbidden, unauthenticated } from "../../platform/errors.js";
import type { Viewer } from "./viewer.js";

/** The one auth guard: the signed-in viewer, or UNAUTHENTICATED. */
export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticated();
  return viewer;
}

/**
 * Account management (tokens, profile, sessions) needs a session: an API token is for
 * scrobbling clients and scripts, and must not be able to mint more tokens or change the account.
 */
export function requireSessionViewer(viewer: Viewer | null): Viewer {
  const signedIn = requireViewer(viewer);
  if (signedIn.via !== "session") throw forbidden("This needs a signed-in session, not an API token");
  return signedIn;
}
