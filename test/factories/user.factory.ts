import { randomBytes } from "node:crypto";
import { SignUpDocument } from "../generated/graphql.js";
import type { TestServer } from "../testServer.js";

export type TestUser = {
  /** session token: pass as `{ token }` to server.graphql */
  token: string;
  user: { id: string; username: string; displayName: string | null; timezone: string; visibility: string; createdAt: string };
  username: string;
  email: string;
  password: string;
};

export type SignUpOverrides = Partial<{ username: string; email: string; password: string; timezone: string }>;

/** A username no other test uses: tests own their data and can run in any order. */
export function uniqueUsername(prefix = "u"): string {
  return `${prefix}${randomBytes(6).toString("hex")}`;
}


/** Signs a new user up through the API and returns their session token. Throws if sign-up fails. */
export async function signUpUser(server: TestServer, overrides: SignUpOverrides = {}): Promise<TestUser> {
  const username = overrides.username ?? uniqueUsername();
  const input = {
    username,
    email: overrides.email ?? `${username}@example.test`,
    password: overrides.password ?? "correct horse battery staple",
    ...(overrides.timezone ? { timezone: overrides.timezone } : {}),
  };
  const response = await server.graphql(SignUpDocument, { input });
  if (!response.data?.signUp) throw new Error(`signUp failed: ${JSON.stringify(response.errors)}`);
  return { token: response.data.signUp.token, user: response.data.signUp.user, ...input };
}
