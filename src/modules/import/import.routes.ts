import fastifyMultipart from "@fastify/multipart";
import type { FastifyInstance, FastifyReply } from "fastify";
import processRequest from "graphql-upload/processRequest.mjs";
import { z } from "zod";
import { importFormatEnum } from "../../db/schema.js";
import { AppError, badUserInput } from "../../platform/errors.js";
import { GRAPHQL_PATH, SESSION_COOKIE } from "../../platform/httpPaths.js";
import type { AppDeps } from "../../server/context.js";
import { authenticate } from "../auth/auth.authenticate.js";
import { importServiceFor } from "./import.context.js";
import type { ReceivedUpload } from "./import.service.js";
import { toImport } from "./import.type.js";
import { removeUpload, UploadTooLargeError } from "./upload.store.js";

const MULTIPART = "multipart/form-data";
/** room for the operations and map fields and part headers around the file */
const MULTIPART_OVERHEAD_BYTES = 1024 * 1024;

const formatField = z.enum(importFormatEnum.enumValues);

/**
 * Uploads. (1) The GraphQL multipart request spec on /graphql: the body is left unread by the
 * content-type parser and turned into `operations` by graphql-upload before Apollo runs, which
 * keeps Apollo's CSRF prevention (multipart needs an `apollo-require-preflight` or
 * `x-apollo-operation-name` header). (2) `POST /api/imports` (multipart: `file`, optional
 * `format`) for scripts and curl, answering with the Import as JSON.
 */
export async function registerImportRoutes(fastify: FastifyInstance, deps: AppDeps): Promise<void> {
  const maxBytes = deps.config.importMaxBytes;
  fastify.addContentTypeParser(MULTIPART, (_request, _payload, done) => done(null));
  fastify.addHook("preValidation", async (request, reply) => {
    if (request.routeOptions.url !== GRAPHQL_PATH || !request.headers["content-type"]?.startsWith(MULTIPART)) return;
    const declared = Number(request.headers["content-length"] ?? 0);
    if (declared > maxBytes + MULTIPART_OVERHEAD_BYTES) {
      // plainly too large: refuse before reading any of it
      reply.header("connection", "close");
      const message = `file: ${new UploadTooLargeError(maxBytes).message}`;
      return reply.code(413).send({ errors: [{ message, extensions: { code: "BAD_USER_INPUT", field: "file" } }] });
    }
    try {
      // No busboy size limit here: its truncation races with the resolver's own reading; the
      // upload store's byte count (saveUpload) refuses the file with a clear message instead.
      request.body = await processRequest(request.raw, reply.raw, { maxFiles: 1 });
    } catch (error) {
      const status = (error as { status?: number }).status ?? 400;
      return reply.code(status).send({ errors: [{ message: (error as Error).message, extensions: { code: "BAD_USER_INPUT" } }] });
    }
  });

  await fastify.register(async (scope) => {
    scope.removeContentTypeParser(MULTIPART);
    await scope.register(fastifyMultipart, { limits: { fileSize: maxBytes + 1, files: 1, fields: 5, fieldSize: 100 } });
    scope.post("/api/imports", async (request, reply) => {
      let received: ReceivedUpload | null = null;
      try {
        const { viewer } = await authenticate(deps.db, {
          authorization: request.headers.authorization,
          cookieToken: request.cookies[SESSION_COOKIE],
        });
        const service = importServiceFor(deps);
        let format: string | null = null;
        for await (const part of request.parts()) {
          if (part.type === "file") {
            if (part.fieldname !== "file" || received) {
              part.file.resume();
              throw badUserInput(part.fieldname, "send one file, in the field named 'file'");
            }
            received = await service.receive(viewer, { stream: part.file, fileName: part.filename || null });
          } else if (part.fieldname === "format" && typeof part.value === "string" && part.value !== "") {
            format = part.value;
          }
        }
        if (!received) throw badUserInput("file", "missing: send the export in a multipart field named 'file'");
        const parsedFormat = format === null ? null : formatField.safeParse(format);
        if (parsedFormat && !parsedFormat.success) throw badUserInput("format", `must be one of ${importFormatEnum.enumValues.join(", ")}`);
        const row = await service.queue(viewer, received, parsedFormat?.data ?? null);
        received = null;
        const view = toImport(row);
        return reply.code(202).send({ ...view, key: undefined, userId: undefined, storedErrors: undefined, errors: view.storedErrors });
      } catch (error) {
        if (received) await removeUpload(received.path);
        // the rest of the body may be unread (e.g. refused mid-upload): do not reuse the connection
        reply.header("connection", "close");
        return sendError(reply, error);
      }
    });
  });
}

function sendError(reply: FastifyReply, error: unknown) {
  if (error instanceof AppError) {
    const code = error.extensions.code as string;
    const tooLarge = code === "BAD_USER_INPUT" && /larger than/.test(error.message);
    const status = code === "UNAUTHENTICATED" ? 401 : code === "FORBIDDEN" ? 403 : tooLarge ? 413 : 400;
    return reply.code(status).send({ error: { code, message: error.message } });
  }
  const status = (error as { statusCode?: number }).statusCode;
  if (status && status >= 400 && status < 500) {
    return reply.code(status === 413 ? 413 : 400).send({ error: { code: "BAD_USER_INPUT", message: (error as Error).message } });
  }
  throw error;
}
