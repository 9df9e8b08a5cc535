// Run in a fresh process by bench.ts: loads one artifact cold and reports load time and RSS.
import { loadArtifact } from "../../src/nlu/artifact.js";
import { NluEngine } from "../../src/nlu/engine.js";

const [modelsDir, hash] = process.argv.slice(2);
const t0 = performance.now();
const loaded = loadArtifact(modelsDir as string, hash as string);
if (!loaded) throw new Error(`no artifact ${hash} in ${modelsDir}`);
const engine = new NluEngine(loaded.model);
const loadMs = performance.now() - t0;
engine.understand("社保卡丢了怎么办", new Date());
process.stdout.write(`${JSON.stringify({ loadMs, rssMb: process.memoryUsage().rss / 2 ** 20 })}\n`);
