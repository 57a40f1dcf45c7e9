import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpUser } from "./factories/user.factory.js";
import { HistoryDocument, RecordListensDocument } from "./generated/graphql.js";
import { startTestServer, type TestServer } from "./testServer.js";

/** The README's acceptance flow, over HTTP only: sign up, record three listens, read the history back. */
describe("end to end: sign up, record listens, read history", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("returns the recorded listens newest first with their tracks, artists and albums", async () => {
    const { token } = await signUpUser(server);

    const recorded = await server.graphql(
      RecordListensDocument,
      {
        inputs: [
          { trackTitle: "Roads", artistName: "Portishead", albumTitle: "Dummy", playedAt: "2026-01-10T20:00:00Z", msPlayed: 302_000 },
          {
            trackTitle: "Teardrop",
            artistName: "Massive Attack",
            featuredArtists: ["Elizabeth Fraser"],
            albumTitle: "Mezzanine",
            playedAt: "2026-01-10T20:05:02Z",
            msPlayed: 330_000,
          },
          { trackTitle: "Glory Box", artistName: "Portishead", albumTitle: "Dummy", playedAt: "2026-01-10T20:10:32Z" },
        ],
      },
      { token },
    );
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data!.recordListens).toMatchObject({ inserted: 3, duplicates: 0 });

    const history = await server.graphql(HistoryDocument, { first: 10 }, { token });
    expect(history.errors).toBeUndefined();
    expect(history.data!.history.totalCount).toBe(3);
    expect(history.data!.history.edges.map((edge) => edge.node)).toEqual([
      {
        playedAt: "2026-01-10T20:10:32.000Z",
        msPlayed: null,
        counted: true,
        source: "MANUAL",
        track: { title: "Glory Box", artists: [{ name: "Portishead" }], album: { title: "Dummy", artist: { name: "Portishead" } } },
      },
      {
        playedAt: "2026-01-10T20:05:02.000Z",
        msPlayed: 330_000,
        counted: true,
        source: "MANUAL",
        track: {
          title: "Teardrop",
          artists: [{ name: "Massive Attack" }, { name: "Elizabeth Fraser" }],
          album: { title: "Mezzanine", artist: { name: "Massive Attack" } },
        },
      },
      {
        playedAt: "2026-01-10T20:00:00.000Z",
        msPlayed: 302_000,
        counted: true,
        source: "MANUAL",
        track: { title: "Roads", artists: [{ name: "Portishead" }], album: { title: "Dummy", artist: { name: "Portishead" } } },
      },
    ]);
  });
});
