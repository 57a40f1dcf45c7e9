import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/testDatabase.js";
import { tempDataDir } from "../../../test/factories/import.factory.js";

/**
 * Crash safety with real processes: a server (tsx src/index.ts) is SIGKILLed in the middle of an
 * import; a new one on the same DATA_DIR / DATABASE_URL resumes it from its last committed batch.
 * The counters come out exact and every row is stored once.
 */

/** Enough batches (they start at BATCH_ROWS and at most double) that a poll sees the import part-way, even when writes are fast. */
const ROWS = 15_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function spotifyRows(count: number): string {
  return JSON.stringify(
    Array.from({ length: count }, (_, n) => ({
      ts: new Date(Date.UTC(2022, 0, 1) + n * 240_000).toISOString(),
      ms_played: 200_000,
      master_metadata_track_name: `Crash track ${n}`,
      master_metadata_album_artist_name: `Crash artist ${n % 40}`,
      master_metadata_album_album_name: `Crash album ${n % 40}`,
      reason_end: "trackdone",
    })),
  );
}

describe("an import survives its server being killed", () => {
  let env: Record<string, string>;
  let url: string;
  let closeDatabase: () => Promise<void> = async () => {};
  let child: ChildProcess | null = null;

  async function startServer(): Promise<ChildProcess> {
    const process_ = spawn(process.execPath, ["--import", "tsx", "src/index.ts"], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "ignore", "inherit"],
    });
    for (let attempt = 0; attempt < 600; attempt += 1) {
      if (process_.exitCode !== null) throw new Error(`server exited with ${process_.exitCode}`);
      const ready = await fetch(`${url}/health/ready`).then((response) => response.ok, () => false);
      if (ready) return process_;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error("server did not start");
  }

  async function graphql(query: string, variables: Record<string, unknown>, token?: string) {
    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: any; errors?: unknown[] };
  }

  const status = async (token: string, id: string) =>
    (await graphql(`query($id: ID!) { import(id: $id) { status processedRows inserted duplicates skipped failed } }`, { id }, token)).data?.import;

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    env = { PORT: String(port), HOST: "127.0.0.1", DATA_DIR: tempDataDir(), LOG_LEVEL: "error", COOKIE_SECURE: "false", REDIS_URL: "" };
    if (process.env.DATABASE_URL) {
      const database = await createTestDatabase();
      env.DATABASE_URL = database.url!;
      closeDatabase = () => database.close();
    } else env.DATABASE_URL = "";
  });
  afterAll(async () => {
    child?.kill("SIGKILL");
    await closeDatabase();
  });

  it("resumes from the last committed batch after SIGKILL: exact counters, nothing lost or doubled", { timeout: 180_000 }, async () => {
    child = await startServer();
    const signUp = await graphql(
      `mutation($input: SignUpInput!) { signUp(input: $input) { token } }`,
      { input: { username: `crash${Date.now()}`, email: `crash${Date.now()}@example.test`, password: "correct horse battery staple" } },
    );
    const token = signUp.data.signUp.token as string;

    const form = new FormData();
    form.append("file", new Blob([spotifyRows(ROWS)]), "Streaming_History_Audio_2022_0.json");
    const uploaded = await fetch(`${url}/api/imports`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form });
    expect(uploaded.status).toBe(202);
    const id = ((await uploaded.json()) as { id: string }).id;

    let seen: any;
    for (let attempt = 0; attempt < 3000; attempt += 1) {
      seen = await status(token, id);
      if (seen.status === "RUNNING" && seen.processedRows > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(seen.status).toBe("RUNNING");
    expect(seen.processedRows).toBeLessThan(ROWS);
    child.kill("SIGKILL");
    await new Promise((resolve) => child!.once("exit", resolve));

    child = await startServer();
    let done: any;
    for (let attempt = 0; attempt < 3000; attempt += 1) {
      done = await status(token, id);
      if (done.status !== "RUNNING" && done.status !== "QUEUED") break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(done).toEqual({ status: "SUCCEEDED", processedRows: ROWS, inserted: ROWS, duplicates: 0, skipped: 0, failed: 0 });
    const history = await graphql(`{ history(filter: { includeUncounted: true }) { totalCount } }`, {}, token);
    expect(history.data.history.totalCount).toBe(ROWS);
    child.kill("SIGTERM");
    await new Promise((resolve) => child!.once("exit", resolve));
    child = null;
  });
});
