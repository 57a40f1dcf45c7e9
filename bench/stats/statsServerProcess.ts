import "reflect-metadata";
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { CacheStats } from "../../src/platform/cache/cache.js";

/**
 * The measured server in its own OS process, as in production: the bench's client (fetch, JSON
 * parsing, its garbage) must not share the server's event loop and heap, or its work shows up in
 * the server's latency tails. The parent asks for the cache counters over IPC.
 */
export type StatsServerProcess = { url: string; cacheStats(): Promise<CacheStats>; close(): Promise<void> };

type Request = { kind: "cacheStats" } | { kind: "close" };
type Reply = { kind: "listening"; url: string } | { kind: "cacheStats"; stats: CacheStats };

/** `execArgv`: extra node flags for the server, e.g. ["--cpu-prof"] to see where its time goes. */
export async function startStatsServer(env: Record<string, string>, execArgv: string[] = []): Promise<StatsServerProcess> {
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ["--import", "tsx", ...execArgv],
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "warn", COOKIE_SECURE: "false", ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const next = <K extends Reply["kind"]>(kind: K) =>
    new Promise<Extract<Reply, { kind: K }>>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`stats server exited with ${code}`));
      const onMessage = (message: Reply) => {
        if (message.kind !== kind) return;
        child.off("message", onMessage);
        child.off("exit", onExit);
        resolve(message as Extract<Reply, { kind: K }>);
      };
      child.on("message", onMessage);
      child.once("exit", onExit);
    });
  const send = (request: Request) => child.send(request);
  const { url } = await next("listening");
  return {
    url,
    async cacheStats() {
      const reply = next("cacheStats");
      send({ kind: "cacheStats" });
      return (await reply).stats;
    },
    async close() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      send({ kind: "close" });
      await exited;
    },
  };
}

async function serve(): Promise<void> {
  const { loadConfig } = await import("../../src/platform/config.js");
  const { openDatabase } = await import("../../src/db/client.js");
  const { createLogger } = await import("../../src/platform/logger.js");
  const { createApp } = await import("../../src/server/app.js");
  const config = loadConfig(process.env);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: "unused", poolSize: 10 });
  const app = await createApp({ config, database, logger: createLogger(config.logLevel) });
  const reply = (message: Reply) => process.send!(message);
  process.on("message", (request: Request) => {
    if (request.kind === "cacheStats") reply({ kind: "cacheStats", stats: app.cache.stats() });
    else void app.close().then(() => database.close()).then(() => process.exit(0));
  });
  reply({ kind: "listening", url: await app.listen() });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await serve();
