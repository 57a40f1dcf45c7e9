import type { Database } from "../../db/client.js";
import type { ListenSource, TrackRow, UserRow } from "../../db/schema.js";
import { notFound } from "../../platform/errors.js";
import { fromGlobalId } from "../../platform/globalId.js";
import { encodeCursor, type ConnectionArgs, pageFromRows, parsePageRequest } from "../../platform/pagination.js";
import { toConnection } from "../../platform/graphql/connection.type.js";
import type { Logger } from "../../platform/logger.js";
import type { PubSub } from "../../platform/pubsub.js";
import { requireViewer } from "../auth/auth.guard.js";
import { newListenIds, publishNewListens } from "../live/live.publisher.js";
import type { Viewer } from "../auth/viewer.js";
import { canViewHistory } from "../user/user.policy.js";
import type { HistoryFilter } from "./historyFilter.input.js";
import type { ListenLoaders } from "./listen.loaders.js";
import { type ListenCursor, listenRepository } from "./listen.repository.js";
import { type Listen, ListenConnection, toListen } from "./listen.type.js";
import { parseHistoryFilter } from "./listenFilter.js";
import type { RecordListenInput } from "./recordListen.input.js";
import { parseRecordListenInput, parseRecordListenInputs } from "./recordListen.validation.js";
import { recordListensForUser } from "./recordListens.command.js";
import { applyListenRollups, bumpStatsVersion } from "../stats/statsRollup.repository.js";

export type ListenServiceDeps = {
  db: Database;
  loaders: ListenLoaders;
  /** hands tracks read alongside listens to the catalog's per-request loader */
  primeTracks(tracks: TrackRow[]): void;
  /** new listens go out to livePlays subscribers */
  pubsub: PubSub;
  logger: Logger;
};

export type RecordListensOutcome = { inserted: number; duplicates: number; listens: Listen[] };

const isListenCursor = (value: unknown): value is ListenCursor =>
  Array.isArray(value) &&
  value.length === 2 &&
  value.every((part) => Number.isSafeInteger(part)) &&
  (value[1] as number) > 0 &&
  Number.isFinite(new Date(value[0] as number).getTime());

const cursorOf = (listen: Listen) => encodeCursor([listen.playedAt.getTime(), listen.key] satisfies ListenCursor);

/** Listens: access rules and orchestration. The viewer comes first in every method. */
export class ListenService {
  constructor(private readonly deps: ListenServiceDeps) {}

  /** The viewer's own history, newest first. */
  history(viewer: Viewer | null, args: ConnectionArgs, filter: HistoryFilter | null | undefined): Promise<ListenConnection> {
    const signedIn = requireViewer(viewer);
    return this.page(signedIn.userId, args, filter);
  }

  /** `owner`'s history, or null when the viewer may not see it. */
  async historyOf(
    viewer: Viewer | null,
    owner: Pick<UserRow, "id" | "visibility">,
    args: ConnectionArgs,
    filter: HistoryFilter | null | undefined,
  ): Promise<ListenConnection | null> {
    if (!canViewHistory(viewer, owner)) return null;
    return this.page(owner.id, args, filter);
  }

  /** One listen by key for node(id) / _entities; null when absent or its owner's history is hidden. */
  async findVisible(viewer: Viewer | null, key: number): Promise<Listen | null> {
    const row = await this.deps.loaders.listenById.load(key);
    if (!row || !canViewHistory(viewer, { id: row.listen.userId, visibility: row.ownerVisibility })) return null;
    return toListen(row.listen);
  }

  /** Records plays for the viewer: MANUAL when signed in by session, SCROBBLE_API by API token. */
  async record(viewer: Viewer | null, inputs: RecordListenInput[], now = new Date()): Promise<RecordListensOutcome> {
    const signedIn = requireViewer(viewer);
    const plays = parseRecordListenInputs(inputs, now);
    return this.store(signedIn, plays);
  }

  async recordOne(viewer: Viewer | null, input: RecordListenInput, now = new Date()): Promise<Listen> {
    const signedIn = requireViewer(viewer);
    const plays = [parseRecordListenInput(input, now, "input")];
    const outcome = await this.store(signedIn, plays);
    return outcome.listens[0]!;
  }

  /** Deletes one of the viewer's listens; NOT_FOUND for unknown ids and other users' listens alike. */
  async delete(viewer: Viewer | null, id: string): Promise<boolean> {
    const signedIn = requireViewer(viewer);
    const key = Number(fromGlobalId("Listen", id, "id"));
    const deleted = await this.deps.db.transaction(async (tx) => {
      await bumpStatsVersion(tx, [signedIn.userId]); // every listens writer locks the user first
      const row = await listenRepository.deleteOwned(tx, signedIn.userId, key);
      if (row) await applyListenRollups(tx, [row], -1);
      return row;
    });
    if (!deleted) throw notFound("Listen");
    return true;
  }

  /** Deletes the viewer's listens matching the filter (history's semantics); returns how many. */
  async deleteMatching(viewer: Viewer | null, filter: HistoryFilter): Promise<number> {
    const signedIn = requireViewer(viewer);
    return this.deps.db.transaction(async (tx) => {
      await bumpStatsVersion(tx, [signedIn.userId]); // every listens writer locks the user first
      const deleted = await listenRepository.deleteMatching(tx, signedIn.userId, parseHistoryFilter(filter));
      await applyListenRollups(tx, deleted, -1);
      return deleted.length;
    });
  }

  private async store(viewer: Viewer, plays: Parameters<typeof recordListensForUser>[2]): Promise<RecordListensOutcome> {
    const source: ListenSource = viewer.via === "apiToken" ? "SCROBBLE_API" : "MANUAL";
    const result = await recordListensForUser(this.deps.db, viewer.userId, plays, source);
    await publishNewListens(this.deps.pubsub, viewer.userId, newListenIds(result), this.deps.logger);
    return { inserted: result.inserted, duplicates: result.duplicates, listens: result.listens.map(toListen) };
  }

  private async page(
    userId: string,
    args: ConnectionArgs,
    rawFilter: HistoryFilter | null | undefined,
  ): Promise<ListenConnection> {
    const request = parsePageRequest(args, isListenCursor);
    const filter = parseHistoryFilter(rawFilter);
    const rows = await listenRepository.findPage(this.deps.db, userId, filter, request);
    this.deps.primeTracks(rows.map((row) => row.track));
    const page = pageFromRows(
      rows.map((row) => toListen(row.listen)),
      request,
    );
    let total: Promise<number> | null = null;
    return toConnection(ListenConnection, page, cursorOf, () => (total ??= listenRepository.count(this.deps.db, userId, filter)));
  }
}
