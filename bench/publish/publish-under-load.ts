// npm run bench:publish:load [-- --clients 200 --rate 100 --before 5 --after 5 --questions --json]
// Publishes a knowledge version while citizens chat, on the real server in a process of its own
// started on embedded defaults in a temporary folder (bench/load/harness.ts; KNOWLEDGE_POLL_MS as
// configured, 5 s by default): `--clients` socket.io clients ask the card-lost question at
// `--rate` messages a second in all (open loop, round robin, latency counted from each message's
// scheduled time), `--before` seconds, then the next version is published (the answer changed and
// the loss-report button gone, bench/publish/card-lost-versions.ts; with --questions also the
// question added, so a model is trained in a worker thread under the load), and the load goes on
// until `--after` seconds after /readyz names it. Prints what became of every message: acked,
// failed, answered by the old version, by the new, or by neither (a mix: should be 0), latency
// before, during (publish to served) and after the swap, and the seconds from publishing to the
// version being served and to every reply being the new one. Figures: bench/publish/README.md.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { loadConfig } from "../../src/config.js";
import { readKnowledgeFolder } from "../../src/knowledge/documents.js";
import { defaultNluPaths } from "../../src/nlu/load-engine.js";
import type { MessageView } from "../../src/protocol/events.js";
import type { MessageRecord } from "../../src/storage/ports.js";
import { createSqliteStorage } from "../../src/storage/sqlite/sqlite-storage.js";
import { atSteadyRate, connectClients, forkServer } from "../load/harness.js";
import { percentile } from "../nlu/metrics.js";
import { CARD_LOST_QUESTION, cardLostAnswer, nextCardLostVersion } from "./card-lost-versions.js";

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "200" },
    rate: { type: "string", default: "100" },
    before: { type: "string", default: "5" },
    after: { type: "string", default: "5" },
    // How long publishing may take to be served before the run gives up (a full retrain is slow).
    timeout: { type: "string", default: "900" },
    questions: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  },
});
const [clients, rate, before, after, timeout] = [values.clients, values.rate, values.before, values.after, values.timeout].map(Number) as [number, number, number, number, number];
for (const [name, v] of Object.entries({ clients, rate, before, after, timeout })) {
  if (!Number.isFinite(v) || v <= 0) {
    console.error(`bench:publish:load: --${name} must be a positive number`);
    process.exit(2);
  }
}
const log = (s: string) => process.stderr.write(`${s}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const config = loadConfig();
const paths = defaultNluPaths(config.rootDir, config.modelsDir);
// A fresh data folder: the desk publishes knowledge-base/ as version 1 at its start.
const current = readKnowledgeFolder(paths.knowledgeDir, paths.outOfScopeFile);
const next = nextCardLostVersion(current, "【更新】", { questions: values.questions });
const dataDir = mkdtempSync(join(tmpdir(), "bench-publish-load-"));
// Models of its own (the committed one is found in models/), so --questions trains, not finds.
// BENCH_DIAG=1: the server's GC pauses and event-loop stalls, with their times, on exit.
const server = await forkServer({ dataDir, modelsDir: join(dataDir, "models"), diag: Boolean(process.env.BENCH_DIAG) });
const readyz = async () => (await (await fetch(`${server.url}/readyz`)).json()) as { version: number; model: string };
const serving = await readyz();
log(`server at ${server.url} serving version ${serving.version} (model ${serving.model}); polling the store every ${config.knowledgePollMs} ms; connecting ${clients} clients`);

/** One citizen message: when it was due, and what came of it. Times are performance.now(). */
interface Sent {
  client: number;
  at: number;
  acked?: boolean;
  id?: string;
}
const sent: Sent[] = [];
/** Replies by the citizen message they answer, with when they came. */
const replies = new Map<string, { view: MessageView; at: number }>();
let errors = 0;
const sockets = await connectClients(server.url, clients, (s) => {
  s.on("chat:reply", (m) => {
    if (m.replyTo) replies.set(m.replyTo, { view: m, at: performance.now() });
  });
  s.on("chat:error", () => errors++);
  s.on("connect_error", () => errors++);
});
log(`${clients} clients connected; ${rate} msg/s, ${before} s before publishing, ${after} s after the new version is served`);

/** The server's event-loop delay since the last call (it resets it), for one phase. */
const serverLoop = async () => {
  const r = await server.request<{ loopP99Ms: number; loopMaxMs: number }>({ type: "rss" });
  server.send({ type: "reset" });
  return r;
};
const generatorLoop = monitorEventLoopDelay({ resolution: 1 });
generatorLoop.enable();
await serverLoop();
const start = performance.now();
let stopAt = Number.POSITIVE_INFINITY;
const sending = atSteadyRate(
  rate,
  start,
  (i, at) => {
    const record: Sent = { client: i % clients, at };
    sent.push(record);
    sockets[record.client]?.emit("chat:message", { clientId: randomUUID(), text: CARD_LOST_QUESTION }, (ack) => {
      record.acked = ack.ok;
      if (ack.ok) record.id = ack.message.id;
    });
  },
  (i) => start + (i * 1000) / rate < stopAt,
);

await sleep(before * 1000);
const loopBefore = await serverLoop();
const publishAt = performance.now();
const { version } = await server.request<{ version: number }>({ type: "publish", documents: [...next], note: values.questions ? "question added" : "answer corrected" });
log(`version ${version} published (${values.questions ? "a question added: its model trains in a worker" : "the answer corrected: the model stays"})`);
let servedAt: number | undefined;
while (servedAt === undefined && performance.now() - publishAt < timeout * 1000) {
  if ((await readyz()).version === version) servedAt = performance.now();
  else await sleep(50);
}
const loopDuring = await serverLoop();
const served = await readyz();
log(servedAt === undefined ? `version ${version} not served within ${timeout} s` : `version ${version} served ${((servedAt - publishAt) / 1000).toFixed(1)} s after publishing (model ${served.model})`);
stopAt = (servedAt ?? performance.now()) + after * 1000;
await sending;
// Let the last replies arrive (up to 10 s) before counting what is missing.
const drainUntil = performance.now() + 10_000;
const settled = () => sent.every((s) => s.acked === false || (s.id !== undefined && replies.has(s.id)));
while (!settled() && performance.now() < drainUntil) await sleep(20);
generatorLoop.disable();
const loopAfter = await serverLoop();
for (const s of sockets) s.close();
await server.stop();

// What of each reply comes from the version that answered (text, FAQ, buttons, the model's intent
// and confidence), read back from the store now the server has closed it.
const storage = createSqliteStorage(join(dataDir, "desk.sqlite"));
const stored = new Map<string, MessageRecord>();
for (const { view } of replies.values()) {
  const r = await storage.messages.get(view.id);
  if (r) stored.set(r.id, r);
}
await storage.close();
rmSync(dataDir, { recursive: true, force: true });

const signature = (r: MessageRecord | undefined) =>
  r
    ? JSON.stringify({ text: r.text, faqId: r.meta.faqId, intent: r.meta.intent, decision: r.meta.decision, confidence: r.meta.confidence, quickReplies: r.meta.quickReplies ?? [] })
    : "not stored";
const answered = sent.flatMap((s) => {
  const reply = s.id === undefined ? undefined : replies.get(s.id);
  return reply ? [{ ...s, replyAt: reply.at, signature: signature(stored.get(reply.view.id)) }] : [];
});
/** The one signature most replies in a phase have: the version that phase was served by. */
const usual = (sigs: string[]) => {
  const counts = new Map<string, number>();
  for (const s of sigs) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
};
const oldSig = usual(answered.filter((a) => a.at < publishAt).map((a) => a.signature));
const newSig = usual(answered.filter((a) => servedAt !== undefined && a.at > servedAt).map((a) => a.signature));
const textOf = (sig: string | undefined) => (sig?.startsWith("{") ? (JSON.parse(sig) as { text: string }).text : undefined);
// Each phase's usual reply must be the answer its version gives, or it is not the version at all.
const oldOk = textOf(oldSig) === cardLostAnswer(current);
const newOk = textOf(newSig) === cardLostAnswer(next);
const kind = (sig: string) => (oldOk && sig === oldSig ? "old" : newOk && sig === newSig ? "new" : "other");
const others = answered.filter((a) => kind(a.signature) === "other");
for (const sig of new Set(others.map((a) => a.signature).slice(0, 3))) log(`neither version's reply: ${sig.slice(0, 400)}`);

// From when on every reply is the new one: the earliest due time after which nothing else came.
const byDue = [...answered].sort((a, b) => a.at - b.at);
const lastNotNew = byDue.findLastIndex((a) => kind(a.signature) !== "new");
const allNewFrom = lastNotNew + 1 < byDue.length ? byDue[lastNotNew + 1]?.at : undefined;
const lastOldReplyAt = answered.reduce((t, a) => (kind(a.signature) === "old" ? Math.max(t, a.replyAt) : t), Number.NEGATIVE_INFINITY);
// Citizens answered by the new version and later by the old one again.
const hadNew = new Set<number>();
const flippedBack = new Set<number>();
for (const a of [...answered].sort((x, y) => x.replyAt - y.replyAt)) {
  if (kind(a.signature) === "new") hadNew.add(a.client);
  else if (kind(a.signature) === "old" && hadNew.has(a.client)) flippedBack.add(a.client);
}

const r2 = (x: number) => Math.round(x * 100) / 100;
const seconds = (t: number | undefined) => (t === undefined || !Number.isFinite(t) ? null : r2((t - publishAt) / 1000));
const latency = (from: number, to: number) => {
  const ms = answered.filter((a) => a.at >= from && a.at < to).map((a) => a.replyAt - a.at).sort((a, b) => a - b);
  return { n: ms.length, p50_ms: r2(percentile(ms, 50)), p99_ms: r2(percentile(ms, 99)), max_ms: r2(ms.at(-1) ?? 0) };
};
const servedOr = servedAt ?? Number.POSITIVE_INFINITY;
const result = {
  change: values.questions ? "question added (model retrained in a worker)" : "answer corrected (same model)",
  clients,
  rate,
  poll_ms: config.knowledgePollMs,
  sent: sent.length,
  acked: sent.filter((s) => s.acked).length,
  failed: sent.filter((s) => s.acked === false).length,
  not_acked: sent.filter((s) => s.acked === undefined).length,
  unanswered: sent.filter((s) => s.acked && !(s.id && replies.has(s.id))).length,
  error_events: errors,
  replies_old: answered.filter((a) => kind(a.signature) === "old").length,
  replies_new: answered.filter((a) => kind(a.signature) === "new").length,
  replies_mixed_or_other: others.length,
  clients_flipped_back: flippedBack.size,
  model_changed: served.model !== serving.model,
  served_s: seconds(servedAt),
  last_old_reply_s: seconds(lastOldReplyAt),
  all_new_from_s: seconds(allNewFrom),
  latency_before: latency(start, publishAt),
  latency_during: latency(publishAt, servedOr),
  latency_after: latency(servedOr, Number.POSITIVE_INFINITY),
  server_loop_max_ms: { before: r2(loopBefore.loopMaxMs), during: r2(loopDuring.loopMaxMs), after: r2(loopAfter.loopMaxMs) },
  generator_loop_delay_max_ms: r2(generatorLoop.max / 1e6),
};
if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
else for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(24)}${typeof v === "object" ? JSON.stringify(v) : v}`);
process.exit(0);
