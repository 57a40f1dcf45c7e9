import type { Database } from "../../db/client.js";
import type { Viewer } from "./viewer.js";

export type Credentials = {
  /** the raw Authorization header: "Bearer <session token>" or "Token <api token>" */
  authorization?: string | undefined;
  /** the session cookie's value, from browsers */
  cookieToken?: string | undefined;
};

export type AuthenticationResult = {
  viewer: Viewer | null;
  /** a cookie was sent but names no live session: the server should clear it */
  clearCookie: boolean;
};

/** TEMPORARY until the accounts module lands: nobody is signed in. */
export async function authenticate(db: Database, credentials: Credentials): Promise<AuthenticationResult> {
  void db;
  void credentials;
  return { viewer: null, clearCookie: false };
}
