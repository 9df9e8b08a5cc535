import { loadConfig } from "../src/config.js";
import { defaultNluPaths, setupNlu } from "../src/nlu/load-engine.js";
const config = loadConfig();
const { engine } = setupNlu(defaultNluPaths(config.rootDir, config.modelsDir));
for (const t of process.argv.slice(2)) {
  const u = engine.understand(t, new Date());
  const x = (engine as any).signals(u.normalised).x.map((v: number) => v.toFixed(2)).join(" ");
  console.log(`${u.confidence.toFixed(3)} ${u.candidates.slice(0, 3).map((c) => `${c.intent}:${c.score.toFixed(2)}(${c.classifier.toFixed(2)}/${c.retrieval.toFixed(2)})`).join(" ")} | ${x} | ${t}`);
}
