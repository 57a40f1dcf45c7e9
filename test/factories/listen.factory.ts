import type { TestServer } from "../testServer.js";

export type RecordInput = {
  trackTitle: string;
  artistName: string;
  featuredArtists?: string[];
  albumTitle?: string;
  playedAt?: string;
  msPlayed?: number;
  durationMs?: number;
  isrc?: string;
  spotifyUri?: string;
  mbid?: string;
  platform?: string;
};

export type RecordedListen = {
  id: string;
  playedAt: string;
  msPlayed: number | null;
  counted: boolean;
  source: string;
  skipped: boolean | null;
  platform: string | null;
};

export const LISTEN_FIELDS = "id playedAt msPlayed counted source skipped platform";

export const RECORD_LISTENS = /* GraphQL */ `
  mutation RecordListens($inputs: [RecordListenInput!]!) {
    recordListens(inputs: $inputs) { inserted duplicates listens { ${LISTEN_FIELDS} } }
  }
`;

/** `minutesAgo` minutes before a fixed base time, as an ISO string. */
export function minutesAgo(minutes: number, base = Date.parse("2026-01-15T12:00:00Z")): string {
  return new Date(base - minutes * 60_000).toISOString();
}

/** A plain input: track `n` by artist `n % artists`, started `n` minutes before the base time. */
export function listenInput(n: number, overrides: Partial<RecordInput> = {}): RecordInput {
  return { trackTitle: `Track ${n}`, artistName: `Artist ${n % 3}`, playedAt: minutesAgo(n), msPlayed: 180_000, ...overrides };
}

/** Records listens over HTTP as `token`'s user; throws on any error. */
export async function recordListens(
  server: TestServer,
  auth: { token?: string; authorization?: string },
  inputs: RecordInput[],
): Promise<{ inserted: number; duplicates: number; listens: RecordedListen[] }> {
  const response = await server.graphql<{ recordListens: { inserted: number; duplicates: number; listens: RecordedListen[] } }>(
    RECORD_LISTENS,
    { inputs },
    auth,
  );
  if (!response.data?.recordListens) throw new Error(`recordListens failed: ${JSON.stringify(response.errors)}`);
  return response.data.recordListens;
}
