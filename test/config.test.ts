import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/platform/config.js";

const root = join(import.meta.dirname, "..");

describe("loadConfig", () => {
  it("has defaults for everything", () => {
    expect(loadConfig({})).toMatchObject({
      port: 4000,
      host: "127.0.0.1",
      databaseUrl: undefined,
      dataDir: "./data",
      redisUrl: undefined,
      publicUrl: "http://127.0.0.1:4000",
      logLevel: "info",
      maxBodyBytes: 2_000_000,
      cookieSecure: true,
    });
  });

  it("treats empty values as unset, and derives the public URL", () => {
    expect(loadConfig({ PORT: "", DATABASE_URL: "", LOG_LEVEL: "" }).port).toBe(4000);
    expect(loadConfig({ HOST: "0.0.0.0", PORT: "8080" }).publicUrl).toBe("http://localhost:8080");
    expect(loadConfig({ PUBLIC_URL: "https://tonearm.example/" }).publicUrl).toBe("https://tonearm.example");
  });

  it("accepts valid values", () => {
    const config = loadConfig({
      PORT: "5000",
      DATABASE_URL: "postgresql://u:p@db:5432/tonearm",
      REDIS_URL: "rediss://cache:6380",
      LOG_LEVEL: "debug",
      COOKIE_SECURE: "false",
    });
    expect(config).toMatchObject({ port: 5000, databaseUrl: "postgresql://u:p@db:5432/tonearm", redisUrl: "rediss://cache:6380", logLevel: "debug", cookieSecure: false });
  });

  it.each([
    ["PORT", "abc"],
    ["PORT", "70000"],
    ["PORT", "-1"],
    ["DATABASE_URL", "mysql://localhost/tonearm"],
    ["REDIS_URL", "http://localhost:6379"],
    ["PUBLIC_URL", "not a url"],
    ["LOG_LEVEL", "loud"],
    ["MAX_BODY_BYTES", "0"],
    ["COOKIE_SECURE", "yes"],
  ])("refuses %s=%s with a ConfigError naming the variable", (variable, value) => {
    let caught: unknown;
    try {
      loadConfig({ [variable]: value });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).variable).toBe(variable);
    expect((caught as ConfigError).message).toContain(variable);
  });
});

/** The server as users start it, from source (no build needed): node --import tsx src/index.ts. */
function startProcess(env: Record<string, string>): ChildProcess & { output: () => string } {
  // NODE_ENV as in the Docker image: vitest sets "test", under which Apollo leaves signals alone.
  const processEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", ...env };
  // Always the embedded database here, whatever the suite runs on.
  delete processEnv.DATABASE_URL;
  delete processEnv.REDIS_URL;
  const child = spawn(process.execPath, ["--import", "tsx", "src/index.ts"], { cwd: root, env: processEnv, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return Object.assign(child, { output: () => output });
}

function exitOf(child: ChildProcess, timeoutMs: number): Promise<number | null | "timeout"> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    const timer = setTimeout(() => resolve("timeout"), timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("the server process", () => {
  const children: ChildProcess[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), "tonearm-start-"));
  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("exits non-zero naming the variable when the configuration is bad", async () => {
    const child = startProcess({ PORT: "abc" });
    children.push(child);
    const code = await exitOf(child, 15_000);
    expect(code).not.toBe(0);
    expect(code).not.toBe("timeout");
    expect(child.output()).toContain("PORT");
  });

  /** Starts the server and waits for /health/ready; returns the child and the time it took. */
  async function startUntilReady(port: number) {
    const startedAt = performance.now();
    const child = startProcess({ PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "info", PUBLIC_URL: "" });
    children.push(child);
    while (performance.now() - startedAt < 40_000 && child.exitCode === null) {
      const status = await fetch(`http://127.0.0.1:${port}/health/ready`).then((response) => response.status, () => 0);
      if (status === 200) return { child, readyAfterMs: Math.round(performance.now() - startedAt) };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`not ready within 40 s:\n${child.output()}`);
  }

  async function stop(child: ChildProcess & { output: () => string }) {
    const stopAt = performance.now();
    child.kill("SIGTERM");
    const code = await exitOf(child, 10_000);
    expect(code, child.output()).toBe(0);
    return Math.round(performance.now() - stopAt);
  }

  const inProcessMs = (output: string) => /"ms":(\d+)[^\n]*Tonearm ready/.exec(output)?.[1] ?? "?";

  it("starts on a fresh embedded database, prints the playground URL, stops on SIGTERM, restarts", async () => {
    const port = await freePort();
    const first = await startUntilReady(port);
    await expect.poll(() => first.child.output(), { timeout: 2_000 }).toContain(`http://127.0.0.1:${port}/graphql`);
    expect(first.child.output()).toMatch(/Playground[^\n]*\/graphql/);
    const firstStopMs = await stop(first.child);

    const second = await startUntilReady(port);
    const secondStopMs = await stop(second.child);
    // Figures for the README/lead: tsx transpiles from source here, so `node dist/` starts faster.
    console.log(
      [
        `cold start, new PGlite folder (spawn → /health/ready 200): ${first.readyAfterMs} ms (in-process: ${inProcessMs(first.child.output())} ms)`,
        `cold start, existing PGlite folder: ${second.readyAfterMs} ms (in-process: ${inProcessMs(second.child.output())} ms)`,
        `shutdown after SIGTERM: ${firstStopMs} ms, ${secondStopMs} ms`,
      ].join("\n"),
    );
  }, 100_000);
});
