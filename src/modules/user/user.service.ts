import type { Database } from "../../db/client.js";
import type { UserRow } from "../../db/schema.js";
import { badUserInput, notFound } from "../../platform/errors.js";
import type { Viewer } from "../auth/viewer.js";
import type { UserLoaders } from "./user.loaders.js";
import type { UpdateProfileInput } from "./user.input.js";
import { canViewEmail } from "./user.policy.js";
import { bumpStatsVersion, moveLocalRollups } from "../stats/statsRollup.repository.js";
import { findUserByUsername, findUsersByIds, type ProfilePatch, updateUserProfile } from "./user.repository.js";
import { USERNAME_MAX, validateDisplayName, validateTimezone } from "./user.rules.js";

/** The signed-in user, or null. */
export async function findViewerUser(viewer: Viewer | null, loaders: UserLoaders): Promise<UserRow | null> {
  if (!viewer) return null;
  return loaders.userById.load(viewer.userId);
}

/** Profiles are public (history has its own policy); an impossible username is simply not found. */
export async function findUserProfile(
  viewer: Viewer | null,
  db: Database,
  loaders: UserLoaders,
  username: string,
): Promise<UserRow | null> {
  void viewer;
  if (username.length === 0 || username.length > USERNAME_MAX) return null;
  const user = await findUserByUsername(db, username);
  if (user) loaders.userById.prime(user.id, user);
  return user;
}

/** The caller must have checked `requireSessionViewer`: a profile changes only from a session. */
export async function updateProfile(viewer: Viewer, db: Database, input: UpdateProfileInput): Promise<UserRow> {
  const patch: ProfilePatch = {};
  if (input.displayName !== undefined) patch.displayName = validateDisplayName(input.displayName, "input.displayName");
  if (input.timezone !== undefined) {
    if (input.timezone === null) throw badUserInput("input.timezone", "cannot be null; omit it to keep the current zone");
    patch.timezone = validateTimezone(input.timezone, "input.timezone");
  }
  if (input.visibility !== undefined) {
    if (input.visibility === null) throw badUserInput("input.visibility", "cannot be null; omit it to keep the current visibility");
    patch.visibility = input.visibility;
  }
  const user = (await timezoneChanges(db, viewer.userId, patch))
    ? await db.transaction(async (tx) => {
        // the row locked first, as every listens writer does: the zone read here is the one the
        // stats rollups hold until this commits
        await bumpStatsVersion(tx, [viewer.userId]);
        const [before] = await findUsersByIds(tx, [viewer.userId]);
        const row = await updateUserProfile(tx, viewer.userId, patch);
        // stats months, days and hours are local to the zone
        if (row && before && before.timezone !== row.timezone) await moveLocalRollups(tx, row.id, before.timezone);
        return row;
      })
    : await updateUserProfile(db, viewer.userId, patch);
  if (!user) throw notFound("User"); // the account was deleted while the session was live
  return user;
}

async function timezoneChanges(db: Database, userId: string, patch: ProfilePatch): Promise<boolean> {
  if (patch.timezone === undefined) return false;
  const [current] = await findUsersByIds(db, [userId]);
  return current?.timezone !== patch.timezone;
}

/** The email for its owner only; null for everyone else. */
export function emailFor(viewer: Viewer | null, user: UserRow): string | null {
  return canViewEmail(viewer, user) ? user.email : null;
}
