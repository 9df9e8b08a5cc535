// npm run eval:dialogues -- --data bench/dialogues/dialogues.jsonl [--json]
// Runs multi-turn conversations against the real server (sockets, storage, the chat's own decision
// path), one conversation a line, and prints the turn accuracy and the dialogue success rate.
// Exit 2 on a missing or malformed file.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type Dialogue, parseDialogues, turnProblems } from "./dialogue.js";

const { values } = parseArgs({ options: { json: { type: "boolean", default: false }, data: { type: "string" } } });
if (!values.data) {
  console.error("usage: npm run eval:dialogues -- --data <file.jsonl> [--json]");
  process.exit(2);
}
let text: string;
try {
  text = readFileSync(values.data, "utf8");
} catch (error) {
  console.error(`eval:dialogues: cannot read ${values.data}: ${(error as Error).message}`);
  process.exit(2);
}
const parsed = parseDialogues(text);
if (!parsed.ok) {
  console.error(`eval:dialogues: ${values.data}: ${parsed.error}`);
  process.exit(2);
}

// Loaded only once the file is good: a wrong path is answered at once.
const { createApp } = await import("../../src/app.js");
const { loadConfig } = await import("../../src/config.js");
const { ChatClient } = await import("../lib/chat-client.js");
const base = loadConfig();
const dataDir = mkdtempSync(join(tmpdir(), "eval-dialogues-"));
const app = await createApp(
  loadConfig(
    { DATA_DIR: dataDir, MODELS_DIR: base.modelsDir, PORT: "0", LOG_LEVEL: "silent", CHAT_RATE_LIMIT: "1000", CHAT_RATE_WINDOW_MS: "1000", DEMO_STAFF: "false", LIMIT_ADDRESS_CONVERSATIONS: "100000/1m", LIMIT_ADDRESS_CONNECTIONS: "100000/1m" },
    base.rootDir,
  ),
);
const url = await app.start();

interface TurnError {
  id: string;
  turn: number;
  text: string;
  problems: string[];
  reply: string;
}

async function run(dialogue: Dialogue): Promise<{ checked: number; passed: number; errors: TurnError[] }> {
  const client = await ChatClient.connect(url);
  const errors: TurnError[] = [];
  let checked = 0;
  try {
    for (const [i, turn] of dialogue.turns.entries()) {
      const reply = await client.ask(turn.text);
      const stored = await app.storage.messages.get(reply.id);
      const problems = turnProblems(turn.expect, { text: reply.text, ...(stored?.meta.intent ? { intent: stored.meta.intent } : {}), decision: stored?.meta.decision ?? "" });
      if (turn.expect) checked++;
      if (problems.length > 0) errors.push({ id: dialogue.id, turn: i + 1, text: turn.text, problems, reply: reply.text.slice(0, 120) });
    }
  } finally {
    client.close();
  }
  return { checked, passed: checked - errors.length, errors };
}

const results = [];
for (const dialogue of parsed.dialogues) {
  const r = await run(dialogue);
  results.push({ dialogue, ...r });
  if (!values.json) process.stderr.write(`${r.errors.length === 0 ? "ok  " : "FAIL"} ${dialogue.id}\n`);
}
await app.close();
rmSync(dataDir, { recursive: true, force: true });

const round = (x: number) => Math.round(x * 1000) / 1000;
const nTurns = results.reduce((n, r) => n + r.checked, 0);
const summary = {
  n_dialogues: results.length,
  n_turns: nTurns,
  turn_accuracy: nTurns ? round(results.reduce((n, r) => n + r.passed, 0) / nTurns) : 0,
  dialogue_success_rate: round(results.filter((r) => r.errors.length === 0).length / results.length),
  errors: results.flatMap((r) => r.errors),
};
if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
else {
  const kinds = [...new Set(results.map((r) => r.dialogue.kind ?? "-"))].sort();
  console.log(`\n${"kind".padEnd(20)}dialogues  passed`);
  for (const k of kinds) {
    const rs = results.filter((r) => (r.dialogue.kind ?? "-") === k);
    console.log(`${k.padEnd(20)}${String(rs.length).padStart(9)}  ${String(rs.filter((r) => r.errors.length === 0).length).padStart(6)}`);
  }
  for (const e of summary.errors) console.log(`  ${e.id} turn ${e.turn} "${e.text}": ${e.problems.join("; ")}`);
  console.log(`\n${summary.n_dialogues} dialogues, ${summary.n_turns} turns checked: turn accuracy ${summary.turn_accuracy}, dialogue success ${summary.dialogue_success_rate}`);
}
