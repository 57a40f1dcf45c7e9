import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  appleMusicZip,
  type ExportFile,
  type ExportPlay,
  lastfmCsv,
  lastfmJson,
  listenbrainzZip,
  samplePlays,
  spotifyAccountZip,
  spotifyExtendedZip,
  takeoutZip,
} from "../../../test/factories/exports.factory.js";
import { signUpUser } from "../../../test/factories/user.factory.js";
import { startTestServer, type TestServer } from "../../../test/testServer.js";
import { graphqlUpload, restUpload, tempDataDir, waitForImport } from "../../../test/factories/import.factory.js";

const HISTORY = `{ history(first: 100, filter: { includeUncounted: true }) {
  totalCount edges { node { playedAt msPlayed source track { title artists { name } } } } } }`;

type Case = {
  format: string;
  source: string;
  make: (plays: ExportPlay[]) => Promise<ExportFile>;
  /** the source only gives minutes (or no duration to subtract exactly) */
  minutePrecision?: boolean;
  /** the export names no artist: credited to [unknown] with a warning */
  noArtist?: boolean;
};

const CASES: Case[] = [
  { format: "SPOTIFY_EXTENDED", source: "SPOTIFY_EXTENDED", make: (plays) => spotifyExtendedZip(plays, { quirks: true, perFile: 15 }) },
  { format: "SPOTIFY_ACCOUNT", source: "SPOTIFY_ACCOUNT", make: (plays) => spotifyAccountZip(plays, { quirks: true }), minutePrecision: true },
  { format: "LASTFM_CSV", source: "LASTFM", make: (plays) => lastfmCsv(plays, { quirks: true }), minutePrecision: true },
  { format: "LASTFM_CSV", source: "LASTFM", make: (plays) => lastfmCsv(plays, { quirks: true, variant: "ghan" }) },
  { format: "LASTFM_JSON", source: "LASTFM", make: (plays) => lastfmJson(plays, { quirks: true, shape: "pages", perPage: 10 }) },
  { format: "LISTENBRAINZ", source: "LISTENBRAINZ", make: (plays) => listenbrainzZip(plays) },
  { format: "APPLE_MUSIC", source: "APPLE_MUSIC", make: (plays) => appleMusicZip(plays, { quirks: true, vintage: "legacy", segments: true }) },
  { format: "APPLE_MUSIC", source: "APPLE_MUSIC", make: (plays) => appleMusicZip(plays, { quirks: true, vintage: "current" }), noArtist: true },
  { format: "YOUTUBE_MUSIC", source: "YOUTUBE_MUSIC", make: (plays) => takeoutZip(plays, { quirks: true }) },
];

const upload = async (file: ExportFile) => ({ content: await readFile(file.path), name: file.fileName });

describe("imports of every format over HTTP", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ DATA_DIR: tempDataDir() });
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each(CASES.map((c, i) => [`${c.format} #${i}`, c] as const))("%s: counters, start times, names, skips", async (_label, testCase) => {
    const user = await signUpUser(server);
    const plays = samplePlays(40);
    const file = await testCase.make(plays);
    const started = await graphqlUpload(server, user.token, await upload(file));
    expect(started.body.errors).toBeUndefined();
    expect(started.body.data.startImport.format).toBe(testCase.format);
    const done = await waitForImport(server, user.token, started.body.data.startImport.id);
    expect(done).toMatchObject({ status: "SUCCEEDED", inserted: file.playRows, duplicates: 0, skipped: file.skipRows, failed: 0 });
    expect(done.processedRows).toBe(done.inserted + done.duplicates + done.skipped + done.failed);
    if (testCase.noArtist) expect(done.errors.length).toBeGreaterThan(0);
    else expect(done.errors).toEqual([]);

    const { data } = await server.graphql(HISTORY, {}, { token: user.token });
    expect(data?.history.totalCount).toBe(file.playRows);
    const newest = data?.history.edges[0].node;
    const expected = plays.at(-1)!;
    expect(newest.source).toBe(testCase.source);
    expect(newest.track.title).toBe(expected.title);
    expect(newest.track.artists[0].name).toBe(testCase.noArtist ? "[unknown]" : expected.artist);
    const drift = Math.abs(new Date(newest.playedAt).getTime() - expected.startedAt.getTime());
    expect(drift).toBeLessThanOrEqual(testCase.minutePrecision ? 60_000 : 1_000);

    // the same file again: nothing new
    const again = await graphqlUpload(server, user.token, await upload(file));
    const second = await waitForImport(server, user.token, again.body.data.startImport.id);
    expect(second).toMatchObject({ status: "SUCCEEDED", inserted: 0, duplicates: file.playRows, skipped: file.skipRows });
  });

  it("stores plays seen by two sources once: Spotify Extended then a Last.fm CSV (minutes) of the same plays", async () => {
    const user = await signUpUser(server);
    const plays = samplePlays(30, Date.UTC(2024, 5, 1, 8));
    const spotify = await spotifyExtendedZip(plays);
    const first = await waitForImport(server, user.token, (await graphqlUpload(server, user.token, await upload(spotify))).body.data.startImport.id);
    expect(first.inserted).toBe(30);
    const lastfm = await lastfmCsv(plays);
    const response = await restUpload(server, `Bearer ${user.token}`, await upload(lastfm), "LASTFM_CSV");
    const second = await waitForImport(server, user.token, response.body.id);
    expect(second).toMatchObject({ status: "SUCCEEDED", inserted: 0, duplicates: 30 });
    const { data } = await server.graphql(`{ history(filter: { includeUncounted: true }) { totalCount } }`, {}, { token: user.token });
    expect(data?.history.totalCount).toBe(30);
  });

  it("drops Spotify's repeated rows (identical but for ts a minute later) as duplicates, keeps a later replay", async () => {
    const user = await signUpUser(server);
    const plays = samplePlays(6, Date.UTC(2024, 7, 1, 8)).map((play) => ({ ...play, msPlayed: 200_000 }));
    // the same track again 5 s after it ended (plays are 5 minutes apart): a play of its own
    const replay = { ...plays[1]!, startedAt: new Date(plays[1]!.startedAt.getTime() + 205_000) };
    const file = await spotifyExtendedZip([...plays, replay], { repeatedRow: true });
    const done = await waitForImport(server, user.token, (await graphqlUpload(server, user.token, await upload(file))).body.data.startImport.id);
    expect(done).toMatchObject({ status: "SUCCEEDED", inserted: 7, duplicates: 1, skipped: 0, failed: 0, processedRows: 8 });
  });

  it("gives Apple plays without an artist the artist of the same title + album the user already has", async () => {
    const user = await signUpUser(server);
    const known = samplePlays(12, Date.UTC(2024, 6, 1, 8));
    await waitForImport(server, user.token, (await graphqlUpload(server, user.token, await upload(await lastfmCsv(known, { variant: "ghan" }))))
      .body.data.startImport.id);
    const later = known.map((play) => ({ ...play, startedAt: new Date(play.startedAt.getTime() + 86_400_000) }));
    const apple = await appleMusicZip(later, { vintage: "current" });
    const done = await waitForImport(server, user.token, (await graphqlUpload(server, user.token, await upload(apple))).body.data.startImport.id);
    expect(done).toMatchObject({ status: "SUCCEEDED", inserted: 12, failed: 0, errors: [] });
    const { data } = await server.graphql(HISTORY, {}, { token: user.token });
    const newest = data?.history.edges[0].node;
    expect(newest).toMatchObject({ source: "APPLE_MUSIC", track: { title: known.at(-1)!.title, artists: [{ name: known.at(-1)!.artist }] } });
    expect(data?.history.totalCount).toBe(24);
  });
});
