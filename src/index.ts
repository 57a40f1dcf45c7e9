import "reflect-metadata";
import { openDatabase } from "./db/client.js";
import { ConfigError, loadConfig } from "./platform/config.js";
import { createLogger } from "./platform/logger.js";
import { createApp } from "./server/app.js";

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const startedAt = performance.now();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await database.migrate();
  const app = await createApp({ config, database, logger });
  await app.listen();
  const where = config.databaseUrl ? "PostgreSQL" : `embedded PostgreSQL (PGlite) in ${config.dataDir}`;
  logger.info({ ms: Math.round(performance.now() - startedAt) }, `Tonearm ready on ${where}`);
  // Printed plainly so a newcomer sees where to go, whatever the log level.
  console.log(`\n  Tonearm GraphQL API: ${config.publicUrl}/graphql\n  Playground (open in a browser): ${config.publicUrl}/graphql\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => {
      logger.error("shutdown took longer than 10 s; exiting");
      process.exit(1);
    }, 10_000);
    force.unref();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
