// The server half of `npm run bench:load` and `npm run bench:publish:load`: the real app in its own
// process, so the load generator does not share its event loop. Reports its URL, then its RSS when
// asked, and publishes a knowledge version when given one.
import { existsSync, statSync } from "node:fs";
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
loopDelay.enable();
process.send?.({ type: "ready", url });
process.on("message", async (msg: { type: string; documents?: [string, string][]; note?: string }) => {
  if (msg.type === "reset") loopDelay.reset();
  if (msg.type === "rss") process.send?.({
      type: "rss",
      rssMb: process.memoryUsage().rss / 2 ** 20,
      loopP99Ms: loopDelay.percentile(99) / 1e6,
      loopMaxMs: loopDelay.max / 1e6,
      // A WAL that only grows would mean checkpoints cannot keep up with the writes.
      walMb: existsSync(wal) ? statSync(wal).size / 2 ** 20 : 0,
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
