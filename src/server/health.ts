import type { FastifyInstance } from "fastify";
import type { DatabaseHandle } from "../db/client.js";

export function registerHealthRoutes(fastify: FastifyInstance, database: DatabaseHandle): void {
  fastify.get("/health/live", async () => ({ status: "ok" }));
  fastify.get("/health/ready", async (_request, reply) => {
    const ready = await database.isReady();
    return reply.code(ready ? 200 : 503).send({ status: ready ? "ok" : "unavailable", database: ready });
  });
}
