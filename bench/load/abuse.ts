// npx tsx bench/load/abuse.ts [--limits on|off] [--duration S] [--json]
// Replays the floods of issue 12 against the server in its own process and prints what got
// through and how another citizen (from another address) and /healthz fared meanwhile:
//   sockets  200 sockets from one address, each sending at its own per-socket limit (10 every 5 s)
//   token    20 sockets sharing one conversation token, 10 messages each at once
//   connect  1,000 connections from one address at once (each would open a conversation)
//   locale   5,000 chat:locale events on one socket
//   unknown  5,000 events that do not exist on one socket
// `--limits off` lifts the limits per address and conversation (as the code before them behaved),
// to compare in the same minutes on the same machine. The server trusts the loopback proxy, so
// each client names its address in X-Forwarded-For.
import { fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { io, type Socket } from "socket.io-client";
import { loadConfig } from "../../src/config.js";
import { defaultNluPaths, setupNlu } from "../../src/nlu/load-engine.js";
import { progressPrinter } from "../../src/nlu/progress.js";
import type { ClientToServerEvents, ServerToClientEvents } from "../../src/protocol/events.js";
import { percentile } from "../nlu/metrics.js";

const { values } = parseArgs({
  options: {
    limits: { type: "string", default: "on" },
    duration: { type: "string", default: "10" },
    json: { type: "boolean", default: false },
  },
});
const duration = Number(values.duration);
if (!["on", "off"].includes(values.limits as string) || !(duration > 0)) {
  console.error("bench:abuse: --limits on|off, --duration a positive number of seconds");
  process.exit(2);
}
const log = (s: string) => process.stderr.write(`${s}\n`);
const config = loadConfig();
setupNlu(defaultNluPaths(config.rootDir, config.modelsDir), progressPrinter(log));

const dataDir = mkdtempSync(join(tmpdir(), "bench-abuse-"));
const lifted = {
  LIMIT_ADDRESS_SOCKETS: "1000000",
  LIMIT_ADDRESS_CONNECTIONS: "1000000/1s",
  LIMIT_ADDRESS_CONVERSATIONS: "1000000/1s",
  LIMIT_CONVERSATION_MESSAGES: "1000000/1s",
  LIMIT_SOCKET_EVENTS: "locale=1000000/1s,typing=1000000/1s,feedback=1000000/1s,survey=1000000/1s,unknown=1000000/1s,refused=1000000/1s",
};
const server = fork(join(import.meta.dirname, "server.ts"), [], {
  execArgv: ["--import", "tsx"],
  env: {
    ...process.env,
    DATA_DIR: dataDir,
    MODELS_DIR: config.modelsDir,
    PORT: "0",
    LOG_LEVEL: "silent",
    TRUSTED_PROXY: "loopback",
    ...(values.limits === "off" ? lifted : {}),
  },
  stdio: ["ignore", "inherit", "inherit", "ipc"],
});
const url = await new Promise<string>((resolve) => server.on("message", (m: { type: string; url: string }) => m.type === "ready" && resolve(m.url)));

type Client = Socket<ServerToClientEvents, ClientToServerEvents> & { token?: string };
const open: Client[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Resolves with the socket (and its conversation token) once its session arrives, or the refusal's code. */
function connect(address: string, token?: string): Promise<Client | string> {
  const s: Client = io(url, {
    auth: token ? { token } : {},
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    extraHeaders: { "X-Forwarded-For": address },
  });
  return new Promise((resolve) => {
    s.once("chat:session", (session) => {
      s.token = session.token;
      open.push(s);
      resolve(s);
    });
    s.once("connect_error", (e) => {
      s.close();
      resolve((e as Error & { data?: { code?: string } }).data?.code ?? "connect_error");
    });
  });
}
const ok = (x: Client | string): x is Client => typeof x !== "string";
const tally = (xs: (Client | string)[]) => ({ accepted: xs.filter(ok).length, refused: xs.filter((x) => !ok(x)).length });
const closeAll = () => {
  for (const s of open.splice(0)) s.close();
};

/** Another citizen asking every half second while `attack` runs: reply and /healthz times. */
async function bystanderDuring(attack: () => Promise<void>) {
  const c = await connect("203.0.113.200");
  if (!ok(c)) throw new Error(`bystander refused: ${c}`);
  const replyMs: number[] = [];
  const healthMs: number[] = [];
  let running = true;
  const asking = (async () => {
    while (running) {
      const started = performance.now();
      await new Promise<void>((resolve) => {
        c.emit("chat:message", { clientId: randomUUID(), text: "社保卡丢了怎么挂失" }, (ack) => {
          if (!ack.ok) return resolve();
          const onReply = (m: { replyTo?: string }) => {
            if (m.replyTo !== ack.message.id) return;
            c.off("chat:reply", onReply);
            resolve();
          };
          c.on("chat:reply", onReply);
        });
      });
      replyMs.push(performance.now() - started);
      const h = performance.now();
      await fetch(`${url}/healthz`);
      healthMs.push(performance.now() - h);
      await sleep(500);
    }
  })();
  await attack();
  running = false;
  await asking;
  const r = (xs: number[], p: number) => Math.round(percentile([...xs].sort((a, b) => a - b), p));
  return { reply_p50_ms: r(replyMs, 50), reply_max_ms: r(replyMs, 100), healthz_max_ms: r(healthMs, 100) };
}

const results: Record<string, unknown> = {};

// 200 sockets, each sending 10 messages at once every 5 s: just within the per-socket limit.
log("sockets: 200 sockets from one address at their per-socket limit");
{
  const sockets = await Promise.all(Array.from({ length: 200 }, () => connect("198.51.100.1")));
  let stored = 0;
  const around = await bystanderDuring(async () => {
    const end = performance.now() + duration * 1000;
    while (performance.now() < end) {
      for (const s of sockets.filter(ok)) {
        for (let i = 0; i < 10; i++) s.emit("chat:message", { clientId: randomUUID(), text: "养老金怎么算" }, (ack) => ack.ok && stored++);
      }
      await sleep(5000);
    }
  });
  results.sockets = { ...tally(sockets), stored, ...around };
  closeAll();
}

// 20 sockets on one token, 10 messages each at once.
log("token: 20 sockets sharing one token");
{
  const first = await connect("198.51.100.2");
  if (!ok(first)) throw new Error(`refused: ${first}`);
  const others = await Promise.all(Array.from({ length: 19 }, () => connect("198.51.100.2", first.token)));
  const sockets = [first, ...others.filter(ok)];
  const started = performance.now();
  const acks = await Promise.all(
    sockets.flatMap((s) =>
      Array.from({ length: 10 }, () => new Promise<boolean>((r) => s.emit("chat:message", { clientId: randomUUID(), text: "你好" }, (a) => r(a.ok)))),
    ),
  );
  results.token = { sockets: sockets.length, sent: acks.length, stored: acks.filter(Boolean).length, ms: Math.round(performance.now() - started) };
  closeAll();
}

// 1,000 connections at once from one address.
log("connect: 1,000 connections from one address");
{
  const started = performance.now();
  const tries = await Promise.all(Array.from({ length: 1000 }, () => connect("198.51.100.3")));
  results.connect = { ...tally(tries), ms: Math.round(performance.now() - started) };
  closeAll();
}

// One socket, 5,000 locale events, then 5,000 unknown events on another.
for (const [name, event] of [
  ["locale", "chat:locale"],
  ["unknown", "chat:nothing"],
] as const) {
  log(`${name}: 5,000 ${event} events on one socket`);
  const s = await connect(`198.51.100.${name === "locale" ? 4 : 5}`);
  if (!ok(s)) throw new Error(`refused: ${s}`);
  let errors = 0;
  let acked = 0;
  s.on("chat:error", () => errors++);
  const closed = new Promise<boolean>((r) => {
    s.once("disconnect", () => r(true));
    setTimeout(() => r(false), 5000);
  });
  for (let i = 0; i < 5000; i++) {
    (s.emit as (e: string, p: unknown, a: (x: { ok: boolean }) => void) => void)(event, { locale: i % 2 ? "zh" : "en" }, (x) => x.ok && acked++);
  }
  const disconnected = await closed;
  results[name] = { acked, errors, disconnected };
  closeAll();
}

server.send({ type: "stop" });
await new Promise((r) => server.once("exit", r));
rmSync(dataDir, { recursive: true, force: true });
if (values.json) process.stdout.write(`${JSON.stringify({ limits: values.limits, ...results })}\n`);
else {
  console.log(`limits ${values.limits}`);
  for (const [k, v] of Object.entries(results)) console.log(`${k.padEnd(9)}${JSON.stringify(v)}`);
}
process.exit(0);
