// npm run eval:thresholds -- --data <file.jsonl>
// How answer coverage and precision move with the answer threshold: the table behind bot/policy.ts.
import { parseArgs } from "node:util";
import { dialogPolicy } from "../../bot/policy.js";
import { loadConfig } from "../../src/config.js";
import { decide } from "../../src/dialog/decide.js";
import { defaultNluPaths, setupNlu } from "../../src/nlu/load-engine.js";
import { readDevSet } from "./dev-set.js";
import { summarise } from "./metrics.js";

const { values } = parseArgs({ options: { data: { type: "string", multiple: true } } });
if (!values.data?.length) {
  console.error("thresholds: missing --data <file.jsonl> (repeatable)");
  process.exit(2);
}
const config = loadConfig();
const nlu = setupNlu(defaultNluPaths(config.rootDir, config.modelsDir));
const now = new Date();
for (const file of values.data) {
  const items = readDevSet(file);
  const understood = items.map((item) => ({ item, u: nlu.engine.understand(item.text, now) }));
  console.log(`\n${file}\nanswerAt  coverage  precision  in_scope_acc  oos_f1`);
  for (const answerAt of [0.5, 0.55, 0.6, 0.62, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9]) {
    const s = summarise(understood.map(({ item, u }) => ({ item, decision: decide(u, { ...dialogPolicy, answerAt }), ms: 0 })));
    const mark = answerAt === dialogPolicy.answerAt ? " <- current" : "";
    console.log(`${answerAt.toFixed(2).padEnd(10)}${s.answer_coverage.toFixed(3).padEnd(10)}${s.answer_precision.toFixed(3).padEnd(11)}${s.in_scope_accuracy.toFixed(3).padEnd(14)}${s.oos_f1.toFixed(3)}${mark}`);
  }
}
