import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpUser, type TestUser } from "../../../test/factories/user.factory.js";
import { startTestServer, type TestServer } from "../../../test/testServer.js";
import { graphqlUpload, IMPORT_FIELDS, restUpload, tempDataDir, waitForImport } from "../../../test/factories/import.factory.js";

/** Spotify Extended rows: `ts` is the END of the play. */
function spotifyRow(n: number, overrides: Record<string, unknown> = {}) {
  const end = Date.UTC(2024, 2, 1, 12, 0, 0) + n * 600_000;
  return {
    ts: new Date(end).toISOString().replace(".000", ""),
    platform: "android",
    ms_played: 180_000,
    conn_country: "DE",
    master_metadata_track_name: `Jobs song ${n % 40} `,
    master_metadata_album_artist_name: `Jobs band ${n % 7}`,
    master_metadata_album_album_name: `Jobs album ${n % 7}`,
    spotify_track_uri: null,
    episode_name: null,
    spotify_episode_uri: null,
    reason_start: "trackdone",
    reason_end: "trackdone",
    shuffle: false,
    skipped: null,
    offline: false,
    incognito_mode: false,
    ...overrides,
  };
}

const spotifyFile = (rows: unknown[], name = "Streaming_History_Audio_2024_0.json") => ({ content: JSON.stringify(rows), name });

const HISTORY = `query($first: Int) { history(first: $first, filter: { includeUncounted: true }) {
  totalCount edges { node { playedAt msPlayed source track { title artists { name } } import { id status } } } } }`;

describe("imports as background jobs", () => {
  let server: TestServer;
  const dataDir = tempDataDir();
  beforeAll(async () => {
    server = await startTestServer({ DATA_DIR: dataDir, IMPORT_MAX_BYTES: "200000" });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("imports a Spotify Extended file uploaded with GraphQL multipart: counters, start times, trimmed names, podcasts skipped", async () => {
    const user = await signUpUser(server);
    const rows = [
      ...Array.from({ length: 120 }, (_, n) => spotifyRow(n)),
      spotifyRow(500, { master_metadata_track_name: null, master_metadata_album_artist_name: null, episode_name: "Talk", spotify_episode_uri: "spotify:episode:x" }),
      spotifyRow(501, { ms_played: 0 }),
      spotifyRow(5), // the same play twice: a duplicate
    ];
    const started = await graphqlUpload(server, user.token, spotifyFile(rows));
    expect(started.body.errors).toBeUndefined();
    const startImport = started.body.data.startImport;
    expect(["QUEUED", "RUNNING"]).toContain(startImport.status);
    expect(startImport.format).toBe("SPOTIFY_EXTENDED");

    const done = await waitForImport(server, user.token, startImport.id);
    expect(done).toMatchObject({ status: "SUCCEEDED", processedRows: 123, totalRows: 123, inserted: 120, duplicates: 1, skipped: 2, failed: 0 });
    expect(done.processedRows).toBe(done.inserted + done.duplicates + done.skipped + done.failed);

    const history = await server.graphql(HISTORY, { first: 100 }, { token: user.token });
    expect(history.data?.history.totalCount).toBe(120);
    const oldest = history.data?.history.edges.at(-1)?.node;
    expect(oldest).toBeDefined();
    const newest = history.data?.history.edges[0].node;
    // playedAt = ts − ms_played; names trimmed
    expect(newest.playedAt).toBe(new Date(Date.UTC(2024, 2, 1, 12, 0, 0) + 119 * 600_000 - 180_000).toISOString());
    expect(newest.track.title).toBe(`Jobs song ${119 % 40}`);
    expect(newest.source).toBe("SPOTIFY_EXTENDED");
    expect(newest.import).toEqual({ id: startImport.id, status: "SUCCEEDED" });

    // importing the same file again inserts nothing
    const again = await graphqlUpload(server, user.token, spotifyFile(rows));
    const second = await waitForImport(server, user.token, again.body.data.startImport.id);
    expect(second).toMatchObject({ status: "SUCCEEDED", inserted: 0, duplicates: 121, skipped: 2, failed: 0 });

    // imports(first) lists the viewer's imports, newest first
    const list = await server.graphql(`{ imports(first: 5) { totalCount edges { node { id } } } }`, {}, { token: user.token });
    expect(list.data?.imports.totalCount).toBe(2);
    expect(list.data?.imports.edges.map((edge: any) => edge.node.id)).toEqual([second.id, done.id]);
    // uploads are deleted when their import ends (right after its end status is stored)
    await expect.poll(() => readdir(join(dataDir, "uploads")), { timeout: 5_000 }).toEqual([]);
  });

  it("POST /api/imports accepts a curl-style form (file + format) and answers with the Import", async () => {
    const user = await signUpUser(server);
    const response = await restUpload(server, `Bearer ${user.token}`, spotifyFile([spotifyRow(1), spotifyRow(2)]), "SPOTIFY_EXTENDED");
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ format: "SPOTIFY_EXTENDED", fileName: "Streaming_History_Audio_2024_0.json" });
    const done = await waitForImport(server, user.token, response.body.id);
    expect(done).toMatchObject({ status: "SUCCEEDED", inserted: 2 });

    expect((await restUpload(server, null, spotifyFile([spotifyRow(1)]))).status).toBe(401);
    const noFile = await restUpload(server, `Bearer ${user.token}`, null, "SPOTIFY_EXTENDED");
    expect(noFile).toMatchObject({ status: 400, body: { error: { code: "BAD_USER_INPUT" } } });
    const badFormat = await restUpload(server, `Bearer ${user.token}`, spotifyFile([spotifyRow(1)]), "WINAMP");
    expect(badFormat).toMatchObject({ status: 400, body: { error: { code: "BAD_USER_INPUT" } } });
  });

  it("refuses an upload over IMPORT_MAX_BYTES while streaming: 413 on REST, BAD_USER_INPUT on GraphQL; the server stays healthy", async () => {
    const user = await signUpUser(server);
    const big = spotifyFile(Array.from({ length: 1000 }, (_, n) => spotifyRow(n)));
    expect(big.content.length).toBeGreaterThan(200_000);
    const rest = await restUpload(server, `Bearer ${user.token}`, big);
    expect(rest.status).toBe(413);
    expect(rest.body.error.message).toMatch(/larger than 200000 bytes/);
    const graphql = await graphqlUpload(server, user.token, big);
    expect(graphql.body).toMatchObject({ errors: [{ extensions: { code: "BAD_USER_INPUT" }, message: expect.stringMatching(/file: file is larger than/) }] });
    // far beyond the limit: refused from its Content-Length before any of it is read
    const huge = await graphqlUpload(server, user.token, { content: Buffer.alloc(1_500_000, 32), name: "huge.json" });
    expect(huge.status).toBe(413);
    expect(huge.body.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" }, message: expect.stringMatching(/larger than/) });
    const list = await server.graphql(`{ imports { totalCount } }`, {}, { token: user.token });
    expect(list.data?.imports.totalCount).toBe(0);
  });

  it("keeps CSRF prevention for multipart: no preflight header, no mutation", async () => {
    const user = await signUpUser(server);
    const response = await graphqlUpload(server, user.token, spotifyFile([spotifyRow(1)]), undefined, {});
    expect(response.status).toBe(400);
    const list = await server.graphql(`{ imports { totalCount } }`, {}, { token: user.token });
    expect(list.data?.imports.totalCount).toBe(0);
  });

  it("shows an import to its owner only", async () => {
    const owner: TestUser = await signUpUser(server);
    const other = await signUpUser(server);
    const started = await graphqlUpload(server, owner.token, spotifyFile([spotifyRow(1)]));
    const id = started.body.data.startImport.id;
    await waitForImport(server, owner.token, id);
    const seen = await server.graphql(`query($id: ID!) { import(id: $id) { id } node(id: $id) { id } }`, { id }, { token: other.token });
    expect(seen.data).toEqual({ import: null, node: null });
    const cancel = await server.graphql(`mutation($id: ID!) { cancelImport(id: $id) { id } }`, { id }, { token: other.token });
    expect(cancel.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const mine = await server.graphql(`query($id: ID!) { node(id: $id) { ... on Import { ${IMPORT_FIELDS} } } }`, { id }, { token: owner.token });
    expect(mine.data?.node.status).toBe("SUCCEEDED");
  });
});
