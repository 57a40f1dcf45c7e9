import { fork } from "node:child_process";

/**
 * Runs one benchmark phase in a child process and returns the JSON it sends back, so each
 * phase's peak memory is its own and one phase's heap cannot slow the next. A `.ts` script runs
 * through the tsx loader; a `.js` one (compiled, see compileBenchPhases) runs on plain node, as
 * the built server does.
 */
export function runPhase<Result>(script: string, input: unknown, extraExecArgv: string[] = []): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = fork(script, [JSON.stringify(input)], {
      execArgv: [...(script.endsWith(".ts") ? ["--import", "tsx"] : []), ...extraExecArgv],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let result: Result | undefined;
    child.on("message", (message) => {
      result = message as Result;
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code === 0 && result !== undefined) resolve(result);
      else reject(new Error(`${script} exited with ${code}${result === undefined ? " without a result" : ""}`));
    });
  });
}

/** The child's side: read the input, run, send the result, exit. */
export async function phaseMain<Input, Result>(run: (input: Input) => Promise<Result>): Promise<void> {
  try {
    const input = JSON.parse(process.argv[2] ?? "{}") as Input;
    const result = await run(input);
    await new Promise<void>((resolve, reject) => process.send!(result, undefined, {}, (error: Error | null) => (error ? reject(error) : resolve())));
    process.exitCode = 0;
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  } finally {
    // a stray handle (a pool, a timer) must not keep the phase alive
    setTimeout(() => process.exit(), 100).unref();
  }
}
