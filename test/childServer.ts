import "reflect-metadata";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * The real server in ANOTHER OS process (its own event loop, single-flight map and Redis
 * connection), over a database and Redis given by env: how two production instances share them.
 * PostgreSQL only (an in-memory PGlite cannot be shared across processes).
 */
export type ChildServer = { url: string; close(): Promise<void> };

export async function startChildServer(env: Record<string, string>): Promise<ChildServer> {
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url)], {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /LISTENING (\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`child server exited with ${code} before listening`)));
  });
  return {
    url,
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

async function main() {
  const { loadConfig } = await import("../src/platform/config.js");
  const { openDatabase } = await import("../src/db/client.js");
  const { createLogger } = await import("../src/platform/logger.js");
  const { createApp } = await import("../src/server/app.js");
  const config = loadConfig(process.env);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: "unused", poolSize: 5 });
  const app = await createApp({ config, database, logger: createLogger(config.logLevel) });
  const url = await app.listen();
  process.stdout.write(`LISTENING ${url}\n`);
  process.once("SIGTERM", () => {
    void app.close().then(() => database.close()).then(() => process.exit(0));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
