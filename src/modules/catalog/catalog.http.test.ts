import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listens } from "../../db/schema.js";
import { fromGlobalId, toGlobalId } from "../../platform/globalId.js";
import { signUpUser, type TestUser } from "../../../test/factories/user.factory.js";
import { startTestServer, type TestServer } from "../../../test/testServer.js";
import { resolveTracks } from "./trackResolution.service.js";

const TRACK_FIELDS = /* GraphQL */ `
  id title durationMs isrc spotifyUri mbid
  artists { id name }
  album { id title artist { name } }
  viewerStats { listens msPlayed firstListenedAt lastListenedAt }
`;

describe("catalog over GraphQL", () => {
  let server: TestServer;
  let viewer: TestUser;
  let ids: string[];

  beforeAll(async () => {
    server = await startTestServer();
    viewer = await signUpUser(server);
    ids = await resolveTracks(server.database.db, [
      {
        title: "Paranoid Android",
        artistNames: ["Radiohead"],
        albumTitle: "OK Computer",
        durationMs: 383_000,
        isrc: "GBAYE9700358",
        spotifyId: "6LgJvl0Xdtc73RJ1mmpotq",
      },
      { title: "Karma Police", artistNames: ["Radiohead"], albumTitle: "OK Computer", durationMs: 264_000 },
      { title: "Hoppípolla", artistNames: ["Sigur Rós"], albumTitle: "Takk..." },
      { title: "Crazy in Love (feat. Jay-Z)", artistNames: ["Beyoncé"], albumTitle: "Dangerously in Love" },
      { title: "Mrs. Robinson", artistNames: ["Simon & Garfunkel"] },
    ]);
    const userId = fromGlobalId("User", viewer.user.id, "user.id");
    await server.database.db.insert(listens).values([
      { userId, trackId: ids[0]!, playedAt: new Date("2025-01-01T08:00:00Z"), msPlayed: 300_000, source: "MANUAL", counted: true },
      { userId, trackId: ids[0]!, playedAt: new Date("2025-01-02T08:00:00Z"), msPlayed: null, source: "MANUAL", counted: true },
      { userId, trackId: ids[1]!, playedAt: new Date("2025-01-03T08:00:00Z"), msPlayed: 10_000, source: "MANUAL", counted: false },
    ]);
  });
  afterAll(async () => {
    await server.close();
  });

  it("serves a track with its artists, album and the viewer's stats", async () => {
    const response = await server.graphql(`query ($id: ID!) { track(id: $id) { ${TRACK_FIELDS} } }`, { id: toGlobalId("Track", ids[0]!) }, { token: viewer.token });
    expect(response.errors).toBeUndefined();
    expect(response.data!.track).toMatchObject({
      id: toGlobalId("Track", ids[0]!),
      title: "Paranoid Android",
      durationMs: 383_000,
      isrc: "GBAYE9700358",
      spotifyUri: "spotify:track:6LgJvl0Xdtc73RJ1mmpotq",
      mbid: null,
      artists: [{ name: "Radiohead" }],
      album: { title: "OK Computer", artist: { name: "Radiohead" } },
      viewerStats: { listens: 2, msPlayed: 683_000, firstListenedAt: "2025-01-01T08:00:00.000Z", lastListenedAt: "2025-01-02T08:00:00.000Z" },
    });
  });

  it("gives null viewerStats without a viewer and zeros without listens", async () => {
    const anonymous = await server.graphql(`query ($id: ID!) { track(id: $id) { viewerStats { listens } } }`, { id: toGlobalId("Track", ids[0]!) });
    expect(anonymous.data!.track).toEqual({ viewerStats: null });
    const none = await server.graphql(`query ($id: ID!) { track(id: $id) { viewerStats { listens msPlayed firstListenedAt } } }`, { id: toGlobalId("Track", ids[2]!) }, { token: viewer.token });
    expect(none.data!.track).toEqual({ viewerStats: { listens: 0, msPlayed: 0, firstListenedAt: null } });
  });

  it("serves an artist with albums, paginated tracks and stats", async () => {
    const track = await server.graphql(`query ($id: ID!) { track(id: $id) { artists { id } } }`, { id: toGlobalId("Track", ids[0]!) });
    const artistId = track.data!.track.artists[0].id as string;
    const query = `query ($id: ID!, $after: String) { artist(id: $id) {
      id name albums { title } viewerStats { listens }
      tracks(first: 1, after: $after) { totalCount edges { cursor node { title } } pageInfo { hasNextPage endCursor } }
    } }`;
    const first = await server.graphql(query, { id: artistId }, { token: viewer.token });
    expect(first.errors).toBeUndefined();
    expect(first.data!.artist).toMatchObject({
      id: artistId,
      name: "Radiohead",
      albums: [{ title: "OK Computer" }],
      viewerStats: { listens: 2 },
      tracks: { totalCount: 2, edges: [{ node: { title: "Karma Police" } }], pageInfo: { hasNextPage: true } },
    });
    const second = await server.graphql(query, { id: artistId, after: first.data!.artist.tracks.pageInfo.endCursor });
    expect(second.data!.artist.tracks).toMatchObject({ edges: [{ node: { title: "Paranoid Android" } }], pageInfo: { hasNextPage: false } });
    const bad = await server.graphql(query, { id: artistId, after: "nonsense" });
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("serves an album with its artist, tracks and stats; node(id) finds all three types", async () => {
    const track = await server.graphql(`query ($id: ID!) { track(id: $id) { album { id } artists { id } } }`, { id: toGlobalId("Track", ids[1]!) });
    const albumId = track.data!.track.album.id as string;
    const album = await server.graphql(
      `query ($id: ID!) { album(id: $id) { id title artist { name } tracks { title } viewerStats { listens msPlayed } } }`,
      { id: albumId },
      { token: viewer.token },
    );
    expect(album.data!.album).toEqual({
      id: albumId,
      title: "OK Computer",
      artist: { name: "Radiohead" },
      tracks: [{ title: "Karma Police" }, { title: "Paranoid Android" }],
      viewerStats: { listens: 2, msPlayed: 683_000 },
    });
    const nodes = await server.graphql(
      `query ($a: ID!, $b: ID!, $c: ID!) {
        a: node(id: $a) { __typename id ... on Album { title } }
        b: node(id: $b) { __typename ... on Artist { name } }
        c: node(id: $c) { __typename ... on Track { title } }
      }`,
      { a: albumId, b: track.data!.track.artists[0].id, c: toGlobalId("Track", ids[1]!) },
    );
    expect(nodes.data).toEqual({
      a: { __typename: "Album", id: albumId, title: "OK Computer" },
      b: { __typename: "Artist", name: "Radiohead" },
      c: { __typename: "Track", title: "Karma Police" },
    });
  });

  it("answers null for unknown ids and BAD_USER_INPUT naming the argument for malformed ones", async () => {
    const unknown = await server.graphql(`query ($id: ID!) { artist(id: $id) { name } }`, { id: toGlobalId("Artist", "00000000-0000-4000-8000-000000000000") });
    expect(unknown.data).toEqual({ artist: null });
    for (const [field, id] of [["track", "garbage"], ["album", toGlobalId("Track", ids[0]!)]] as const) {
      const response = await server.graphql(`query ($id: ID!) { ${field}(id: $id) { id } }`, { id });
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    }
  });

  it("splits featured artists out of titles and keeps duos whole", async () => {
    const response = await server.graphql(`query ($a: ID!, $b: ID!) { a: track(id: $a) { title artists { name } } b: track(id: $b) { artists { name } } }`, {
      a: toGlobalId("Track", ids[3]!),
      b: toGlobalId("Track", ids[4]!),
    });
    expect(response.data).toEqual({
      a: { title: "Crazy in Love", artists: [{ name: "Beyoncé" }, { name: "Jay-Z" }] },
      b: { artists: [{ name: "Simon & Garfunkel" }] },
    });
  });

  it("searches by prefix, ignoring accents for exact artist names, and fuzzily", async () => {
    const search = (query: string, first?: number) =>
      server.graphql(`query ($q: String!, $first: Int) { search(query: $q, first: $first) { artists { name } albums { title } tracks { title } } }`, {
        q: query,
        first,
      });
    expect((await search("radio")).data!.search.artists).toEqual([{ name: "Radiohead" }]);
    expect((await search("sigur ros")).data!.search.artists).toEqual([{ name: "Sigur Rós" }]);
    expect((await search("  BEYONCE ")).data!.search.artists).toEqual([{ name: "Beyoncé" }]);
    expect((await search("paranod android")).data!.search.tracks).toEqual([{ title: "Paranoid Android" }]);
    expect((await search("ok comp")).data!.search.albums).toEqual([{ title: "OK Computer" }]);
    expect((await search("%")).data!.search).toEqual({ artists: [], albums: [], tracks: [] });
    const both = await search("k", 1);
    expect(both.data!.search.tracks).toEqual([{ title: "Karma Police" }]);
    for (const [query, first, field] of [["   ", 10, "query"], ["x".repeat(201), 10, "query"], ["radio", 0, "first"], ["radio", 51, "first"]] as const) {
      const response = await search(query, first);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
  });
});
