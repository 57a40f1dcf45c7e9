import "reflect-metadata";
import { writeFileSync } from "node:fs";
import { printSubgraphSchemaSdl } from "../src/server/schemaSdl.js";

writeFileSync(new URL("../schema/schema.graphql", import.meta.url), await printSubgraphSchemaSdl());
console.log("Wrote schema/schema.graphql");
