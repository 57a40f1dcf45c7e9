import type { Random } from "./seededRandom.js";

/**
 * Samples ranks 0..n-1 with probability ∝ 1/(rank+1)^exponent: listening is heavy-tailed (a
 * few artists and tracks take most plays), which is what stresses catalog caches realistically.
 * Precomputed CDF + binary search: O(log n) per draw, 8 bytes per rank.
 */
export function zipfSampler(n: number, exponent: number): (random: Random) => number {
  const cdf = new Float64Array(n);
  let total = 0;
  for (let rank = 0; rank < n; rank++) {
    total += 1 / Math.pow(rank + 1, exponent);
    cdf[rank] = total;
  }
  return (random) => {
    const target = random.next() * total;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (cdf[mid]! < target) low = mid + 1;
      else high = mid;
    }
    return low;
  };
}
