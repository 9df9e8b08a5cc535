import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../src/config.js";
import { loadKnowledgeBase } from "../src/knowledge/load.js";
import { defaultNluPaths } from "../src/nlu/load-engine.js";
import { normalise } from "../src/nlu/normalise.js";
import { trainingExamples } from "../src/nlu/train.js";
import { readDevSet } from "../bench/nlu/dev-set.js";
const root = "/work/main";
const paths = defaultNluPaths(root, loadConfig().modelsDir);
const kb = loadKnowledgeBase(paths.knowledgeDir, paths.outOfScopeFile);
const bigrams = (t: string) => { const s = normalise(t).replace(/[\p{P}\p{S}\s]/gu, ""); const o = new Set<string>(); for (let i = 0; i + 1 < s.length; i++) o.add(s.slice(i, i + 2)); return o; };
const jac = (a: Set<string>, b: Set<string>) => { let n = 0; for (const x of a) if (b.has(x)) n++; return n / (a.size + b.size - n || 1); };
const nlu = join(root, "bench/nlu");
const held = [...readdirSync(nlu).filter((f) => f.endsWith(".jsonl")).flatMap((f) => readDevSet(join(nlu, f)).map((e) => e.text)),
  ...readFileSync(join(root, "bench/dialogues/dialogues.jsonl"), "utf8").trim().split("\n").flatMap((l) => JSON.parse(l).turns.map((t: { text: string }) => t.text))];
const hg = held.map(bigrams).filter((g) => g.size >= 4);
const leaking = new Set(trainingExamples(kb).map((e) => e.text).filter((t) => { const g = bigrams(t); return hg.some((h) => jac(h, g) >= 0.8); }));
console.log("leaking training lines:", leaking.size);
const files = [paths.outOfScopeFile, ...readdirSync(paths.knowledgeDir, { recursive: true }).map(String).filter((f) => f.endsWith(".yaml")).map((f) => join(paths.knowledgeDir, f))];
let removed = 0;
for (const f of files) {
  const lines = readFileSync(f, "utf8").split("\n");
  const kept = lines.filter((l) => { const m = /^\s*-\s*"(.*)"\s*$/.exec(l); if (m && leaking.has(JSON.parse(`"${m[1]}"`))) { removed++; console.log(`  - ${f.replace(root + "/", "")}: ${m[1]}`); return false; } return true; });
  if (kept.length !== lines.length) writeFileSync(f, kept.join("\n"));
}
console.log("removed", removed);
