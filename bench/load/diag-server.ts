// `BENCH_DIAG=1 npm run bench:load ...` runs the server through this file: on exit it prints the
// server's garbage-collection pauses over 5 ms and event-loop stalls over 20 ms, each with its
// time since start, to tell a slow tail caused by the collector from one caused by our code.
import { type PerformanceEntry, PerformanceObserver } from "node:perf_hooks";

const pauses: { at: number; ms: number; kind: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if (e.duration <= 5) continue;
    const kind = (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? 0;
    pauses.push({ at: Math.round(e.startTime), ms: Math.round(e.duration), kind });
  }
}).observe({ entryTypes: ["gc"] });

const stalls: { at: number; ms: number }[] = [];
let last = performance.now();
setInterval(() => {
  const now = performance.now();
  if (now - last > 25) stalls.push({ at: Math.round(last), ms: Math.round(now - last - 5) });
  last = now;
}, 5).unref();

process.on("exit", () => {
  console.error(`gc pauses over 5 ms (kind 1 minor, 4 major): ${JSON.stringify(pauses)}`);
  console.error(`event-loop stalls over 20 ms: ${JSON.stringify(stalls)}`);
});
await import("./server.js");
