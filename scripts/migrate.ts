import { openDatabase } from "../src/db/client.js";
import { loadConfig } from "../src/platform/config.js";

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await database.migrate();
console.log(`Migrations applied (${database.driver}).`);
await database.close();
