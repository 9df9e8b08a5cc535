import { type ChildProcess, spawn } from "node:child_process";
import { nluPaths, projectRoot } from "./nlu.js";

/** A desk running as a process of its own (`npm start`'s entry), for tests that kill it. */
export interface DeskProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Kills it at once, as a crash or an OOM kill would (kill -9): no shutdown of any kind. */
  kill(): Promise<void>;
  /** Asks it to stop (SIGTERM) and waits. */
  stop(): Promise<void>;
}

/** Starts `node --import tsx src/main.ts` on `dataDir` with `env`, and waits until it listens. */
export async function startDeskProcess(dataDir: string, env: Record<string, string>): Promise<DeskProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: projectRoot,
    env: {
      PATH: process.env.PATH ?? "",
      DATA_DIR: dataDir,
      MODELS_DIR: nluPaths.modelsDir,
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "warn",
      WARM_UP_TURNS: "0",
      BACKUP_EVERY_MINUTES: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (c: Buffer) => {
    output += c.toString();
  });
  child.stderr?.on("data", (c: Buffer) => {
    output += c.toString();
  });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const deadline = Date.now() + 60_000;
  let url: string | undefined;
  while (!url) {
    if (child.exitCode !== null) throw new Error(`the desk exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`the desk did not start within 60 s:\n${output}`);
    url = /listening on (http:\/\/[^\s]+)/.exec(output)?.[1];
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    child,
    output: () => output,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
