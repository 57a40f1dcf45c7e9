import { readFileSync } from "node:fs";

/**
 * Peak resident memory of this process: rss sampled every 50 ms while a phase runs, and the
 * kernel's high-water mark (VmHWM) at the end, which catches spikes between samples. Each
 * benchmark phase runs in its own process, so VmHWM is that phase's peak.
 */
export type PeakMemory = { startRssBytes: number; sampledRssBytes: number; vmHwmBytes: number | null };

export function startPeakMemory(intervalMs = 50): { stop(): PeakMemory } {
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return { startRssBytes: start, sampledRssBytes: peak, vmHwmBytes: readVmHwm() };
    },
  };
}

function readVmHwm(): number | null {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync("/proc/self/status", "utf8"));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null; // not Linux
  }
}
