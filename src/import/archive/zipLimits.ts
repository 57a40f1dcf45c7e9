/**
 * Zip-bomb limits, checked against the sizes the archive declares before anything is inflated
 * (yauzl then verifies that each entry inflates to exactly its declared size).
 *
 * Deflated JSON/CSV exports shrink 5–30×, synthetic test data up to ~100×; a run of zeros
 * shrinks ~1000×. Small entries may shrink more without harm, so the ratio applies above
 * `ratioAppliesAbove` bytes only.
 */
export type ZipLimits = {
  /** total declared uncompressed bytes across every (nested) entry */
  maxTotalUncompressedBytes: number;
  maxCompressionRatio: number;
  ratioAppliesAbove: number;
  /** archives inside archives (Apple's export is nested twice) */
  maxNestingDepth: number;
};

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxTotalUncompressedBytes: 4 * 1024 ** 3,
  maxCompressionRatio: 200,
  ratioAppliesAbove: 8 * 1024 ** 2,
  maxNestingDepth: 4,
};
