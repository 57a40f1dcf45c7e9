import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { Context } from "../../server/context.js";
import { ActivityBucket } from "./activityBucket.type.js";
import { ClockCell } from "./clockCell.type.js";
import { Granularity } from "./granularity.enum.js";
import { AlbumCount, ArtistCount, type RankedItem, TrackCount } from "./itemCount.type.js";
import { statsServiceFor } from "./stats.context.js";
import { Stats } from "./stats.type.js";
import { StatsRanking } from "./statsRanking.enum.js";
import type { StatsScope } from "./statsScope.js";
import { StatsTotals } from "./statsTotals.type.js";
import { Streaks } from "./streaks.type.js";

const rankByArg = { nullable: true, defaultValue: StatsRanking.LISTENS, description: "LISTENS (default) or TIME_LISTENED" } as const;

/** Stats fields: each one service call over the StatsScope root. */
@Resolver(() => Stats)
export class StatsResolver {
  @FieldResolver(() => StatsTotals)
  totals(@Root() scope: StatsScope, @Ctx() ctx: Context) {
    return statsServiceFor(ctx).totals(scope);
  }

  @FieldResolver(() => [ArtistCount])
  topArtists(
    @Root() scope: StatsScope,
    @Arg("first", () => Int, { nullable: true, defaultValue: 10 }) first: number,
    @Arg("rankBy", () => StatsRanking, rankByArg) rankBy: StatsRanking,
    @Ctx() ctx: Context,
  ): Promise<RankedItem[]> {
    return statsServiceFor(ctx).topArtists(scope, first, rankBy);
  }

  @FieldResolver(() => [TrackCount])
  topTracks(
    @Root() scope: StatsScope,
    @Arg("first", () => Int, { nullable: true, defaultValue: 10 }) first: number,
    @Arg("rankBy", () => StatsRanking, rankByArg) rankBy: StatsRanking,
    @Ctx() ctx: Context,
  ): Promise<RankedItem[]> {
    return statsServiceFor(ctx).topTracks(scope, first, rankBy);
  }

  @FieldResolver(() => [AlbumCount])
  topAlbums(
    @Root() scope: StatsScope,
    @Arg("first", () => Int, { nullable: true, defaultValue: 10 }) first: number,
    @Arg("rankBy", () => StatsRanking, rankByArg) rankBy: StatsRanking,
    @Ctx() ctx: Context,
  ): Promise<RankedItem[]> {
    return statsServiceFor(ctx).topAlbums(scope, first, rankBy);
  }

  @FieldResolver(() => [ClockCell])
  listeningClock(@Root() scope: StatsScope, @Ctx() ctx: Context) {
    return statsServiceFor(ctx).listeningClock(scope);
  }

  @FieldResolver(() => [ActivityBucket])
  activity(@Root() scope: StatsScope, @Arg("granularity", () => Granularity) granularity: Granularity, @Ctx() ctx: Context) {
    return statsServiceFor(ctx).activity(scope, granularity);
  }

  @FieldResolver(() => Streaks)
  streaks(@Root() scope: StatsScope, @Ctx() ctx: Context) {
    return statsServiceFor(ctx).streaks(scope);
  }

  @FieldResolver(() => [ArtistCount], { description: "Artists first heard in this range, most played first" })
  newArtists(
    @Root() scope: StatsScope,
    @Arg("first", () => Int, { nullable: true, defaultValue: 10 }) first: number,
    @Arg("rankBy", () => StatsRanking, rankByArg) rankBy: StatsRanking,
    @Ctx() ctx: Context,
  ): Promise<RankedItem[]> {
    return statsServiceFor(ctx).newArtists(scope, first, rankBy);
  }
}
