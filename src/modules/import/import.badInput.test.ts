import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lastfmCsv, samplePlays, spotifyExtendedJson, spotifyExtendedRecords, zipBomb } from "../../../test/factories/exports.factory.js";
import { signUpUser, type TestUser } from "../../../test/factories/user.factory.js";
import { startTestServer, type TestServer } from "../../../test/testServer.js";
import { graphqlUpload, tempDataDir, waitForImport } from "../../../test/factories/import.factory.js";

/**
 * Bad uploads end with a clear error: refused at startImport (BAD_USER_INPUT on `file`) when the
 * file cannot be an export, or a FAILED import saying where and why when the damage comes later.
 * Either way the server stays healthy and nothing stored before is lost.
 */
describe("imports of bad files", () => {
  let server: TestServer;
  let user: TestUser;
  let storedBefore: number;

  const historyCount = async () =>
    (await server.graphql(`{ history(filter: { includeUncounted: true }) { totalCount } }`, {}, { token: user.token })).data?.history.totalCount;

  /** The error the user gets: the startImport error message, or the FAILED import's message. */
  async function outcome(content: Buffer | string, name: string, format?: string): Promise<string> {
    const started = await graphqlUpload(server, user.token, { content, name }, format);
    if (started.body.errors) {
      expect(started.body.errors[0]!.extensions?.code).toBe("BAD_USER_INPUT");
      return `refused: ${started.body.errors[0]!.message}`;
    }
    const done = await waitForImport(server, user.token, started.body.data.startImport.id);
    expect(done.status).toBe("FAILED");
    expect(done.processedRows).toBe(done.inserted + done.duplicates + done.skipped + done.failed);
    return `failed: ${done.failureMessage}`;
  }

  beforeAll(async () => {
    server = await startTestServer({ DATA_DIR: tempDataDir() });
    user = await signUpUser(server);
    const file = await lastfmCsv(samplePlays(10, Date.UTC(2020, 0, 1)), { variant: "ghan" });
    const started = await graphqlUpload(server, user.token, { content: await readFile(file.path), name: file.fileName });
    await waitForImport(server, user.token, started.body.data.startImport.id);
    storedBefore = await historyCount();
    expect(storedBefore).toBe(10);
  });
  afterAll(async () => {
    // the server is still healthy after every bad file, and nothing stored before was lost
    expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);
    await server?.close();
  });

  it("an empty file", async () => {
    expect(await outcome("", "Streaming_History_Audio_2024_0.json")).toMatch(/refused: file: .*empty/i);
  });

  it("a file that is not the format asked for", async () => {
    const file = await spotifyExtendedJson(samplePlays(3));
    expect(await outcome(await readFile(file.path), file.fileName, "LASTFM_CSV")).toMatch(/refused: file: .*not a Last\.fm/i);
  });

  it("something that is no export at all", async () => {
    expect(await outcome("hello, world\n", "notes.txt")).toMatch(/refused: file: .*unrecognized/i);
  });

  it("invalid JSON at row N: the rows before stay, FAILED with the position; the complete file adds exactly the rest", async () => {
    const plays = samplePlays(30, Date.UTC(2021, 0, 1));
    const { records } = spotifyExtendedRecords(plays);
    const complete = JSON.stringify(records);
    const cut = complete.indexOf(JSON.stringify(records[20]));
    const damaged = `${complete.slice(0, cut)}{"ts": "2021-01-01T00:00:00Z", "ms_pla`;
    const before = await historyCount();
    const message = await outcome(damaged, "Streaming_History_Audio_2021_0.json", "SPOTIFY_EXTENDED");
    expect(message).toMatch(/failed: file damaged at position \d+/);
    const kept = (await historyCount()) - before;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(20);

    const started = await graphqlUpload(server, user.token, { content: complete, name: "Streaming_History_Audio_2021_0.json" });
    const done = await waitForImport(server, user.token, started.body.data.startImport.id);
    expect(done).toMatchObject({ status: "SUCCEEDED", inserted: 30 - kept, duplicates: kept });
    expect(await historyCount()).toBe(before + 30);
  });

  it("a CSV with missing columns", async () => {
    const csv = '"uts","utc_time","artist"\n"1600000000","13 Sep 2020, 12:26","Someone"\n';
    expect(await outcome(csv, "someone.csv", "LASTFM_CSV")).toMatch(/column|header/i);
  });

  it("a zip bomb", async () => {
    const bomb = await zipBomb(64);
    expect(await outcome(await readFile(bomb.path), bomb.fileName)).toMatch(/zip|archive|large|expand|compress/i);
  });

  it("a file that is not UTF-8", async () => {
    const latin1 = Buffer.from('"uts","utc_time","artist","artist_mbid","album","album_mbid","track","track_mbid"\n"1600000000","13 Sep 2020, 12:26","Bj\xf6rk","","","","J\xf3ga",""\n', "latin1");
    expect(await outcome(latin1, "someone.csv", "LASTFM_CSV")).toMatch(/UTF-8/i);
  });

  it("a cancel, an import and a node lookup with ids that are not imports", async () => {
    const response = await server.graphql(`mutation { cancelImport(id: "nope") { id } }`, {}, { token: user.token });
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const anonymous = await server.graphql(`{ imports { totalCount } }`);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(await historyCount()).toBeGreaterThanOrEqual(storedBefore);
  });
});

describe("rows the catalog cannot store as given", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ DATA_DIR: tempDataDir() });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("a title of invisible characters is skipped and a broken emoji (lone surrogate) stored as U+FFFD; the other rows import", async () => {
    const user = await signUpUser(server);
    const { records } = spotifyExtendedRecords(samplePlays(4, Date.UTC(2023, 0, 1)));
    const rows = records as { master_metadata_track_name: string; master_metadata_album_artist_name: string }[];
    rows[1]!.master_metadata_track_name = "\u200b";
    rows[2]!.master_metadata_track_name = "Broken \ud83d emoji";
    rows[3]!.master_metadata_album_artist_name = "\ude00 Band";
    const content = JSON.stringify(records); // JSON.stringify escapes lone surrogates as \ud83d
    const started = await graphqlUpload(server, user.token, { content, name: "Streaming_History_Audio_2023_0.json" });
    const done = await waitForImport(server, user.token, started.body.data.startImport.id);
    expect(done).toMatchObject({ status: "SUCCEEDED", inserted: 3, skipped: 1, failed: 0 });
    const { data } = await server.graphql(`{ history { edges { node { track { title artists { name } } } } } }`, {}, { token: user.token });
    expect(data?.history.edges.map((edge: { node: { track: { title: string; artists: { name: string }[] } } }) => [edge.node.track.title, edge.node.track.artists[0]!.name])).toEqual([
      [samplePlays(4)[3]!.title, "\ufffd Band"],
      ["Broken \ufffd emoji", samplePlays(4)[2]!.artist],
      [samplePlays(4)[0]!.title, samplePlays(4)[0]!.artist],
    ]);
  });

  it("a warning that quotes a title with half an emoji is kept (as U+FFFD)", async () => {
    const user = await signUpUser(server);
    const entry = { header: "YouTube Music", title: "Watched Half \ud83d", titleUrl: "https://music.youtube.com/watch?v=abc", subtitles: [{ name: "Release - Topic" }], time: "2024-01-01T10:00:00Z" };
    const started = await graphqlUpload(server, user.token, { content: JSON.stringify([entry]), name: "watch-history.json" });
    const done = await waitForImport(server, user.token, started.body.data.startImport.id);
    expect(done).toMatchObject({ status: "SUCCEEDED", inserted: 1 });
    expect(done.errors[0].message).toContain('"Half \ufffd"');
  });
});
