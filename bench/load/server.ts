// The server half of `npm run bench:load`: the real app in its own process, so the load
// generator does not share its event loop. Reports its URL, then its RSS when asked.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";

const app = await createApp(loadConfig());
const url = await app.start();
// How long the server's event loop was blocked: separates server stalls from generator ones.
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();
process.send?.({ type: "ready", url });
process.on("message", async (msg: { type: string }) => {
  if (msg.type === "reset") loopDelay.reset();
  if (msg.type === "rss") process.send?.({
      type: "rss",
      rssMb: process.memoryUsage().rss / 2 ** 20,
      loopP99Ms: loopDelay.percentile(99) / 1e6,
      loopMaxMs: loopDelay.max / 1e6,
    });
  if (msg.type === "stop") {
    await app.close();
    process.exit(0);
  }
});
