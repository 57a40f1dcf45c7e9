import { z } from "zod";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);

const configSchema = z.object({
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(4000)),
  HOST: z.preprocess(emptyToUndefined, z.string().default("127.0.0.1")),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
  ),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default("./data")),
  REDIS_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")
      .optional(),
  ),
  REDIS_KEY_PREFIX: z.preprocess(emptyToUndefined, z.string().max(100).default("tonearm:")),
  PUBLIC_URL: z.preprocess(emptyToUndefined, z.url("must be an absolute http(s) URL").optional()),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(LOG_LEVELS).default("info")),
  /** Largest accepted request body in bytes (GraphQL over HTTP). */
  MAX_BODY_BYTES: z.preprocess(emptyToUndefined, z.coerce.number().int().positive().default(2_000_000)),
  /** Largest accepted import upload in bytes (default 1 GiB); refused while streaming. */
  IMPORT_MAX_BYTES: z.preprocess(emptyToUndefined, z.coerce.number().int().positive().default(1024 ** 3)),
  /** Browsers only send Secure cookies over https; turn off only for plain-http local development. */
  COOKIE_SECURE: z.preprocess(emptyToUndefined, z.enum(["true", "false"]).default("true")),
  /** ListenBrainz-compatible API: requests allowed per token (or IP) inside one window. */
  LISTENBRAINZ_RATE_LIMIT: z.preprocess(emptyToUndefined, z.coerce.number().int().positive().default(50)),
  LISTENBRAINZ_RATE_WINDOW_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().positive().default(10)),
  /** Stats answers cached (Redis when REDIS_URL is set, in-process otherwise); off measures the database alone. */
  STATS_CACHE: z.preprocess(emptyToUndefined, z.enum(["on", "off"]).default("on")),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  redisUrl: string | undefined;
  /** prefix of every Redis key, so several deployments (or test runs) can share one Redis */
  redisKeyPrefix: string;
  publicUrl: string;
  logLevel: (typeof LOG_LEVELS)[number];
  maxBodyBytes: number;
  /** largest accepted import upload (GraphQL multipart and POST /api/imports) */
  importMaxBytes: number;
  cookieSecure: boolean;
  listenBrainzRateLimit: { requests: number; windowSeconds: number };
  statsCache: boolean;
};

export class ConfigError extends Error {
  constructor(readonly variable: string, problem: string) {
    super(`Invalid environment variable ${variable}: ${problem}`);
    this.name = "ConfigError";
  }
}

/** Reads and validates configuration; the error names the variable that is wrong. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? "?"), issue.message);
  }
  const value = parsed.data;
  const displayHost = value.HOST === "0.0.0.0" || value.HOST === "::" ? "localhost" : value.HOST;
  return {
    port: value.PORT,
    host: value.HOST,
    databaseUrl: value.DATABASE_URL,
    dataDir: value.DATA_DIR,
    redisUrl: value.REDIS_URL,
    redisKeyPrefix: value.REDIS_KEY_PREFIX,
    publicUrl: (value.PUBLIC_URL ?? `http://${displayHost}:${value.PORT}`).replace(/\/+$/, ""),
    logLevel: value.LOG_LEVEL,
    maxBodyBytes: value.MAX_BODY_BYTES,
    importMaxBytes: value.IMPORT_MAX_BYTES,
    cookieSecure: value.COOKIE_SECURE === "true",
    listenBrainzRateLimit: { requests: value.LISTENBRAINZ_RATE_LIMIT, windowSeconds: value.LISTENBRAINZ_RATE_WINDOW_SECONDS },
    statsCache: value.STATS_CACHE === "on",
  };
}
