import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpUser } from "../../../test/factories/user.factory.js";
import { startTestServer, type TestServer } from "../../../test/testServer.js";
import { graphqlUpload, tempDataDir, waitForImport } from "../../../test/factories/import.factory.js";

/** A Spotify Extended file with `count` distinct tracks (new tracks make the catalog work, so it runs a while). */
function spotifyFile(count: number, label: string) {
  const rows = Array.from({ length: count }, (_, n) => ({
    ts: new Date(Date.UTC(2023, 0, 1) + n * 240_000).toISOString(),
    ms_played: 200_000,
    platform: "ios",
    master_metadata_track_name: `${label} track ${n}`,
    master_metadata_album_artist_name: `${label} artist ${n % 50}`,
    master_metadata_album_album_name: `${label} album ${n % 50}`,
    spotify_track_uri: null,
    reason_end: "trackdone",
    skipped: null,
  }));
  return { content: JSON.stringify(rows), name: `Streaming_History_Audio_${label}_0.json` };
}

const PROGRESS = `subscription($id: ID!) { importProgress(id: $id) { id status processedRows inserted duplicates skipped failed } }`;

async function waitUntilRunning(server: TestServer, token: string, id: string): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    const { data } = await server.graphql(`query($id: ID!) { import(id: $id) { status processedRows } }`, { id }, { token });
    if (data?.import.status === "RUNNING" && data.import.processedRows > 0) return;
    if (data?.import.status !== "QUEUED" && data?.import.status !== "RUNNING") throw new Error(`import ended first: ${data?.import.status}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("import never ran");
}

describe("import jobs: queue, cancel, progress", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ DATA_DIR: tempDataDir() });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("runs one import per user at a time: the second waits for the first", async () => {
    const user = await signUpUser(server);
    const first = await graphqlUpload(server, user.token, spotifyFile(1500, "queueA"));
    const second = await graphqlUpload(server, user.token, spotifyFile(300, "queueB"));
    expect(second.body.data.startImport.status).toBe("QUEUED");
    const a = await waitForImport(server, user.token, first.body.data.startImport.id);
    const b = await waitForImport(server, user.token, second.body.data.startImport.id);
    expect([a.status, b.status]).toEqual(["SUCCEEDED", "SUCCEEDED"]);
    expect(new Date(b.startedAt).getTime()).toBeGreaterThanOrEqual(new Date(a.finishedAt).getTime());
    expect(a.inserted + b.inserted).toBe(1800);
  });

  it("cancels a running import between batches: CANCELLED, rows already stored stay, counters match them", async () => {
    const user = await signUpUser(server);
    const started = await graphqlUpload(server, user.token, spotifyFile(10_000, "cancel"));
    const id = started.body.data.startImport.id;
    await waitUntilRunning(server, user.token, id);
    const cancel = await server.graphql(`mutation($id: ID!) { cancelImport(id: $id) { id status } }`, { id }, { token: user.token });
    expect(cancel.errors).toBeUndefined();
    const done = await waitForImport(server, user.token, id);
    expect(done.status).toBe("CANCELLED");
    expect(done.processedRows).toBeLessThan(10_000);
    expect(done.processedRows).toBe(done.inserted + done.duplicates + done.skipped + done.failed);
    const history = await server.graphql(`{ history(filter: { includeUncounted: true }) { totalCount } }`, {}, { token: user.token });
    expect(history.data?.history.totalCount).toBe(done.inserted);
  });

  it("cancels a queued import at once", async () => {
    const user = await signUpUser(server);
    const running = await graphqlUpload(server, user.token, spotifyFile(10_000, "queuedRun"));
    const queued = await graphqlUpload(server, user.token, spotifyFile(10, "queuedWait"));
    const id = queued.body.data.startImport.id;
    const cancel = await server.graphql(`mutation($id: ID!) { cancelImport(id: $id) { status finishedAt } }`, { id }, { token: user.token });
    expect(cancel.data?.cancelImport.status).toBe("CANCELLED");
    const runningId = running.body.data.startImport.id;
    await server.graphql(`mutation($id: ID!) { cancelImport(id: $id) { id } }`, { id: runningId }, { token: user.token });
    await waitForImport(server, user.token, runningId);
    const after = await waitForImport(server, user.token, id);
    expect(after).toMatchObject({ status: "CANCELLED", processedRows: 0, inserted: 0 });
  });

  it("streams importProgress over graphql-ws: events while running, a final one with the end status, then completes", async () => {
    const user = await signUpUser(server);
    const started = await graphqlUpload(server, user.token, spotifyFile(8000, "progress"));
    const id = started.body.data.startImport.id;
    const client = server.wsClient({ authorization: `Bearer ${user.token}` });
    const events: any[] = [];
    for await (const result of client.iterate({ query: PROGRESS, variables: { id } })) {
      expect(result.errors).toBeUndefined();
      events.push((result.data as any)?.importProgress);
    }
    expect(events.length).toBeGreaterThanOrEqual(2);
    const last = events.at(-1);
    expect(last).toMatchObject({ id, status: "SUCCEEDED", processedRows: 8000, inserted: 8000 });
    for (const [index, event] of events.entries()) {
      expect(event.processedRows).toBe(event.inserted + event.duplicates + event.skipped + event.failed);
      if (index > 0) expect(event.processedRows).toBeGreaterThanOrEqual(events[index - 1].processedRows);
    }
    // a finished import: one event with its end status, then complete
    const again: any[] = [];
    for await (const result of client.iterate({ query: PROGRESS, variables: { id } })) again.push((result.data as any)?.importProgress.status);
    expect(again).toEqual(["SUCCEEDED"]);
  });

  it("refuses importProgress of someone else's import with FORBIDDEN", async () => {
    const owner = await signUpUser(server);
    const other = await signUpUser(server);
    const started = await graphqlUpload(server, owner.token, spotifyFile(5, "forbidden"));
    const id = started.body.data.startImport.id;
    const client = server.wsClient({ authorization: `Bearer ${other.token}` });
    const results: any[] = [];
    try {
      for await (const result of client.iterate({ query: PROGRESS, variables: { id } })) results.push(result);
    } catch (error) {
      results.push({ errors: error });
    }
    expect(JSON.stringify(results)).toContain("FORBIDDEN");
    await waitForImport(server, owner.token, id);
  });
});
