import type { UserRow } from "../../db/schema.js";
import type { Viewer } from "../auth/viewer.js";

/**
 * May `viewer` read `owner`'s listening history (listens, stats, now playing)? The owner always;
 * others only when the owner is PUBLIC. FOLLOWERS behaves as PRIVATE until follows exist.
 */
export function canViewHistory(viewer: Viewer | null, owner: Pick<UserRow, "id" | "visibility">): boolean {
  if (viewer?.userId === owner.id) return true;
  return owner.visibility === "PUBLIC";
}

/** A user's email is private to them: least privilege, even towards followers. */
export function canViewEmail(viewer: Viewer | null, owner: Pick<UserRow, "id">): boolean {
  return viewer?.userId === owner.id;
}
