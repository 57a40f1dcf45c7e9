import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../../test/factories/apiToken.factory.js";
import { signUpUser, type TestUser } from "../../../test/factories/user.factory.js";
import { startTestServer, type TestServer } from "../../../test/testServer.js";

type Answer = { status: number; body: any; headers: Headers };

const HISTORY = `{ history(first: 50) { totalCount edges { node { playedAt msPlayed source platform track { title durationMs } } } } }`;
const NOW_PLAYING = `query ($username: String!) { user(username: $username) { nowPlaying { startedAt track { title } user { username } } } }`;
const SET_PRIVATE = `mutation { updateProfile(input: { visibility: PRIVATE }) { visibility } }`;
const SET_PUBLIC = `mutation { updateProfile(input: { visibility: PUBLIC }) { visibility } }`;

const nowSeconds = () => Math.floor(Date.now() / 1000);
const listen = (listenedAt: number, title = "Song", extra: Record<string, unknown> = {}) => ({
  listened_at: listenedAt,
  track_metadata: { artist_name: "The Band", track_name: title, release_name: "The Album", additional_info: extra },
});

describe("ListenBrainz-compatible API", () => {
  let server: TestServer;
  let alice: TestUser;
  let aliceToken: string;

  beforeAll(async () => {
    // Many anonymous reads share one per-IP budget here; the limit itself is listenbrainz.rateLimit.test.ts's.
    server = await startTestServer({ LISTENBRAINZ_RATE_LIMIT: "10000" });
    alice = await signUpUser(server);
    aliceToken = await createApiToken(server, alice.token);
  });
  afterAll(async () => {
    await server.close();
  });

  async function call(method: string, path: string, options: { body?: unknown; token?: string | null; authorization?: string; contentType?: string } = {}): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (options.authorization !== undefined) headers.authorization = options.authorization;
    else if (options.token !== null) headers.authorization = `Token ${options.token ?? aliceToken}`;
    if (options.body !== undefined) headers["content-type"] = options.contentType ?? "application/json";
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
  }
  const submit = (body: unknown, options: { token?: string | null; authorization?: string; contentType?: string } = {}) =>
    call("POST", "/1/submit-listens", { ...options, body });

  async function historyOf(user: TestUser) {
    const response = await server.graphql(HISTORY, {}, { token: user.token });
    expect(response.errors).toBeUndefined();
    return response.data!.history as { totalCount: number; edges: { node: any }[] };
  }

  it("stores a single listen through the same path as GraphQL (source SCROBBLE_API), mapping additional_info", async () => {
    const user = await signUpUser(server);
    const token = await createApiToken(server, user.token);
    const at = nowSeconds() - 600;
    const answer = await submit(
      {
        listen_type: "single",
        payload: [listen(at, "Mapped", { duration_ms: 201_000, duration_played: 150, media_player: "Navidrome", isrc: "USRC17607839", unknown_key: [1, 2] })],
      },
      { token },
    );
    expect(answer).toMatchObject({ status: 200, body: { status: "ok" } });
    const history = await historyOf(user);
    expect(history.totalCount).toBe(1);
    expect(history.edges[0]!.node).toMatchObject({
      playedAt: new Date(at * 1000).toISOString(),
      msPlayed: 150_000,
      source: "SCROBBLE_API",
      platform: "Navidrome",
      track: { title: "Mapped", durationMs: 201_000 },
    });

    // The same listen again is a duplicate: accepted, not stored twice.
    expect((await submit({ listen_type: "single", payload: [listen(at, "Mapped")] }, { token })).status).toBe(200);
    expect((await historyOf(user)).totalCount).toBe(1);
  });

  it("stores imports of many listens; repeating the import adds nothing", async () => {
    const user = await signUpUser(server);
    const token = await createApiToken(server, user.token);
    const base = nowSeconds() - 10_000;
    const payload = [0, 1, 2].map((n) => listen(base + n * 300, `Import ${n}`, { duration: 200 }));
    expect((await submit({ listen_type: "import", payload }, { token })).status).toBe(200);
    expect((await submit({ listen_type: "import", payload }, { token })).status).toBe(200);
    const history = await historyOf(user);
    expect(history.totalCount).toBe(3);
    expect(history.edges[0]!.node.track).toMatchObject({ title: "Import 2", durationMs: 200_000 });
  });

  it("a title the catalog cannot name (only invisible characters) is accepted and skipped, never a 503 clients retry forever", async () => {
    const user = await signUpUser(server);
    const token = await createApiToken(server, user.token);
    const invisible = { listened_at: nowSeconds() - 900, track_metadata: { artist_name: "The Band", track_name: "\u200b" } };
    expect(await submit({ listen_type: "import", payload: [invisible, listen(nowSeconds() - 1200, "Visible")] }, { token })).toMatchObject({ status: 200, body: { status: "ok" } });
    expect(await submit({ listen_type: "single", payload: [invisible] }, { token })).toMatchObject({ status: 200, body: { status: "ok" } });
    expect(await submit({ listen_type: "playing_now", payload: [{ track_metadata: invisible.track_metadata }] }, { token })).toMatchObject({ status: 200 });
    const history = await historyOf(user);
    expect(history.edges.map((edge) => edge.node.track.title)).toEqual(["Visible"]);
  });

  it("playing_now is not a listen: it shows as User.nowPlaying and on /playing-now", async () => {
    const user = await signUpUser(server);
    const token = await createApiToken(server, user.token);
    const body = { listen_type: "playing_now", payload: [{ track_metadata: { artist_name: "Live Act", track_name: "Right Now" } }] };
    expect((await submit(body, { token })).body).toEqual({ status: "ok" });
    expect((await historyOf(user)).totalCount).toBe(0);

    // ?return_msid=true (Pano Scrobbler): the now-playing recording_msid comes back, as on ListenBrainz.
    const withMsid = await call("POST", "/1/submit-listens?return_msid=true", { body, token });
    expect(withMsid.body).toEqual({ status: "ok", recording_msid: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect((await call("POST", "/1/submit-listens?return_msid=maybe", { body, token })).body).toEqual({ code: 400, error: "Invalid return_msid argument: maybe" });

    const graph = await server.graphql(NOW_PLAYING, { username: user.username }, { token: user.token });
    expect(graph.data!.user.nowPlaying).toMatchObject({ track: { title: "Right Now" }, user: { username: user.username } });

    const hidden = await server.graphql(NOW_PLAYING, { username: user.username }, { token: alice.token });
    expect(hidden.data!.user.nowPlaying).toBeNull(); // new accounts are PRIVATE
    expect((await call("GET", `/1/user/${user.username}/playing-now`, { token })).status).toBe(200);

    expect((await server.graphql(SET_PUBLIC, {}, { token: user.token })).errors).toBeUndefined();
    const read = await call("GET", `/1/user/${user.username}/playing-now`, { token: null });
    expect(read.status).toBe(200);
    expect(read.body.payload).toMatchObject({ count: 1, user_id: user.username, playing_now: true });
    expect(read.body.payload.listens[0]).toMatchObject({
      playing_now: true,
      track_metadata: { artist_name: "Live Act", track_name: "Right Now" },
    });
  });

  it("accepts any Content-Type and trailing slashes, and answers CORS preflights", async () => {
    const body = JSON.stringify({ listen_type: "single", payload: [listen(nowSeconds() - 60, "Plain text")] });
    expect((await call("POST", "/1/submit-listens/", { body, contentType: "text/plain" })).status).toBe(200);
    // liblistenbrainz posts its JSON with no Content-Type at all (a byte body gets none from fetch).
    const bare = JSON.stringify({ listen_type: "single", payload: [listen(nowSeconds() - 61, "No content type")] });
    const untyped = await fetch(`${server.url}/1/submit-listens`, { method: "POST", headers: { authorization: `Token ${aliceToken}` }, body: new TextEncoder().encode(bare) });
    expect(untyped.status).toBe(200);
    const preflight = await fetch(`${server.url}/1/submit-listens`, { method: "OPTIONS", headers: { origin: "https://example.test" } });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("Authorization");
  });

  it("a base URL ending in / joined with /1/… (\"//1/…\", as the Jellyfin plugin builds it) works, as behind ListenBrainz's nginx", async () => {
    const body = { listen_type: "single", payload: [listen(nowSeconds() - 30, "Double slash")] };
    expect(await call("POST", "//1/submit-listens", { body, authorization: `token ${aliceToken}` })).toMatchObject({ status: 200, body: { status: "ok" } });
    expect((await call("GET", "//1/validate-token")).body).toMatchObject({ valid: true });
    expect((await call("GET", "//1/nothing-here")).body).toMatchObject({ code: 404 });
  });

  it("unknown URLs and methods under /1/ answer ListenBrainz's JSON errors (404, 405), never Fastify's shape", async () => {
    const notFound = { code: 404, error: "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again." };
    expect(await call("POST", "/1/feedback/recording-feedback", { body: { recording_mbid: "5b11f4ce-a62d-471e-81fc-a69a8278c7da", score: 1 } })).toMatchObject({ status: 404, body: notFound });
    expect(await call("GET", "/1/metadata/lookup/?artist_name=A&recording_name=T")).toMatchObject({ status: 404, body: notFound });
    const wrongMethod = await call("GET", "/1/submit-listens");
    expect(wrongMethod).toMatchObject({ status: 405, body: { code: 405, error: "The method is not allowed for the requested URL." } });
    expect(wrongMethod.headers.get("allow")).toContain("POST");
    expect((await call("POST", "/1/validate-token/", { body: {} })).status).toBe(405);
  });

  it("latest-import: GET answers 0 for a visible user (no import checkpoint is kept), POST needs a token and an int ts", async () => {
    expect(await call("GET", `/1/latest-import?user_name=${alice.username}`)).toMatchObject({
      status: 200,
      body: { musicbrainz_id: alice.username, latest_import: 0 },
    });
    expect(await call("GET", "/1/latest-import?user_name=nobody-here", { token: null })).toMatchObject({ status: 404, body: { code: 404, error: "Cannot find user: nobody-here" } });
    expect(await call("POST", "/1/latest-import", { body: { ts: 1_700_000_000 } })).toMatchObject({ status: 200, body: { status: "ok" } });
    expect(await call("POST", "/1/latest-import", { body: { ts: "soon" } })).toMatchObject({ status: 400, body: { code: 400, error: "Invalid data sent" } });
    expect((await call("POST", "/1/latest-import", { body: { ts: 1 }, token: null })).status).toBe(401);
  });

  describe("validation errors: 400 {code, error}, nothing stored", () => {
    const at = () => nowSeconds() - 100;
    const cases: [string, () => unknown, RegExp][] = [
      ["malformed JSON", () => "{not json", /^Cannot parse JSON document/],
      ["a lone surrogate (would fail in the database with a 503, retried forever)", () => ({ listen_type: "single", payload: [listen(at(), "Bad \ud800 half")] }), /^Cannot parse JSON document: str is not valid UTF-8: surrogates not allowed$/],
      ["a top level that is not an object", () => [listen(at())], /^Invalid JSON document submitted\. Top level of JSON document should be a json object\.$/],
      ["no payload", () => ({ listen_type: "single" }), /^Invalid JSON document submitted\.$/],
      ["no listen_type", () => ({ payload: [listen(at())] }), /^Invalid JSON document submitted\.$/],
      ["empty payload without listen_type (payload checked first)", () => ({ payload: [] }), /^JSON document does not contain any listens$/],
      ["payload not a list", () => ({ listen_type: "single", payload: {} }), /should be a list of listens/],
      ["empty payload", () => ({ listen_type: "import", payload: [] }), /does not contain any listens/],
      ["unknown listen_type", () => ({ listen_type: "loop", payload: [listen(at())] }), /requires a valid listen_type/],
      ["two listens in single", () => ({ listen_type: "single", payload: [listen(at()), listen(at() - 1)] }), /should contain only one/],
      ["more than 1000 listens", () => ({ listen_type: "import", payload: Array.from({ length: 1001 }, (_, n) => listen(at() - n)) }), /more than 1000 listens/],
      ["1001 listens in single (count checked before listen_type)", () => ({ listen_type: "single", payload: Array.from({ length: 1001 }, (_, n) => listen(at() - n)) }), /^Too many listens\. You may not submit more than 1000 listens at once\.$/],
      ["listened_at missing", () => ({ listen_type: "single", payload: [{ track_metadata: listen(0).track_metadata }] }), /must contain the key listened_at/],
      ["listened_at not an int", () => ({ listen_type: "single", payload: [listen("soon" as unknown as number)] }), /int value for listened_at/],
      ["listened_at before 2002-10-01", () => ({ listen_type: "single", payload: [listen(1_033_410_599)] }), /listened_at is too low/],
      ["listened_at over an hour ahead", () => ({ listen_type: "single", payload: [listen(nowSeconds() + 3700)] }), /listened_at is too high/],
      ["listened_at exactly an hour ahead", () => ({ listen_type: "single", payload: [listen(nowSeconds() + 3600)] }), /^Value for key listened_at is too high\.$/],
      ["no track_metadata", () => ({ listen_type: "single", payload: [{ listened_at: at() }] }), /^JSON document must contain the key track_metadata at the top level\.$/],
      ["no track_metadata in playing_now", () => ({ listen_type: "playing_now", payload: [{}] }), /^JSON document must contain the key track_metadata at the top level\.$/],
      ["track_metadata null", () => ({ listen_type: "single", payload: [{ listened_at: at(), track_metadata: null }] }), /^JSON document may not have track_metadata with null value\.$/],
      ["listened_at in playing_now", () => ({ listen_type: "playing_now", payload: [listen(at())] }), /must not contain listened_at/],
      ["no track_name", () => ({ listen_type: "single", payload: [{ listened_at: at(), track_metadata: { artist_name: "A" } }] }), /^JSON document does not contain required field track_metadata\.track_name\.$/],
      ["blank artist_name", () => ({ listen_type: "single", payload: [{ listened_at: at(), track_metadata: { artist_name: "  ", track_name: "T" } }] }), /^field track_metadata\.artist_name is empty\.$/],
      ["artist_name not a string", () => ({ listen_type: "single", payload: [{ listened_at: at(), track_metadata: { artist_name: ["A"], track_name: "T" } }] }), /artist_name must be a single string/],
      ["51 tags", () => ({ listen_type: "single", payload: [listen(at(), "T", { tags: Array.from({ length: 51 }, (_, n) => `t${n}`) })] }), /more than 50 items/],
      ["a 65-character tag", () => ({ listen_type: "single", payload: [listen(at(), "T", { tags: ["x".repeat(65)] })] }), /longer than 64 characters/],
      ["duration and duration_ms", () => ({ listen_type: "single", payload: [listen(at(), "T", { duration: 200, duration_ms: 200_000 })] }), /both duration and duration_ms/],
      ["duration_ms zero", () => ({ listen_type: "single", payload: [listen(at(), "T", { duration_ms: 0 })] }), /duration_ms is invalid/],
      ["duration over 24 days", () => ({ listen_type: "single", payload: [listen(at(), "T", { duration: 24 * 24 * 3600 + 1 })] }), /duration is too large/],
      ["bad recording_mbid", () => ({ listen_type: "single", payload: [listen(at(), "T", { recording_mbid: "not-a-uuid" })] }), /^recording_mbid MBID format invalid\.$/],
      ["bad artist_mbids", () => ({ listen_type: "single", payload: [listen(at(), "T", { artist_mbids: ["nope"] })] }), /^artist_mbids MBID format invalid\.$/],
      ["NUL in a name", () => ({ listen_type: "single", payload: [listen(at(), "Bad\u0000Title")] }), /^Bad.Title contains a unicode null$/], // the value as sent, NUL included
      ["a single listen over 10240 bytes", () => ({ listen_type: "single", payload: [listen(at(), "T", { comment: "x".repeat(10_300) })] }), /^JSON document is too large\. Each listens may not be larger than 10240 bytes\.$/],
    ];
    it.each(cases)("%s", async (_name, body, message) => {
      const answer = await submit(body());
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ code: 400, error: expect.stringMatching(message) });
    });

    it("a request over 10 240 000 bytes", async () => {
      const answer = await submit(`{"listen_type":"import","payload":[],"pad":"${"x".repeat(10_240_001)}"}`);
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ code: 400, error: "Payload too large. Payload cannot exceed 10240000 bytes" });
    });

    it("an import body over the server's general body limit (2 MB) but within ListenBrainz's 10 240 000 bytes is accepted", async () => {
      const user = await signUpUser(server);
      const token = await createApiToken(server, user.token);
      const payload = Array.from({ length: 400 }, (_, n) => listen(at() - 1000 - n * 200, `Bulk ${n}`, { comment: "x".repeat(6_000) }));
      const body = JSON.stringify({ listen_type: "import", payload });
      expect(body.length).toBeGreaterThan(2_000_000);
      expect(await submit(body, { token })).toMatchObject({ status: 200, body: { status: "ok" } });
    });

    it("accepts what ListenBrainz accepts: one big listen within the request's average, additional_info [], duration_played as text, tags as text, braced or URN MBIDs", async () => {
      const user = await signUpUser(server);
      const token = await createApiToken(server, user.token);
      const big = listen(at() - 10, "Big", { comment: "x".repeat(12_000) });
      expect((await submit({ listen_type: "import", payload: [big, listen(at() - 500, "Small")] }, { token })).status).toBe(200);
      const php = { listened_at: at() - 1000, track_metadata: { artist_name: "The Band", track_name: "PHP", additional_info: [] } };
      expect((await submit({ listen_type: "single", payload: [php] }, { token })).status).toBe(200);
      const odd = listen(at(), "Odd", {
        duration_played: "95",
        tags: "rock",
        recording_mbid: "{5B11F4CE-A62D-471E-81FC-A69A8278C7DA}",
        release_mbid: "urn:uuid:f5093c06-23e3-404f-aeaa-40f72885ee3a",
        artist_mbids: ["b10bbbfccf9e42e0be17e2c3e1d2600d"],
      });
      expect(await submit({ listen_type: "single", payload: [odd] }, { token })).toMatchObject({ status: 200, body: { status: "ok" } });
      const history = await historyOf(user);
      expect(history.totalCount).toBe(4);
      expect(history.edges[0]!.node).toMatchObject({ msPlayed: 95_000, track: { title: "Odd" } });
    });

    it("empty MBIDs are dropped, not rejected", async () => {
      expect((await submit({ listen_type: "single", payload: [listen(at(), "Empty ids", { recording_mbid: "", artist_mbids: [] })] })).status).toBe(200);
    });
  });

  describe("authentication", () => {
    const body = { listen_type: "single", payload: [listen(nowSeconds() - 5, "Auth")] };
    it("401 without an Authorization header", async () => {
      expect(await submit(body, { token: null })).toMatchObject({ status: 401, body: { code: 401, error: "You need to provide an Authorization header." } });
    });
    it("401 with a malformed header, an unknown token, or a session token", async () => {
      expect(await submit(body, { authorization: "Token" })).toMatchObject({ status: 401, body: { code: 401, error: "Provided Authorization header is invalid." } });
      expect(await submit(body, { token: "tnrm_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" })).toMatchObject({ status: 401, body: { code: 401, error: "Invalid authorization token." } });
      expect((await submit(body, { token: alice.token })).status).toBe(401);
    });
    it("validate-token: valid by header or ?token=, invalid, missing", async () => {
      const valid = { code: 200, message: "Token valid.", valid: true, user_name: alice.username };
      expect(await call("GET", "/1/validate-token")).toMatchObject({ status: 200, body: valid });
      expect(await call("GET", `/1/validate-token?token=${aliceToken}`, { token: null })).toMatchObject({ status: 200, body: valid });
      expect(await call("GET", "/1/validate-token?token=tnrm_nope", { token: null })).toMatchObject({
        status: 200,
        body: { code: 200, message: "Token invalid.", valid: false },
      });
      expect((await call("GET", "/1/validate-token", { token: null })).body).toEqual({ code: 400, error: "You need to provide an Authorization token." });
    });
    it("validate-token reads a Token header before ?token=, as ListenBrainz does", async () => {
      expect((await call("GET", "/1/validate-token?token=tnrm_nope")).body).toMatchObject({ valid: true, user_name: alice.username });
      expect((await call("GET", `/1/validate-token?token=${aliceToken}`, { authorization: "token tnrm_nope" })).body).toMatchObject({ valid: false });
    });
  });

  describe("reads", () => {
    let reader: TestUser;
    let readerToken: string;
    const base = 1_700_000_000;
    beforeAll(async () => {
      reader = await signUpUser(server);
      readerToken = await createApiToken(server, reader.token);
      expect((await server.graphql(SET_PUBLIC, {}, { token: reader.token })).errors).toBeUndefined();
      const payload = [0, 1, 2, 3, 4].map((n) => listen(base + n * 1000, `Read ${n}`, { duration_ms: 180_000 }));
      const answer = await submit({ listen_type: "import", payload }, { token: readerToken });
      expect(answer.status).toBe(200);
    });

    it("listens: newest first, with count, max_ts and min_ts (exclusive)", async () => {
      const all = await call("GET", `/1/user/${reader.username}/listens`, { token: null });
      expect(all.status).toBe(200);
      expect(all.body.payload).toMatchObject({ count: 5, user_id: reader.username, latest_listen_ts: base + 4000 });
      expect(all.body.payload.listens.map((l: any) => l.listened_at)).toEqual([4, 3, 2, 1, 0].map((n) => base + n * 1000));
      expect(all.body.payload.listens[0]).toMatchObject({
        user_name: reader.username,
        track_metadata: { artist_name: "The Band", track_name: "Read 4", release_name: "The Album", additional_info: { duration_ms: 180_000 } },
      });
      // ListenBrainz repeats the listen's recording_msid (a UUID) inside additional_info.
      const first = all.body.payload.listens[0];
      expect(first.recording_msid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(first.track_metadata.additional_info.recording_msid).toBe(first.recording_msid);
      expect(Number.isInteger(first.listened_at) && Number.isInteger(first.inserted_at)).toBe(true);

      const two = await call("GET", `/1/user/${reader.username}/listens?count=2&max_ts=${base + 3000}`, { token: null });
      expect(two.body.payload.listens.map((l: any) => l.listened_at)).toEqual([base + 2000, base + 1000]);
      const after = await call("GET", `/1/user/${reader.username}/listens?count=2&min_ts=${base + 1000}`, { token: null });
      expect(after.body.payload.listens.map((l: any) => l.listened_at)).toEqual([base + 3000, base + 2000]);
      const between = await call("GET", `/1/user/${reader.username}/listens?min_ts=${base}&max_ts=${base + 2000}`, { token: null });
      expect(between.body.payload.listens.map((l: any) => l.listened_at)).toEqual([base + 1000]);
    });

    it("with min_ts and max_ts, the listens right after min_ts (ListenBrainz walks forward), so a range pages without gaps", async () => {
      const page = await call("GET", `/1/user/${reader.username}/listens?count=2&min_ts=${base - 1}&max_ts=${base + 3500}`, { token: null });
      expect(page.body.payload.listens.map((l: any) => l.listened_at)).toEqual([base + 1000, base]);
    });

    it("user names match case-insensitively; user_id echoes the name as requested, listens carry the stored one", async () => {
      const shouted = reader.username.toUpperCase();
      const answer = await call("GET", `/1/user/${shouted}/listens?count=1`, { token: null });
      expect(answer.body.payload).toMatchObject({ user_id: shouted, count: 1 });
      expect(answer.body.payload.listens[0].user_name).toBe(reader.username);
      expect((await call("GET", `/1/user/${shouted}/playing-now`, { token: null })).body.payload.user_id).toBe(shouted);
    });

    it("reads ignore a bad token (ListenBrainz does not check it there): public data is served, never 401", async () => {
      for (const authorization of ["Token tnrm_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "Token", "Bearer whatever"]) {
        expect((await call("GET", `/1/user/${reader.username}/listens?count=1`, { authorization })).status).toBe(200);
        expect((await call("GET", `/1/user/${reader.username}/listen-count`, { authorization })).status).toBe(200);
      }
    });

    it("a 0 bound is no bound (Python truthiness): min_ts=0 gives the newest listens", async () => {
      const answer = await call("GET", `/1/user/${reader.username}/listens?count=1&min_ts=0&max_ts=0`, { token: null });
      expect(answer.body.payload.listens.map((l: any) => l.listened_at)).toEqual([base + 4000]);
    });

    it("parameters are read as Python's int() (signs, spaces) and bad ones answer ListenBrainz's messages", async () => {
      const listens = (query: string) => call("GET", `/1/user/${reader.username}/listens?${query}`, { token: null });
      expect((await listens("count=%2B2&max_ts=%20" + (base + 3000))).body.payload.count).toBe(2);
      expect((await listens("max_ts=-5")).body.payload.count).toBe(0);
      expect((await listens("count=-1")).body).toEqual({ code: 400, error: "Number of items requested should be positive" });
      expect((await listens("count=ten")).body).toEqual({ code: 400, error: "Invalid count argument: ten" });
      expect((await listens("max_ts=1.5")).body).toEqual({ code: 400, error: "Invalid max_ts argument: 1.5" });
      expect((await listens("min_ts=6&max_ts=5")).body).toEqual({ code: 400, error: "max_ts should be greater than min_ts" });
      expect((await listens("min_ts=5&max_ts=5")).body).toEqual({ code: 400, error: "min_ts should be less than max_ts" });
    });

    it("listen-count, and an unknown or private user answers 404 'Cannot find user' (except to its owner)", async () => {
      expect((await call("GET", `/1/user/${reader.username}/listen-count`, { token: null })).body).toEqual({ payload: { count: 5 } });
      expect(await call("GET", "/1/user/nobody-here/listens", { token: null })).toMatchObject({
        status: 404,
        body: { code: 404, error: "Cannot find user: nobody-here" },
      });
      expect((await server.graphql(SET_PRIVATE, {}, { token: reader.token })).errors).toBeUndefined();
      try {
        for (const path of ["listens", "listen-count", "playing-now"]) {
          expect(await call("GET", `/1/user/${reader.username}/${path}`, { token: null })).toMatchObject({
            status: 404,
            body: { code: 404, error: `Cannot find user: ${reader.username}` },
          });
          expect((await call("GET", `/1/user/${reader.username}/${path}`)).status).toBe(404); // alice's token
          expect((await call("GET", `/1/user/${reader.username}/${path}`, { token: readerToken })).status).toBe(200);
        }
      } finally {
        await server.graphql(SET_PUBLIC, {}, { token: reader.token });
      }
    });

    it("every answer carries the X-RateLimit headers", async () => {
      const answer = await call("GET", `/1/user/${reader.username}/listen-count`, { token: null });
      expect(Number(answer.headers.get("x-ratelimit-limit"))).toBeGreaterThan(0);
      expect(answer.headers.get("x-ratelimit-remaining")).not.toBeNull();
      expect(answer.headers.get("x-ratelimit-reset-in")).not.toBeNull();
    });
  });
});
