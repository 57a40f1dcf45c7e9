import { readFileSync } from "node:fs";

/**
 * CPU seconds spent by this process and by the PostgreSQL backends serving the benchmark's
 * database. The machine is shared (2 cores, other engineers' tests and benchmarks), so wall
 * time alone says little; CPU time does not depend on how busy the machine is. Backends are
 * found through pg_stat_activity and read from /proc (Linux, same machine, same root user).
 */
export type CpuSeconds = { node: number; postgres: number | null };

const CLOCK_TICKS = 100; // getconf CLK_TCK on Linux

function processTicks(pid: number): number | null {
  try {
    // fields after the ")" that ends the command name: utime and stime are the 12th and 13th
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

export type BackendPids = () => Promise<number[]>;

/** Starts counting; `stop()` returns the CPU used since. Backends that start later count from zero. */
export async function startCpuTime(backendPids: BackendPids | null): Promise<{ stop(): Promise<CpuSeconds> }> {
  const nodeStart = process.cpuUsage();
  const before = new Map<number, number>();
  if (backendPids) for (const pid of await backendPids()) before.set(pid, processTicks(pid) ?? 0);
  return {
    async stop() {
      const used = process.cpuUsage(nodeStart);
      let postgresTicks: number | null = null;
      if (backendPids) {
        postgresTicks = 0;
        for (const pid of await backendPids()) postgresTicks += (processTicks(pid) ?? 0) - (before.get(pid) ?? 0);
      }
      return { node: (used.user + used.system) / 1e6, postgres: postgresTicks === null ? null : postgresTicks / CLOCK_TICKS };
    },
  };
}
