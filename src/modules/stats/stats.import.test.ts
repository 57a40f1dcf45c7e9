import { readFile } from "node:fs/promises";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectRows } from "../../db/client.js";
import { lastfmCsv, samplePlays, spotifyExtendedJson } from "../../../test/factories/exports.factory.js";
import { graphqlUpload, tempDataDir, waitForImport } from "../../../test/factories/import.factory.js";
import { signUpUser } from "../../../test/factories/user.factory.js";
import { NO_DRIFT, rollupDrift } from "../../../test/reference/statsRollup.check.js";
import { startTestServer, type TestServer } from "../../../test/testServer.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ DATA_DIR: tempDataDir() });
});
afterAll(() => server?.close());

describe("imports keep the stats exact", () => {
  it("reflects imported listens (with and without reported lengths) in the next stats request", async () => {
    const user = await signUpUser(server, { timezone: "Asia/Kolkata" });
    const userId = Buffer.from(user.user.id, "base64url").toString("utf8").split(":")[1]!;
    const plays = samplePlays(60);
    for (const [file, format] of [
      [await spotifyExtendedJson(plays.slice(0, 40)), "SPOTIFY_EXTENDED"],
      // Last.fm reports no lengths: these plays last their track's duration when it is known
      [await lastfmCsv(plays.slice(20)), "LASTFM_CSV"],
    ] as const) {
      const upload = await graphqlUpload(server, user.token, { content: await readFile(file.path), name: file.fileName }, format);
      expect(upload.body.errors).toBeUndefined();
      expect((await waitForImport(server, user.token, upload.body.data.startImport.id)).status).toBe("SUCCEEDED");
    }

    expect(await rollupDrift(server.database.db, userId)).toEqual(NO_DRIFT);
    const [raw] = await selectRows<{ listens: number; ms: number }>(
      server.database.db,
      sql`select count(*)::int as listens, coalesce(sum(coalesce(l.ms_played, t.duration_ms, 0)), 0)::float8 as ms
          from listens l join tracks t on t.id = l.track_id where l.user_id = ${userId} and l.counted`,
    );
    const response = await server.graphql(
      `query($u: String!) { user(username: $u) { stats(range: { preset: ALL_TIME }) { totals { listens msPlayed } }
        window: stats(range: { from: "2024-01-01T00:00:00Z", to: "2025-01-01T00:00:00Z" }) { totals { listens msPlayed } } } }`,
      { u: user.username },
      user,
    );
    expect(response.errors).toBeUndefined();
    expect(raw!.listens).toBeGreaterThan(0);
    expect(response.data!.user.stats.totals).toEqual({ listens: raw!.listens, msPlayed: Number(raw!.ms) });
    expect(response.data!.user.window.totals).toEqual({ listens: raw!.listens, msPlayed: Number(raw!.ms) });
  });
});
