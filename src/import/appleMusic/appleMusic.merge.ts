import type { Play } from "../../modules/listen/play.js";
import type { AppleSegment } from "./appleMusic.parser.js";

/** Segments further apart than this are separate listens (a pause, a scrub: seconds). */
export const MERGE_GAP_MS = 60_000;
/** Slack when checking that merged segments do not add up to more than one play of the track. */
const DURATION_SLACK_MS = 5_000;

const SKIP_REASONS = new Set(["TRACK_SKIPPED_FORWARDS", "TRACK_SKIPPED_BACKWARDS", "MANUALLY_SELECTED_PLAYBACK_OF_A_DIFF_ITEM"]);
const FINISHED = "NATURAL_END_OF_TRACK";

export type MergedPlay = { line: number; play: Play; needsArtist: boolean };

/**
 * Joins the PLAY_END segments of one listen. Apple's rows are unsorted, so segments are sorted
 * by track then start; a segment continues the previous one when it is the same track, starts
 * within MERGE_GAP_MS of the previous end, the previous did not end naturally or by a skip, and
 * together they stay within the track's duration (a replay is a new listen). The merged play
 * keeps the first segment's line (its position) and start. Returned in line order.
 */
export function mergeAppleSegments(segments: AppleSegment[]): MergedPlay[] {
  const sorted = [...segments].sort(
    (a, b) =>
      compare(a.title, b.title) || compare(a.album ?? "", b.album ?? "") || compare(a.artist ?? "", b.artist ?? "") || a.startMs - b.startMs || a.line - b.line,
  );
  const plays: MergedPlay[] = [];
  let current: AppleSegment[] = [];
  for (const segment of sorted) {
    if (current.length > 0 && !continues(current, segment)) {
      plays.push(toPlay(current));
      current = [];
    }
    current.push(segment);
  }
  if (current.length > 0) plays.push(toPlay(current));
  return plays.sort((a, b) => a.line - b.line);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function continues(listen: AppleSegment[], next: AppleSegment): boolean {
  const last = listen[listen.length - 1]!;
  if (last.title !== next.title || last.album !== next.album || last.artist !== next.artist) return false;
  if (next.startMs - last.endMs > MERGE_GAP_MS) return false;
  if (last.endReason === FINISHED || (last.endReason !== null && SKIP_REASONS.has(last.endReason))) return false;
  const mediaMs = next.mediaMs ?? last.mediaMs;
  if (mediaMs === null) return true;
  return totalPlayed(listen) + next.playMs <= mediaMs + DURATION_SLACK_MS;
}

function totalPlayed(segments: AppleSegment[]): number {
  return segments.reduce((sum, segment) => sum + segment.playMs, 0);
}

function toPlay(segments: AppleSegment[]): MergedPlay {
  const first = segments.reduce((earliest, segment) => (segment.line < earliest.line ? segment : earliest), segments[0]!);
  const start = segments[0]!;
  const last = segments[segments.length - 1]!;
  const endReason = last.endReason;
  return {
    line: first.line,
    needsArtist: start.artist === null,
    play: {
      track: {
        title: start.title,
        artistNames: start.artist === null ? [] : [start.artist],
        albumTitle: start.album,
        durationMs: segments.find((segment) => segment.mediaMs !== null)?.mediaMs ?? null,
      },
      playedAt: new Date(start.startMs),
      msPlayed: totalPlayed(segments),
      skipped: endReason === null ? null : SKIP_REASONS.has(endReason) ? true : endReason === FINISHED ? false : null,
      platform: null,
    },
  };
}
