// npm run bench:start [-- --json]
// What a new user waits for: copies the repository's files (as a clone has them: no data/, no
// built front ends, no trained model beyond the one kept in git) into a temporary folder, links the
// installed node_modules (`npm ci` is not counted), runs `npm start` there and times the first bot
// answer to a question over the real socket. Then stops and starts again in the same folder: a
// later start. Prints both, with the server's own lines as they come.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { ChatClient } from "../lib/chat-client.js";

const { values } = parseArgs({ options: { json: { type: "boolean", default: false } } });
const root = join(import.meta.dirname, "..", "..");
const log = (s: string) => process.stderr.write(`${s}\n`);

/** The files a clone has: tracked ones and new ones not ignored, as they are in the working tree. */
function cloneInto(dir: string): void {
  const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: root, encoding: "utf8" })
    .split("\0")
    .filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    try {
      cpSync(join(root, file), join(dir, file));
    } catch {
      // deleted in the working tree but still in the index
    }
  }
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
}

interface StartRun {
  /** From `npm start` to the server saying it listens. */
  listeningMs: number;
  /** From `npm start` to the bot's reply to the first question. */
  firstAnswerMs: number;
}

async function startAndAsk(dir: string, label: string): Promise<StartRun> {
  const started = performance.now();
  const child: ChildProcess = spawn("npm", ["start"], {
    cwd: dir,
    env: { ...process.env, PORT: "0", LOG_LEVEL: "warn", DEMO_STATUS_STEP_MS: "0" },
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      let nl = buffered.indexOf("\n");
      while (nl >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (line.trim()) log(`  [${label} +${((performance.now() - started) / 1000).toFixed(1)} s] ${line}`);
        const m = /listening on (http:\/\/\S+?) /.exec(line);
        if (m) resolve(m[1] as string);
        nl = buffered.indexOf("\n");
      }
    });
    child.once("exit", (code) => reject(new Error(`npm start exited with ${code}`)));
  });
  const listeningMs = performance.now() - started;
  const client = await ChatClient.connect(url, { locale: "zh" });
  const reply = await client.ask("社保卡丢了怎么办");
  const firstAnswerMs = performance.now() - started;
  log(`  [${label}] first answer after ${(firstAnswerMs / 1000).toFixed(1)} s: ${reply.text.slice(0, 40)}…`);
  client.close();
  await new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    process.kill(-(child.pid as number), "SIGTERM");
  });
  return { listeningMs, firstAnswerMs };
}

const dir = mkdtempSync(join(tmpdir(), "first-start-"));
try {
  cloneInto(dir);
  log(`a fresh copy in ${dir}; npm start:`);
  const first = await startAndAsk(dir, "first start");
  const later = await startAndAsk(dir, "later start");
  const s = (ms: number) => Math.round(ms / 100) / 10;
  const result = {
    first_start_listening_s: s(first.listeningMs),
    first_start_first_answer_s: s(first.firstAnswerMs),
    later_start_listening_s: s(later.listeningMs),
    later_start_first_answer_s: s(later.firstAnswerMs),
  };
  if (values.json) console.log(JSON.stringify(result));
  else {
    console.log(`first start (fresh copy): listening after ${result.first_start_listening_s} s, first answer after ${result.first_start_first_answer_s} s`);
    console.log(`later start:              listening after ${result.later_start_listening_s} s, first answer after ${result.later_start_first_answer_s} s`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
