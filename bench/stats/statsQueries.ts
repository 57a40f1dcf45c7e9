/** The measured stats, each as the Stats selection a client would send. */
export const STAT_SELECTIONS = {
  totals: "totals { listens msPlayed distinctTracks distinctArtists distinctAlbums activeDays }",
  "topArtists(50)": "topArtists(first: 50) { rank listens msPlayed artist { id name } }",
  "topTracks(50)": "topTracks(first: 50) { rank listens msPlayed track { id title } }",
  "topAlbums(50)": "topAlbums(first: 50) { rank listens msPlayed album { id title } }",
  clock: "listeningClock { weekday hour listens msPlayed }",
  "activity(DAY)": "activity(granularity: DAY) { start listens msPlayed }",
  "activity(MONTH)": "activity(granularity: MONTH) { start listens msPlayed }",
  streaks: "streaks { longestDays longestStart currentDays }",
  "newArtists(50)": "newArtists(first: 50) { rank listens msPlayed artist { id name } }",
} as const;

export type StatName = keyof typeof STAT_SELECTIONS;
export const STAT_NAMES = Object.keys(STAT_SELECTIONS) as StatName[];
export const RANGES = ["ALL_TIME", "THIS_YEAR", "LAST_30_DAYS"] as const;
export type RangeName = (typeof RANGES)[number];

/** The signed-in user's stat over a preset. */
export function ownStatQuery(stat: StatName): string {
  return `query OwnStat($range: StatsRangeInput!) { me { stats(range: $range) { ${STAT_SELECTIONS[stat]} } } }`;
}

/** Another (public) user's stat over a preset. */
export function userStatQuery(stat: StatName): string {
  return `query UserStat($username: String!, $range: StatsRangeInput!) { user(username: $username) { stats(range: $range) { ${STAT_SELECTIONS[stat]} } } }`;
}

export const RECORD_LISTEN = `mutation Record($input: RecordListenInput!) { recordListen(input: $input) { id } }`;
