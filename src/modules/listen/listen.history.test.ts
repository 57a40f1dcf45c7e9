import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenInput, minutesAgo, recordListens } from "../../../test/factories/listen.factory.js";
import { signUpUser, type TestUser } from "../../../test/factories/user.factory.js";
import { startTestServer, type TestServer } from "../../../test/testServer.js";
import {
  HistoryIdsDocument,
  type HistoryFilter,
  HistoryPageDocument,
  type HistoryPageQuery,
  type HistoryPageQueryVariables,
} from "../../../test/generated/graphql.js";
import { toGlobalId } from "../../platform/globalId.js";

type PageResult = HistoryPageQuery["history"];

describe("history", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  const page = async (user: TestUser, variables: HistoryPageQueryVariables): Promise<PageResult> => {
    const response = await server.graphql(HistoryPageDocument, variables, user);
    expect(response.errors).toBeUndefined();
    return response.data!.history;
  };

  describe("paging with equal timestamps", () => {
    let alice: TestUser;
    let expected: string[];

    beforeAll(async () => {
      alice = await signUpUser(server);
      // 7 listens at one instant (recorded in two calls so ids interleave), plus 2 older and 2 newer.
      const same = minutesAgo(10);
      const payloads = [
        await recordListens(server, alice, [1, 2, 3, 4].map((n) => listenInput(n, { playedAt: same }))),
        await recordListens(server, alice, [listenInput(20), listenInput(21), listenInput(0), listenInput(-1, { playedAt: minutesAgo(1) })]),
        await recordListens(server, alice, [5, 6, 7].map((n) => listenInput(n, { playedAt: same }))),
      ];
      const all = payloads.flatMap((payload) => payload.listens);
      const key = (id: string) => Number(Buffer.from(id, "base64url").toString().split(":")[1]);
      expected = [...all]
        .sort((a, b) => Date.parse(b.playedAt) - Date.parse(a.playedAt) || key(b.id) - key(a.id))
        .map((listen) => listen.id);
      expect(expected).toHaveLength(11);
    });

    it("walks forward newest first, ties broken by id, without gaps or repeats", async () => {
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const result: PageResult = await page(alice, { first: 3, after });
        seen.push(...result.edges.map((edge) => edge.node.id));
        expect(result.pageInfo.hasPreviousPage).toBe(after !== null);
        expect(result.pageInfo.startCursor).toBe(result.edges[0]?.cursor ?? null);
        expect(result.pageInfo.endCursor).toBe(result.edges.at(-1)?.cursor ?? null);
        pages += 1;
        if (!result.pageInfo.hasNextPage) break;
        after = result.pageInfo.endCursor;
      }
      expect(pages).toBe(4);
      expect(seen).toEqual(expected);
    });

    it("walks backward from the end with last/before", async () => {
      const seen: string[] = [];
      let before: string | null = null;
      for (;;) {
        const result: PageResult = await page(alice, { last: 4, before });
        seen.unshift(...result.edges.map((edge) => edge.node.id));
        expect(result.pageInfo.hasNextPage).toBe(before !== null);
        if (!result.pageInfo.hasPreviousPage) break;
        before = result.pageInfo.startCursor;
      }
      expect(seen).toEqual(expected);
    });

    it("pages back and forth from a cursor inside the equal-timestamp run", async () => {
      const first = await page(alice, { first: 4 });
      const next = await page(alice, { first: 4, after: first.pageInfo.endCursor });
      expect(next.edges.map((edge) => edge.node.id)).toEqual(expected.slice(4, 8));
      const back = await page(alice, { last: 4, before: next.pageInfo.startCursor });
      expect(back.edges.map((edge) => edge.node.id)).toEqual(expected.slice(0, 4));
      expect(back.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
    });

    it("refuses malformed cursors and page sizes", async () => {
      const bad = await server.graphql(HistoryPageDocument, { first: 2, after: "bm9wZQ" }, alice);
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
      const big = await server.graphql(HistoryPageDocument, { first: 101 }, alice);
      expect(big.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    });
  });

  describe("filters and deletes", () => {
    let alice: TestUser;
    beforeAll(async () => {
      alice = await signUpUser(server);
      await recordListens(server, alice, [
        listenInput(1, { trackTitle: "Roads", artistName: "Portishead", albumTitle: "Dummy", playedAt: "2025-01-10T10:00:00Z" }),
        listenInput(2, { trackTitle: "Glory Box", artistName: "Portishead", albumTitle: "Dummy", playedAt: "2025-01-11T10:00:00Z" }),
        listenInput(3, { trackTitle: "Teardrop", artistName: "Massive Attack", featuredArtists: ["Elizabeth Fraser"], playedAt: "2025-01-12T10:00:00Z" }),
        listenInput(4, { trackTitle: "Roads", artistName: "Portishead", albumTitle: "Dummy", playedAt: "2025-01-13T10:00:00Z" }),
        listenInput(5, { trackTitle: "Roads", artistName: "Portishead", albumTitle: "Dummy", playedAt: "2025-01-14T10:00:00Z", msPlayed: 5_000 }),
      ]);
    });

    const ids = async (filter: HistoryFilter, user: TestUser = alice) => {
      const response = await server.graphql(HistoryIdsDocument, { filter }, user);
      expect(response.errors).toBeUndefined();
      return response.data!.history;
    };

    it("filters by time window (from inclusive, to exclusive), track, album, artist (featured too) and source", async () => {
      expect((await ids({ from: "2025-01-11T10:00:00Z", to: "2025-01-13T10:00:00Z" })).totalCount).toBe(2);
      const all = await ids({});
      expect(all.totalCount).toBe(4);
      const roads = all.edges.find((edge) => edge.node.track.title === "Roads")!.node.track;
      const teardrop = all.edges.find((edge) => edge.node.track.title === "Teardrop")!.node.track;
      expect((await ids({ trackId: roads.id })).totalCount).toBe(2);
      expect((await ids({ trackId: roads.id, includeUncounted: true })).totalCount).toBe(3);
      expect((await ids({ albumId: roads.album!.id })).totalCount).toBe(3);
      const fraser = teardrop.artists.find((artist) => artist.name === "Elizabeth Fraser")!;
      expect((await ids({ artistId: fraser.id })).edges.map((edge) => edge.node.track.title)).toEqual(["Teardrop"]);
      expect((await ids({ artistId: roads.artists[0]!.id })).totalCount).toBe(3);
      expect((await ids({ source: "MANUAL" })).totalCount).toBe(4);
      expect((await ids({ source: "SCROBBLE_API" })).totalCount).toBe(0);
    });

    it("refuses from after to, and malformed or mistyped ids, naming the field", async () => {
      const cases: [HistoryFilter, string][] = [
        [{ from: "2025-01-12T00:00:00Z", to: "2025-01-11T00:00:00Z" }, "filter.from"],
        [{ artistId: "nope" }, "filter.artistId"],
        [{ trackId: toGlobalId("Artist", "7c9e6679-7425-40de-944b-e07fc1f90ae7") }, "filter.trackId"],
        [{ albumId: "x" }, "filter.albumId"],
      ];
      for (const [filter, field] of cases) {
        const response = await server.graphql(HistoryIdsDocument, { filter }, alice);
        expect(response.errors?.[0]?.extensions, field).toMatchObject({ code: "BAD_USER_INPUT", field });
      }
    });

    it("deleteListens deletes the viewer's matching listens and says how many; deleteListen one", async () => {
      const bob = await signUpUser(server);
      const bobs = await recordListens(server, bob, [
        listenInput(1),
        listenInput(2),
        listenInput(3, { msPlayed: 1 }),
        listenInput(4, { playedAt: "2024-01-01T00:00:00Z" }),
      ]);
      const mine = await recordListens(server, alice, [listenInput(1, { playedAt: "2024-06-01T00:00:00Z" })]);
      const deleted = await server.graphql(
        `mutation($filter: HistoryFilter!) { deleteListens(filter: $filter) }`,
        { filter: { from: "2026-01-01T00:00:00Z", includeUncounted: true } },
        bob,
      );
      expect(deleted.data).toEqual({ deleteListens: 3 });
      const rest = await ids({ includeUncounted: true }, bob);
      expect(rest.edges.map((edge) => edge.node.id)).toEqual([bobs.listens[3]!.id]); // 2024: outside the window
      const one = await server.graphql(`mutation($id: ID!) { deleteListen(id: $id) }`, { id: bobs.listens[3]!.id }, bob);
      expect(one.data).toEqual({ deleteListen: true });
      expect((await ids({ includeUncounted: true }, bob)).totalCount).toBe(0);
      expect((await ids({ from: "2024-06-01T00:00:00Z", to: "2024-06-02T00:00:00Z" })).edges[0]!.node.id).toBe(mine.listens[0]!.id);
    });
  });
});
