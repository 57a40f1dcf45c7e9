import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";

/** Docker cannot run here: these check the files themselves. */
const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), "utf8");

type Instruction = { keyword: string; args: string };
type Stage = { from: string; name: string | undefined; instructions: Instruction[] };

function parseDockerfile(text: string): Stage[] {
  const lines = text
    .replace(/\\\r?\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, keyword = "", args = ""] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (keyword.toUpperCase() === "FROM") {
      const [from = "", , name] = args.split(/\s+/);
      stages.push({ from, name, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

const args = (stage: Stage, keyword: string) =>
  stage.instructions.filter((instruction) => instruction.keyword === keyword).map((instruction) => instruction.args);

/** KEY=value pairs of ENV instructions (the `ENV KEY=value KEY2=value2` form). */
const envOf = (stage: Stage) =>
  Object.fromEntries(args(stage, "ENV").flatMap((line) => [...line.matchAll(/(\w+)=("[^"]*"|\S+)/g)].map((m) => [m[1]!, m[2]!])));

/** Variables in .env.example, each with the comment above it. */
function envExample(): Map<string, string> {
  const documented = new Map<string, string>();
  let comment = "";
  for (const line of read(".env.example").split("\n")) {
    if (line.startsWith("#")) comment += line;
    else if (/^[A-Z][A-Z0-9_]*=/.test(line)) {
      documented.set(line.slice(0, line.indexOf("=")), comment);
      comment = "";
    }
  }
  return documented;
}

type Service = {
  image?: string;
  build?: unknown;
  ports?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string | string[] };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
};

describe("Dockerfile", () => {
  const stages = parseDockerfile(read("Dockerfile"));
  const final = stages.at(-1)!;
  const packageJson = JSON.parse(read("package.json")) as { scripts: Record<string, string> };

  it("is multi-stage: builds with dev dependencies, runs with production dependencies only", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.from).toMatch(/^node:20-bookworm-slim$/);
    const build = stages[0]!;
    expect(args(build, "RUN").join("\n")).toMatch(/npm ci\b/);
    expect(args(build, "RUN").join("\n")).toMatch(/npm run build\b/);
    expect(args(final, "RUN").join("\n")).toMatch(/npm ci\b[^\n]*--omit=dev/);
    expect(args(final, "COPY").some((copy) => copy.startsWith(`--from=${build.name}`) && copy.includes("dist"))).toBe(true);
  });

  it("ships the migrations applied at start", () => {
    expect(args(final, "COPY").some((copy) => /^drizzle\s/.test(copy))).toBe(true);
    expect(read(".dockerignore").split("\n").map((line) => line.trim())).not.toContain("drizzle");
  });

  it("runs as a non-root user, listening on 0.0.0.0:4000, with a readiness health check", () => {
    const users = args(final, "USER");
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    expect(args(final, "EXPOSE")).toContain("4000");
    expect(envOf(final)).toMatchObject({ HOST: "0.0.0.0", PORT: "4000" });
    expect(args(final, "HEALTHCHECK").join("")).toContain("/health/ready");
  });

  it("starts the file that the build produces (package.json's start script)", () => {
    const cmd = JSON.parse(args(final, "CMD").at(-1)!) as string[];
    expect(cmd[0]).toBe("node");
    const startEntry = /\bnode\s+(\S+\.js)/.exec(packageJson.scripts.start ?? "")?.[1];
    expect(cmd[1]).toBe(startEntry);
    // tsc -p tsconfig.build.json with rootDir "." and outDir "dist" turns src/index.ts into dist/src/index.js.
    const tsconfig = JSON.parse(read("tsconfig.json")) as { compilerOptions: { outDir: string; rootDir: string } };
    expect(tsconfig.compilerOptions.rootDir).toBe(".");
    expect(`${tsconfig.compilerOptions.outDir}/src/index.js`).toBe(cmd[1]);
  });
});

describe("docker-compose.yml", () => {
  const compose = parseYaml(read("docker-compose.yml")) as { services: Record<string, Service>; volumes?: Record<string, unknown> };
  const { app, postgres, redis } = compose.services;

  it("has the app (built here), PostgreSQL 16 and Redis 7", () => {
    expect(app?.build).toBe(".");
    expect(postgres?.image).toBe("postgres:16");
    expect(redis?.image).toBe("redis:7");
    expect(app!.ports).toContain("4000:4000");
  });

  it("points DATABASE_URL and REDIS_URL at the services by name, with matching credentials", () => {
    const databaseUrl = new URL(app!.environment!.DATABASE_URL!);
    expect(databaseUrl.hostname).toBe("postgres");
    expect(databaseUrl.protocol).toBe("postgres:");
    expect(decodeURIComponent(databaseUrl.username)).toBe(postgres!.environment!.POSTGRES_USER);
    expect(decodeURIComponent(databaseUrl.password)).toBe(postgres!.environment!.POSTGRES_PASSWORD);
    expect(databaseUrl.pathname).toBe(`/${postgres!.environment!.POSTGRES_DB}`);
    const redisUrl = new URL(app!.environment!.REDIS_URL!);
    expect(redisUrl.hostname).toBe("redis");
    expect(redisUrl.protocol).toBe("redis:");
    expect(app!.environment!.HOST).toBe("0.0.0.0");
  });

  it("health-checks PostgreSQL and Redis, keeps PostgreSQL's data, and starts the app once both are healthy", () => {
    expect([postgres!.healthcheck!.test].flat().join(" ")).toContain("pg_isready");
    expect([redis!.healthcheck!.test].flat().join(" ")).toContain("redis-cli ping");
    expect(app!.depends_on).toEqual({ postgres: { condition: "service_healthy" }, redis: { condition: "service_healthy" } });
    const volume = postgres!.volumes!.find((entry) => entry.endsWith(":/var/lib/postgresql/data"));
    expect(volume).toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(volume!.split(":")[0]);
  });
});

describe("environment variables", () => {
  const documented = envExample();
  /** Every variable loadConfig reads: the keys of its zod schema. */
  const readByApp = [...read("src/platform/config.ts").matchAll(/^ {2}([A-Z][A-Z0-9_]*): z\./gm)].map((match) => match[1]!);

  it("every variable the app reads is in .env.example with a comment", () => {
    expect(readByApp.length).toBeGreaterThan(5);
    for (const name of readByApp) {
      expect(documented.has(name), `${name} is missing from .env.example`).toBe(true);
      expect(documented.get(name), `${name} needs a comment in .env.example`).not.toBe("");
    }
    expect([...documented.keys()].filter((name) => !readByApp.includes(name)), "in .env.example but never read").toEqual([]);
  });

  it("Docker and compose set only documented variables", () => {
    const compose = parseYaml(read("docker-compose.yml")) as { services: Record<string, Service> };
    const set = [
      ...Object.keys(compose.services.app!.environment ?? {}),
      ...Object.keys(envOf(parseDockerfile(read("Dockerfile")).at(-1)!)).filter((name) => name !== "NODE_ENV"),
    ];
    expect(set.filter((name) => !documented.has(name))).toEqual([]);
  });
});
