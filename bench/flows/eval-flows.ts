// npm run eval:flows [-- --json] [--dir tests/fixtures/flows]
// Runs every scripted conversation against the real server (sockets, storage, demo back office)
// and prints the task success rate, the turns per completed application and a row per flow.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { parse } from "yaml";
import type { MessageView } from "../../src/protocol/events.js";
import { createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { ChatClient } from "../lib/chat-client.js";
import { FlowScript } from "./script.js";

const { values } = parseArgs({
  options: { json: { type: "boolean", default: false }, dir: { type: "string", default: "tests/fixtures/flows" } },
});
const base = loadConfig();
const files = readdirSync(values.dir).filter((f) => /\.ya?ml$/.test(f)).sort();
if (files.length === 0) {
  console.error(`eval:flows: no scripts in ${values.dir}`);
  process.exit(2);
}
const scripts = files.map((f) => {
  const parsed = FlowScript.safeParse(parse(readFileSync(join(values.dir, f), "utf8")));
  if (!parsed.success) {
    console.error(`eval:flows: ${f}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    process.exit(2);
  }
  return { file: f, script: parsed.data };
});

const dataDir = mkdtempSync(join(tmpdir(), "eval-flows-"));
const app = await createApp(
  loadConfig(
    { DATA_DIR: dataDir, MODELS_DIR: base.modelsDir, PORT: "0", LOG_LEVEL: "silent", CHAT_RATE_LIMIT: "1000", CHAT_RATE_WINDOW_MS: "1000" },
    base.rootDir,
  ),
);
const url = await app.start();

const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const FINAL = /^flow_(submitted|not_eligible|completed|cancelled|done|not_found)$/;

interface Result {
  file: string;
  name: string;
  flow: string;
  ok: boolean;
  problems: string[];
  outcome: string;
  /** Citizen turns from the flow's first question to its submission. */
  turns?: number;
}

async function run(file: string, script: FlowScript): Promise<Result> {
  const problems: string[] = [];
  let client = await ChatClient.connect(url);
  let outcome = "none";
  let startedAt: number | undefined;
  let turns: number | undefined;
  for (const [i, turn] of script.turns.entries()) {
    if (turn.waitMs) await new Promise((r) => setTimeout(r, turn.waitMs));
    if (turn.reconnect) {
      const token = client.session.token;
      client.close();
      client = await ChatClient.connect(url, { token });
    }
    const text = turn.say ?? turn.label ?? "";
    let reply: MessageView;
    try {
      reply = await client.ask(text, turn.press ? { quickReply: turn.press } : {});
    } catch (error) {
      problems.push(`turn ${i + 1}: ${(error as Error).message}`);
      break;
    }
    const stored = await app.storage.messages.get(reply.id);
    const decision = stored?.meta.decision ?? "";
    if (decision === "flow" && startedAt === undefined) startedAt = i;
    // With nobody online (the eval starts no agents) the bot offers a message instead: still a handoff.
    if (decision === "handoff" || decision === "handoff_waiting" || decision === "handoff_unavailable") outcome = "handoff";
    const final = FINAL.exec(decision);
    if (final) {
      outcome = final[1] as string;
      if (startedAt !== undefined && turns === undefined) turns = i - startedAt + 1;
    }
    const e = turn.expect;
    if (!e) continue;
    for (const s of list(e.contains)) if (!reply.text.includes(s)) problems.push(`turn ${i + 1}: reply lacks "${s}": ${reply.text.slice(0, 80)}`);
    for (const s of list(e.notContains)) if (reply.text.includes(s)) problems.push(`turn ${i + 1}: reply contains "${s}"`);
    for (const b of e.buttons ?? []) {
      if (!(reply.quickReplies ?? []).some((q) => q.label.includes(b))) problems.push(`turn ${i + 1}: no button "${b}"`);
    }
    if (e.decision !== undefined && decision !== e.decision) problems.push(`turn ${i + 1}: decision ${decision}, expected ${e.decision}`);
    if (e.link !== undefined && Boolean(reply.links?.length) !== e.link) problems.push(`turn ${i + 1}: link ${Boolean(reply.links?.length)}`);
    const kept = stored?.text ?? "";
    for (const s of list(e.stored?.contains)) if (!kept.includes(s)) problems.push(`turn ${i + 1}: stored reply lacks "${s}"`);
    for (const s of list(e.stored?.notContains)) if (kept.includes(s)) problems.push(`turn ${i + 1}: stored reply contains "${s}"`);
  }
  client.close();
  if (outcome !== script.outcome) problems.push(`outcome ${outcome}, expected ${script.outcome}`);
  return { file, name: script.name, flow: script.flow, ok: problems.length === 0, problems, outcome, ...(turns !== undefined ? { turns } : {}) };
}

const results: Result[] = [];
for (const { file, script } of scripts) {
  results.push(await run(file, script));
  if (!values.json) process.stderr.write(`${results.at(-1)?.ok ? "ok  " : "FAIL"} ${file}\n`);
}
await app.close();
rmSync(dataDir, { recursive: true, force: true });

const completed = results.filter((r) => r.turns !== undefined && ["submitted", "not_eligible", "completed"].includes(r.outcome));
const round = (x: number) => Math.round(x * 100) / 100;
const flows = [...new Set(results.map((r) => r.flow))].sort();
const perFlow = Object.fromEntries(
  flows.map((f) => {
    const rs = results.filter((r) => r.flow === f);
    const done = rs.filter((r) => r.turns !== undefined);
    return [
      f,
      {
        scripts: rs.length,
        passed: rs.filter((r) => r.ok).length,
        avg_turns: done.length ? round(done.reduce((n, r) => n + (r.turns ?? 0), 0) / done.length) : null,
      },
    ];
  }),
);
const summary = {
  scripts: results.length,
  passed: results.filter((r) => r.ok).length,
  task_success_rate: round(results.filter((r) => r.ok).length / results.length),
  avg_turns_per_completed_application: completed.length ? round(completed.reduce((n, r) => n + (r.turns ?? 0), 0) / completed.length) : null,
  flows: perFlow,
  failures: results.filter((r) => !r.ok).map((r) => ({ file: r.file, problems: r.problems })),
};
if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
else {
  console.log(`\n${"flow".padEnd(28)}scripts  passed  avg turns`);
  for (const [f, s] of Object.entries(perFlow)) console.log(`${f.padEnd(28)}${String(s.scripts).padEnd(9)}${String(s.passed).padEnd(8)}${s.avg_turns ?? "-"}`);
  console.log(`\ntask success rate ${summary.task_success_rate} (${summary.passed}/${summary.scripts}); turns per completed application ${summary.avg_turns_per_completed_application}`);
  for (const f of summary.failures) console.log(`\n${f.file}:\n  ${f.problems.join("\n  ")}`);
}
process.exit(summary.passed === summary.scripts ? 0 : 1);
