// The server half of `npm run bench:load` and `npm run bench:publish:load`: the real app in its own
// process, so the load generator does not share its event loop. Reports its URL, then its RSS when
// asked, and publishes a knowledge version when given one.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";

const config = loadConfig();
const app = await createApp(config);
const wal = join(config.dataDir, "desk.sqlite-wal");
const url = await app.start();
// How long the server's event loop was blocked: separates server stalls from generator ones.
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
/**
 * CPU milliseconds of the main thread (the event loop every chat waits on) and of the whole
 * process (worker threads and the collector's helpers too), from Linux's per-thread counters;
 * undefined elsewhere. Per message, the figure that tells a costlier turn from a busier machine.
 */
function cpuMs(): { main: number; all: number } | undefined {
  const ticks = (file: string) => {
    const fields = readFileSync(file, "utf8")
      .replace(/^.*\) /s, "")
      .split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in 10 ms ticks
  };
  try {
    return { main: ticks(`/proc/self/task/${process.pid}/stat`), all: ticks("/proc/self/stat") };
  } catch {
    return undefined;
  }
}
let cpuAtReset = cpuMs();
loopDelay.enable();
process.send?.({ type: "ready", url });
function cpuSinceReset(): { mainCpuMs?: number; processCpuMs?: number } {
  const now = cpuMs();
  return now && cpuAtReset
    ? { mainCpuMs: now.main - cpuAtReset.main, processCpuMs: now.all - cpuAtReset.all }
    : {};
}
process.on("message", async (msg: { type: string; documents?: [string, string][]; note?: string }) => {
  if (msg.type === "reset") {
    loopDelay.reset();
    cpuAtReset = cpuMs();
  }
  if (msg.type === "rss")
    process.send?.({
      type: "rss",
      rssMb: process.memoryUsage().rss / 2 ** 20,
      loopP99Ms: loopDelay.percentile(99) / 1e6,
      loopMaxMs: loopDelay.max / 1e6,
      // A WAL that only grows would mean checkpoints cannot keep up with the writes.
      walMb: existsSync(wal) ? statSync(wal).size / 2 ** 20 : 0,
      ...cpuSinceReset(),
    });
  if (msg.type === "publish") {
    // Through the desk's own store, as the editors' routes publish; the desk's watch serves it.
    const published = await app.storage.knowledgeVersions.publish({
      documents: new Map(msg.documents),
      author: "bench",
      note: msg.note ?? "",
      publishedAt: new Date().toISOString(),
      origin: "editor",
    });
    process.send?.({ type: "publish", version: published.version });
  }
  if (msg.type === "stop") {
    await app.close();
    process.exit(0);
  }
});
