import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions, users } from "../../db/schema.js";
import { signUpUser, uniqueUsername } from "../../../test/factories/user.factory.js";
import { startTestServer, type TestServer } from "../../../test/testServer.js";
import { SIGN_IN_ATTEMPTS } from "./signIn.limiter.js";
import { hashToken } from "./token.generator.js";

const SIGN_UP = `mutation ($input: SignUpInput!) { signUp(input: $input) { token expiresAt user { id username timezone } } }`;
const SIGN_IN = `mutation ($input: SignInInput!) { signIn(input: $input) { token expiresAt user { username } } }`;
const ME = `{ me { username } }`;
const DAY_MS = 24 * 60 * 60 * 1000;

function sessionCookie(headers: Headers): string | undefined {
  return headers.getSetCookie().find((cookie) => cookie.startsWith("tonearm_session="));
}

describe("accounts and sessions", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  describe("signUp", () => {
    it("creates the user, returns a 30-day session and sets a hardened cookie", async () => {
      const username = uniqueUsername();
      const response = await server.graphql(SIGN_UP, {
        input: { username, email: `${username}@example.test`, password: "long enough pw", timezone: "Europe/Berlin" },
      });
      expect(response.errors).toBeUndefined();
      const payload = response.data!.signUp;
      expect(payload.user).toMatchObject({ username, timezone: "Europe/Berlin" });
      expect(payload.token).toMatch(/^[a-z2-7]{32}$/);
      expect(new Date(payload.expiresAt).getTime()).toBeGreaterThan(Date.now() + 29 * DAY_MS);

      const cookie = sessionCookie(response.headers)!;
      expect(cookie).toContain(`tonearm_session=${payload.token}`);
      expect(cookie).toMatch(/; HttpOnly/i);
      expect(cookie).toMatch(/; Secure/i);
      expect(cookie).toMatch(/; SameSite=Lax/i);
      expect(cookie).toMatch(/; Path=\//i);

      const me = await server.graphql(ME, {}, { token: payload.token });
      expect(me.data).toEqual({ me: { username } });
    });

    it("defaults the timezone to UTC", async () => {
      const { user } = await signUpUser(server);
      expect(user.timezone).toBe("UTC");
    });

    it("stores an argon2id hash with OWASP parameters, never the password", async () => {
      const { user, password } = await signUpUser(server);
      const [row] = await server.database.db.select().from(users).where(eq(users.username, user.username));
      expect(row!.passwordHash).not.toContain(password);
      const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(row!.passwordHash!);
      expect(match).not.toBeNull();
      expect(Number(match![1])).toBeGreaterThanOrEqual(19456);
      expect(Number(match![2])).toBeGreaterThanOrEqual(2);
    });

    it("stores only the SHA-256 of the session token", async () => {
      const { token, user } = await signUpUser(server);
      const [account] = await server.database.db.select().from(users).where(eq(users.username, user.username));
      const rows = await server.database.db.select().from(sessions).where(eq(sessions.userId, account!.id));
      expect(rows.map((row) => row.id)).toEqual([hashToken(token)]);
      expect(rows[0]!.id).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(rows)).not.toContain(token);
    });

    it.each([
      ["username", { username: "ab" }, "input.username", /3 to 30/],
      ["username", { username: "a".repeat(31) }, "input.username", /3 to 30/],
      ["username", { username: "_leading" }, "input.username", /start with a letter or digit/],
      ["username", { username: "has space" }, "input.username", /only letters/],
      ["email", { email: "not-an-email" }, "input.email", /not a valid email/],
      ["email", { email: `${"a".repeat(250)}@x.io` }, "input.email", /at most 254/],
      ["password", { password: "short" }, "input.password", /at least 8/],
      ["password", { password: "x".repeat(257) }, "input.password", /at most 256/],
      ["timezone", { timezone: "Mars/Olympus" }, "input.timezone", /not an IANA time zone/],
      ["timezone", { timezone: "+01:00" }, "input.timezone", /not an IANA time zone/],
    ])("rejects an invalid %s, naming the field", async (_name, override, field, message) => {
      const username = uniqueUsername();
      const input = { username, email: `${username}@example.test`, password: "long enough pw", ...override };
      const response = await server.graphql(SIGN_UP, { input });
      expect(response.data).toBeNull();
      const error = response.errors![0]!;
      expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
      expect(error.message.startsWith(`${field}: `)).toBe(true);
      expect(error.message).toMatch(message);
    });

    it("refuses a username taken in any letter case", async () => {
      const { username } = await signUpUser(server);
      const response = await server.graphql(SIGN_UP, {
        input: { username: username.toUpperCase(), email: `other-${username}@example.test`, password: "long enough pw" },
      });
      expect(response.errors![0]).toMatchObject({
        message: "input.username: is already taken",
        extensions: { code: "BAD_USER_INPUT", field: "input.username" },
      });
    });

    it("refuses an email in use in any letter case without saying it has an account", async () => {
      const { email } = await signUpUser(server);
      const response = await server.graphql(SIGN_UP, {
        input: { username: uniqueUsername(), email: email.toUpperCase(), password: "long enough pw" },
      });
      expect(response.errors![0]).toMatchObject({
        message: "input.email: cannot be used for a new account",
        extensions: { code: "BAD_USER_INPUT", field: "input.email" },
      });
    });

    it("answers two simultaneous sign-ups for one username with one success and one clear error", async () => {
      const username = uniqueUsername();
      const attempt = (n: number) =>
        server.graphql(SIGN_UP, { input: { username, email: `${username}-${n}@example.test`, password: "long enough pw" } });
      const results = await Promise.all([attempt(1), attempt(2)]);
      expect(results.filter((result) => result.data?.signUp).length).toBe(1);
      const failed = results.find((result) => result.errors)!;
      expect(failed.errors![0]!.message).toBe("input.username: is already taken");
    });
  });

  describe("signIn", () => {
    it("signs in by username or email in any letter case and sets the cookie", async () => {
      const { username, email, password } = await signUpUser(server);
      for (const login of [username, username.toUpperCase(), email, email.toUpperCase()]) {
        const response = await server.graphql(SIGN_IN, { input: { login, password } });
        expect(response.errors).toBeUndefined();
        expect(response.data!.signIn.user.username).toBe(username);
        expect(sessionCookie(response.headers)).toContain(response.data!.signIn.token);
        const me = await server.graphql(ME, {}, { token: response.data!.signIn.token });
        expect(me.data).toEqual({ me: { username } });
      }
    });

    it("gives the same error for a wrong password and an unknown login, in similar time", async () => {
      const { username } = await signUpUser(server);
      const timed = async (login: string) => {
        const start = performance.now();
        const response = await server.graphql(SIGN_IN, { input: { login, password: "wrong password" } });
        return { error: response.errors![0]!, ms: performance.now() - start };
      };
      const wrong = [await timed(username), await timed(username)];
      const unknown = [await timed(uniqueUsername()), await timed(uniqueUsername())];
      for (const { error } of [...wrong, ...unknown]) {
        expect(error).toMatchObject({ message: "Wrong username/email or password", extensions: { code: "UNAUTHENTICATED" } });
      }
      // Both pay for an argon2 verification; a skipped one would be an order of magnitude faster.
      const fastestUnknown = Math.min(...unknown.map((attempt) => attempt.ms));
      const fastestWrong = Math.min(...wrong.map((attempt) => attempt.ms));
      expect(fastestUnknown).toBeGreaterThan(fastestWrong * 0.3);
    });

    it("rate-limits an account after repeated failures by username or email, even with the right password", async () => {
      const { username, email, password } = await signUpUser(server);
      for (let i = 0; i < SIGN_IN_ATTEMPTS; i++) {
        const login = i % 2 === 0 ? username : email;
        const response = await server.graphql(SIGN_IN, { input: { login, password: "wrong password" } });
        expect(response.errors![0]!.extensions!.code).toBe("UNAUTHENTICATED");
      }
      const blocked = await server.graphql(SIGN_IN, { input: { login: username.toUpperCase(), password } });
      expect(blocked.errors![0]!.extensions).toMatchObject({ code: "RATE_LIMITED" });
      expect(blocked.errors![0]!.extensions!.retryAfter).toBeGreaterThan(0);
      expect(blocked.errors![0]!.message).toMatch(/retry in \d+ s/);
    });

    it("rate-limits an unknown login the same way", async () => {
      const login = uniqueUsername();
      for (let i = 0; i < SIGN_IN_ATTEMPTS; i++) {
        await server.graphql(SIGN_IN, { input: { login, password: "wrong password" } });
      }
      const blocked = await server.graphql(SIGN_IN, { input: { login, password: "wrong password" } });
      expect(blocked.errors![0]!.extensions).toMatchObject({ code: "RATE_LIMITED" });
    });

    it("resets the failure count after a successful sign-in", async () => {
      const { username, password } = await signUpUser(server);
      for (let i = 0; i < SIGN_IN_ATTEMPTS - 1; i++) {
        await server.graphql(SIGN_IN, { input: { login: username, password: "wrong password" } });
      }
      expect((await server.graphql(SIGN_IN, { input: { login: username, password } })).errors).toBeUndefined();
      const again = await server.graphql(SIGN_IN, { input: { login: username, password: "wrong password" } });
      expect(again.errors![0]!.extensions!.code).toBe("UNAUTHENTICATED");
    });
  });

  describe("authentication", () => {
    it("accepts the session cookie", async () => {
      const { token, username } = await signUpUser(server);
      const response = await server.graphql(ME, {}, { headers: { cookie: `tonearm_session=${token}` } });
      expect(response.data).toEqual({ me: { username } });
    });

    it("treats a bad cookie as signed out and clears it, without failing the request", async () => {
      const response = await server.graphql(ME, {}, { headers: { cookie: "tonearm_session=abcdefghijklmnopqrstuvwxyz234567" } });
      expect(response.status).toBe(200);
      expect(response.data).toEqual({ me: null });
      const cleared = sessionCookie(response.headers)!;
      expect(cleared).toMatch(/^tonearm_session=;/);
      expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/);
    });

    it.each(["Basic dXNlcjpwYXNz", "Bearer", "bearer a b", "Token"])("rejects the Authorization header %j", async (authorization) => {
      const response = await server.graphql(ME, {}, { authorization });
      expect(response.status).toBe(401);
      expect(response.errors![0]).toMatchObject({
        message: "Authorization header must be 'Bearer <session token>' or 'Token <api token>'",
        extensions: { code: "UNAUTHENTICATED" },
      });
    });

    it("rejects an unknown Bearer token", async () => {
      const response = await server.graphql(ME, {}, { token: "abcdefghijklmnopqrstuvwxyz234567" });
      expect(response.status).toBe(401);
      expect(response.errors![0]!.extensions!.code).toBe("UNAUTHENTICATED");
      expect(response.errors![0]!.message).toMatch(/expired or revoked/);
    });

    it("rejects an expired session and deletes it", async () => {
      const { token } = await signUpUser(server);
      const id = hashToken(token);
      await server.database.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, id));
      const response = await server.graphql(ME, {}, { token });
      expect(response.status).toBe(401);
      expect(response.errors![0]).toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
      expect(response.errors![0]!.message).toMatch(/expired or revoked/);
      expect(await server.database.db.select().from(sessions).where(eq(sessions.id, id))).toEqual([]);
    });

    it("extends a session used with less than 15 days left to 30 days, re-setting the cookie", async () => {
      const { token, username } = await signUpUser(server);
      const id = hashToken(token);
      await server.database.db.update(sessions).set({ expiresAt: new Date(Date.now() + 10 * DAY_MS) }).where(eq(sessions.id, id));

      const response = await server.graphql(ME, {}, { headers: { cookie: `tonearm_session=${token}` } });
      expect(response.data).toEqual({ me: { username } });
      const [row] = await server.database.db.select().from(sessions).where(eq(sessions.id, id));
      expect(row!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * DAY_MS);
      const cookie = sessionCookie(response.headers)!;
      expect(cookie).toContain(`tonearm_session=${token}`);
      const expires = new Date(/Expires=([^;]+)/i.exec(cookie)![1]!);
      expect(expires.getTime()).toBeGreaterThan(Date.now() + 29 * DAY_MS);
    });

    it("does not touch a session with more than 15 days left", async () => {
      const { token } = await signUpUser(server);
      const id = hashToken(token);
      const expiresAt = new Date(Date.now() + 20 * DAY_MS);
      await server.database.db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id));
      const response = await server.graphql(ME, {}, { headers: { cookie: `tonearm_session=${token}` } });
      expect(sessionCookie(response.headers)).toBeUndefined();
      const [row] = await server.database.db.select().from(sessions).where(eq(sessions.id, id));
      expect(row!.expiresAt.getTime()).toBe(expiresAt.getTime());
    });
  });

  describe("signOut", () => {
    it("ends the current session only, clears the cookie, and the token stops working", async () => {
      const { token, username, password } = await signUpUser(server);
      const other = await server.graphql(SIGN_IN, { input: { login: username, password } });
      const response = await server.graphql(`mutation { signOut }`, {}, { token });
      expect(response.data).toEqual({ signOut: true });
      expect(sessionCookie(response.headers)).toMatch(/^tonearm_session=;/);

      const revoked = await server.graphql(ME, {}, { token });
      expect(revoked.status).toBe(401);
      expect(revoked.errors![0]!.extensions!.code).toBe("UNAUTHENTICATED");
      const still = await server.graphql(ME, {}, { token: other.data!.signIn.token });
      expect(still.data).toEqual({ me: { username } });
    });

    it("returns false when signed out already", async () => {
      const response = await server.graphql(`mutation { signOut }`);
      expect(response.data).toEqual({ signOut: false });
    });

    it("signOutEverywhere ends every session and returns how many", async () => {
      const { token, username, password } = await signUpUser(server);
      const second = await server.graphql(SIGN_IN, { input: { login: username, password } });
      const third = await server.graphql(SIGN_IN, { input: { login: username, password } });
      const response = await server.graphql(`mutation { signOutEverywhere }`, {}, { token });
      expect(response.data).toEqual({ signOutEverywhere: 3 });
      for (const t of [token, second.data!.signIn.token, third.data!.signIn.token]) {
        expect((await server.graphql(ME, {}, { token: t })).status).toBe(401);
      }
    });

    it("signOutEverywhere needs a viewer", async () => {
      const response = await server.graphql(`mutation { signOutEverywhere }`);
      expect(response.errors![0]!.extensions!.code).toBe("UNAUTHENTICATED");
    });
  });

  describe("graphql-ws", () => {
    function runOnce(client: ReturnType<TestServer["wsClient"]>, query: string) {
      return new Promise<unknown>((resolve, reject) => {
        let result: unknown;
        client.subscribe({ query }, { next: (value) => (result = value), error: reject, complete: () => resolve(result) });
      });
    }

    it("authenticates a connection with a Bearer session token", async () => {
      const { token, username } = await signUpUser(server);
      const client = server.wsClient({ authorization: `Bearer ${token}` });
      expect(await runOnce(client, ME)).toEqual({ data: { me: { username } } });
    });

    it("closes the socket with 4403 for a bad token", async () => {
      const client = server.wsClient({ authorization: "Bearer abcdefghijklmnopqrstuvwxyz234567" });
      const error = await runOnce(client, ME).then(
        () => null,
        (reason: unknown) => reason,
      );
      expect((error as { code?: number }).code).toBe(4403);
    });
  });
});
