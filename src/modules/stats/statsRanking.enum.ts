import { registerEnumType } from "type-graphql";

/** How top lists are ordered; the other measure, then the name, break ties. */
export enum StatsRanking {
  LISTENS = "LISTENS",
  TIME_LISTENED = "TIME_LISTENED",
}
registerEnumType(StatsRanking, {
  name: "StatsRanking",
  valuesConfig: {
    LISTENS: { description: "Most listens first; ties by time listened, then name" },
    TIME_LISTENED: { description: "Most time listened (msPlayed) first; ties by listens, then name" },
  },
});
