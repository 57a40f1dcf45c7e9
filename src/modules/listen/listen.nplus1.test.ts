import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenInput, recordListens } from "../../../test/factories/listen.factory.js";
import { signUpUser, type TestUser } from "../../../test/factories/user.factory.js";
import { startTestServer, type TestServer } from "../../../test/testServer.js";

const PAGE_OF_100 = /* GraphQL */ `
  {
    history(first: 100) {
      edges {
        node {
          playedAt
          track {
            title
            artists { name }
            album { title artist { name } }
            viewerStats { listens msPlayed }
          }
        }
      }
    }
  }
`;

/** The acceptance point: a 100-listen history page with tracks, artists, albums and stats. */
describe("history page statement budget (N+1)", () => {
  const BUDGET = 6;
  let server: TestServer;
  let alice: TestUser;

  beforeAll(async () => {
    server = await startTestServer();
    alice = await signUpUser(server);
    // 100 distinct tracks by 7 artists, every third with a featured artist, on 10 albums (some without)
    const inputs = Array.from({ length: 100 }, (_, n) =>
      listenInput(n, {
        trackTitle: `Song ${n}`,
        artistName: `Band ${n % 7}`,
        ...(n % 3 === 0 ? { featuredArtists: [`Guest ${n % 5}`] } : {}),
        ...(n % 10 === 9 ? {} : { albumTitle: `Album ${n % 10}` }),
      }),
    );
    expect((await recordListens(server, alice, inputs)).inserted).toBe(100);
  });
  afterAll(async () => {
    await server?.close();
  });

  it(`costs at most ${BUDGET} statements for one HTTP request, auth lookup included`, async () => {
    const statements: string[] = [];
    const stop = server.database.onQuery((query) => statements.push(query));
    let response;
    try {
      response = await server.graphql(PAGE_OF_100, {}, alice);
    } finally {
      stop();
    }
    expect(response.errors).toBeUndefined();
    const edges = response.data!.history.edges;
    expect(edges).toHaveLength(100);
    const withFeature = edges.find((edge: any) => edge.node.track.artists.length === 2).node.track;
    expect(withFeature.artists[1].name).toMatch(/^Guest /);
    expect(edges.every((edge: any) => edge.node.track.viewerStats.listens === 1)).toBe(true);
    expect(edges.some((edge: any) => edge.node.track.album?.artist.name.startsWith("Band "))).toBe(true);

    const report = statements.map((statement, i) => `${i + 1}. ${statement}`).join("\n");
    console.info(`history(first: 100) ran ${statements.length} statements:\n${report}`);
    expect(statements.length, `over budget (${statements.length} > ${BUDGET}):\n${report}`).toBeLessThanOrEqual(BUDGET);
  });
});
