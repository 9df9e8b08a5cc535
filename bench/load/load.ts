// npm run bench:load -- --clients N --rate R --duration S [--instances K] [--json] [--max]
// Starts the server on embedded defaults in a temporary folder (its own process), connects N
// socket.io clients, and sends R messages per second in all (open loop: each at its scheduled
// time, round robin over the clients; latency counts from the scheduled time, so a slow server
// cannot hide its queue). --max runs closed loop instead (each client sends its next message when
// its reply arrives) and reports the saturation throughput. Questions come from the dev set. A
// client whose conversation is put in line for an agent (it asked for one, or complained) leaves
// the line at once, as a citizen would who changed their mind: with no agent signed in, the bot
// stays quiet while they wait, and what they send then is counted apart ("to_desk"), not as lost.
// --instances K starts K servers in Redis mode (REDIS_URL, default the local Redis; a prefix of
// the run's own, removed after) on one shared data folder (the same SQLite file, as instances on
// one host share it), client i connecting to instance i mod K: the bench's own round-robin. The
// figures are reported in total and per instance.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { loadConfig } from "../../src/config.js";
import { defaultNluPaths, setupNlu } from "../../src/nlu/load-engine.js";
import { progressPrinter } from "../../src/nlu/progress.js";
import { readDevSet } from "../nlu/dev-set.js";
import { percentile } from "../nlu/metrics.js";
import { atSteadyRate, type BenchSocket, connectClients, forkServer } from "./harness.js";

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "100" },
    rate: { type: "string", default: "100" },
    duration: { type: "string", default: "10" },
    instances: { type: "string", default: "1" },
    max: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    // Per-second p50/p99/max on stderr: tells a steady tail from a stall at one moment.
    timeline: { type: "boolean", default: false },
  },
});
const clients = Number(values.clients);
const rate = Number(values.rate);
const duration = Number(values.duration);
const instances = Number(values.instances);
for (const [name, v] of [
  ["clients", clients],
  ["rate", rate],
  ["duration", duration],
  ["instances", instances],
] as const) {
  if (!Number.isFinite(v) || v <= 0) {
    console.error(`bench:load: --${name} must be a positive number`);
    process.exit(2);
  }
}
if (!Number.isInteger(instances) || instances > 8) {
  console.error("bench:load: --instances must be a whole number from 1 to 8");
  process.exit(2);
}
const log = (s: string) => process.stderr.write(`${s}\n`);

// The model is trained (or found) here first, so the server's start only loads it.
const config = loadConfig();
setupNlu(defaultNluPaths(config.rootDir, config.modelsDir), progressPrinter(log));
// Every question of the dev set, requests for a person and complaints included: a client they put
// in line for an agent cancels at once (the chat:handoff handler below). At a fixed rate, what it
// sends while still in line is counted as to_desk; in the closed loop (--max) it waits to be out
// of the line before its next question.
const questions = readDevSet().map((e) => e.text);

const dataDir = mkdtempSync(join(tmpdir(), "bench-load-"));
const redis = instances > 1 ? { url: process.env.REDIS_URL ?? "redis://127.0.0.1:6379", prefix: `bench-${randomUUID().slice(0, 8)}` } : undefined;
// The flood guard and the abuse limits are lifted there: the bench measures throughput.
const startServer = () =>
  forkServer({
    dataDir,
    modelsDir: config.modelsDir,
    diag: Boolean(process.env.BENCH_DIAG),
    ...(redis ? { env: { REDIS_URL: redis.url, REDIS_PREFIX: redis.prefix } } : {}),
    // BENCH_CPU_PROF=<dir> writes the server's CPU profile there (open it in Chrome's DevTools).
    execArgv: [
      ...(process.env.XTRACE ? ["--trace-gc"] : []),
      ...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
    ],
  });
// The first makes the data folder (its secrets, its schema); the others open it.
const first = await startServer();
const servers = [first, ...(await Promise.all(Array.from({ length: instances - 1 }, startServer)))];
const instanceOf = (client: number) => client % instances;
log(`${instances > 1 ? `${instances} servers in Redis mode at ${servers.map((s) => s.url).join(", ")}` : `server at ${first.url}`}; connecting ${clients} clients`);

const scheduledAt = new Map<string, number>(); // citizen message id -> scheduled send time
const pendingAck = new Map<string, number>(); // clientId -> scheduled time, until acked
const latencies: number[] = [];
const latenciesOf = servers.map(() => [] as number[]);
/** [scheduled time, latency] per reply, for --timeline. */
const timed: [number, number][] = [];
let sent = 0;
let received = 0;
let errors = 0;
/** Messages sent while the client's conversation waited in line: for an agent, not the bot. */
let toDesk = 0;
const inLine = new Set<number>();
/** Closed loop: clients that left the line and wait for the desk to say so before they go on. */
const paused = new Set<number>();
let next: ((i: number) => void) | undefined;

const sockets = await connectClients((i) => (servers[instanceOf(i)] as (typeof servers)[number]).url, clients, (s, i) => {
  /** Put in line for an agent: leave it at once. */
  const enterLine = () => {
    if (inLine.has(i)) return;
    inLine.add(i);
    s.emit(
      "chat:message",
      { clientId: randomUUID(), text: "取消", quickReply: { action: "handoff", command: "cancel" } },
      () => {},
    );
  };
  s.on("chat:reply", (m) => {
    const t = m.replyTo ? scheduledAt.get(m.replyTo) : undefined;
    if (t === undefined) return;
    scheduledAt.delete(m.replyTo as string);
    received++;
    latencies.push(performance.now() - t);
    latenciesOf[instanceOf(i)]?.push(performance.now() - t);
    if (values.timeline) timed.push([t, performance.now() - t]);
    // Words that put the citizen in line carry the Cancel button and may come before the queue's
    // status does: from here the citizen is in line.
    if (
      m.quickReplies?.some(
        (q) => "command" in q.payload && q.payload.action === "handoff" && q.payload.command === "cancel",
      )
    )
      enterLine();
    next?.(i);
  });
  s.on("chat:handoff", (h) => {
    if (h.state === "queued" || h.state === "offered") return enterLine();
    inLine.delete(i);
    if (paused.delete(i)) next?.(i);
  });
  s.on("chat:error", () => errors++);
  s.on("connect_error", () => errors++);
});
log(`${clients} clients connected; ${values.max ? "closed loop" : `${rate} msg/s`} for ${duration} s`);

function send(clientIndex: number, at: number) {
  const s = sockets[clientIndex] as BenchSocket;
  const clientId = randomUUID();
  pendingAck.set(clientId, at);
  sent++;
  const waiting = inLine.has(clientIndex);
  s.emit("chat:message", { clientId, text: questions[sent % questions.length] as string }, (ack) => {
    pendingAck.delete(clientId);
    if (!ack.ok) errors++;
    else if (waiting) {
      toDesk++;
      next?.(clientIndex);
    } else scheduledAt.set(ack.message.id, at);
  });
}

for (const server of servers) server.send({ type: "reset" });
const generatorLoop = monitorEventLoopDelay({ resolution: 1 });
generatorLoop.enable();
const generatorCpu = process.cpuUsage();
const start = performance.now();
const end = start + duration * 1000;
if (values.max) {
  // Like a person: out of the line first (the desk says so), then the next question, so every
  // question the bot gets is one it answers.
  next = (i) => {
    if (performance.now() >= end) return;
    if (inLine.has(i)) paused.add(i);
    else send(i, performance.now());
  };
  for (let i = 0; i < clients; i++) send(i, performance.now());
  await new Promise((r) => setTimeout(r, duration * 1000));
} else {
  const total = Math.round(rate * duration);
  await atSteadyRate(
    rate,
    start,
    (i, at) => send(i % clients, at),
    (i) => i < total,
  );
}
const elapsed = (performance.now() - start) / 1000;
// Let the last replies arrive (up to 5 s) before counting losses.
const drainUntil = performance.now() + 5000;
while (received + errors + toDesk < sent && performance.now() < drainUntil)
  await new Promise((r) => setTimeout(r, 20));
// What comes next (closing 1000 sockets, sorting) blocks this loop by design: not part of the run.
generatorLoop.disable();
const { user, system } = process.cpuUsage(generatorCpu);
interface ServerFigures {
  rssMb: number;
  loopP99Ms: number;
  loopMaxMs: number;
  walMb: number;
  mainCpuMs?: number;
  processCpuMs?: number;
}
const figures = await Promise.all(servers.map((s) => s.request<ServerFigures>({ type: "rss" })));
for (const s of sockets) s.close();
await Promise.all(servers.map((s) => s.stop()));
rmSync(dataDir, { recursive: true, force: true });
if (redis) {
  const { Redis } = await import("ioredis");
  const client = new Redis(redis.url);
  for (let cursor = "0"; ; ) {
    const [nextCursor, keys] = await client.scan(cursor, "MATCH", `${redis.prefix}*`, "COUNT", 1000);
    if (keys.length > 0) await client.del(...keys);
    cursor = nextCursor;
    if (cursor === "0") break;
  }
  await client.quit();
}
const sum = (pick: (f: ServerFigures) => number | undefined) =>
  figures.some((f) => pick(f) === undefined) ? undefined : figures.reduce((n, f) => n + (pick(f) ?? 0), 0);
const rssMb = sum((f) => f.rssMb) ?? 0;
const walMb = Math.max(...figures.map((f) => f.walMb));
const mainCpuMs = sum((f) => f.mainCpuMs);
const processCpuMs = sum((f) => f.processCpuMs);
const loopP99Ms = Math.max(...figures.map((f) => f.loopP99Ms));
const loopMaxMs = Math.max(...figures.map((f) => f.loopMaxMs));

if (values.timeline) {
  const bySecond = new Map<number, number[]>();
  for (const [t, ms] of timed) {
    const second = Math.floor((t - start) / 1000);
    const bucket = bySecond.get(second) ?? [];
    bucket.push(ms);
    bySecond.set(second, bucket);
  }
  for (const [second, ms] of [...bySecond].sort((a, b) => a[0] - b[0])) {
    ms.sort((a, b) => a - b);
    log(
      `t=${String(second).padStart(3)}s n=${ms.length} p50=${percentile(ms, 50).toFixed(1)} p99=${percentile(ms, 99).toFixed(1)} max=${(ms.at(-1) ?? 0).toFixed(1)} over10ms=${ms.filter((x) => x > 10).length}`,
    );
  }
}
latencies.sort((a, b) => a - b);
const r2 = (x: number) => Math.round(x * 100) / 100;
const result: Record<string, unknown> = {
  instances,
  clients,
  rate: values.max ? null : rate,
  sent,
  received,
  to_desk: toDesk,
  lost: sent - received - errors - toDesk,
  errors,
  p50_ms: r2(percentile(latencies, 50)),
  p99_ms: r2(percentile(latencies, 99)),
  msgs_per_s: r2(received / (values.max ? duration : Math.max(elapsed, duration))),
  server_rss_mb: Math.round(rssMb),
  server_wal_mb: Math.round(walMb * 10) / 10,
  // CPU per answered message (Linux only): the main thread's, and all the server's threads'.
  server_main_cpu_ms_per_msg: mainCpuMs === undefined ? null : r2(mainCpuMs / Math.max(received, 1)),
  server_cpu_ms_per_msg: processCpuMs === undefined ? null : r2(processCpuMs / Math.max(received, 1)),
  server_loop_delay_p99_ms: r2(loopP99Ms),
  server_loop_delay_max_ms: r2(loopMaxMs),
  // The generator shares the machine: on 2 cores, its CPU and the server's together say how busy it was.
  generator_cpu_ms_per_msg: r2((user + system) / 1000 / Math.max(received, 1)),
  generator_loop_delay_p99_ms: r2(generatorLoop.percentile(99) / 1e6),
  generator_loop_delay_max_ms: r2(generatorLoop.max / 1e6),
};
// Per instance, when there are several: its share of the replies, its latency, its own CPU per reply.
if (instances > 1)
  figures.forEach((f, k) => {
    const mine = (latenciesOf[k] ?? []).sort((a, b) => a - b);
    const cpu = (ms: number | undefined) => (ms === undefined ? "n/a" : r2(ms / Math.max(mine.length, 1)));
    result[`instance_${k + 1}`] =
      `received ${mine.length} p50_ms ${r2(percentile(mine, 50))} p99_ms ${r2(percentile(mine, 99))} main_cpu_ms_per_msg ${cpu(f.mainCpuMs)} cpu_ms_per_msg ${cpu(f.processCpuMs)} rss_mb ${Math.round(f.rssMb)} loop_max_ms ${r2(f.loopMaxMs)}`;
  });
if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
else {
  const width = Math.max(...Object.keys(result).map((k) => k.length)) + 2;
  for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(width)}${v}`);
}
process.exit(0);
