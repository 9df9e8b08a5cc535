// Validates every knowledge-base file and prints the variants per intent: `npm run kb:check`.
// Reports every bad file (not only the first), then any intent without an FAQ.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { listYaml } from "../src/knowledge/documents.js";
import { KnowledgeLoadError } from "../src/knowledge/errors.js";
import { OutOfScopeSchema } from "../src/knowledge/faq.js";
import { parseFaq, parseIntents } from "../src/knowledge/load.js";

const kbDir = "knowledge-base";
/** Domains whose entries are conversation, not policy. */
const NO_LEGAL_BASIS = new Set(["smalltalk", "control"]);
const intents = parseIntents("intents.tsv", readFileSync(join(kbDir, "intents.tsv"), "utf8"));
const byId = new Map(intents.map((i) => [i.id, i]));
const files = listYaml(kbDir);
let bad = 0;
const covered = new Set<string>();
for (const file of files) {
  try {
    const f = parseFaq(file, readFileSync(file, "utf8"), byId);
    covered.add(f.intent);
    // A policy answer names the rule it rests on (greetings and the way to a person need none).
    if (f.legalBasis.length === 0 && !NO_LEGAL_BASIS.has(f.domain)) {
      bad++;
      console.error(`INVALID ${file}: field 'legalBasis': a policy answer must name its legal basis`);
      continue;
    }
    console.log(`${f.intent.padEnd(36)} zh ${String(f.questions.zh.length).padStart(3)}  en ${String(f.questions.en.length).padStart(3)}  ${file}`);
  } catch (error) {
    bad++;
    console.error(error instanceof KnowledgeLoadError ? `INVALID ${error.message}` : `INVALID ${file}: ${error}`);
  }
}
const oosFile = "bot/out-of-scope.yaml";
if (existsSync(oosFile)) {
  const r = OutOfScopeSchema.safeParse(parse(readFileSync(oosFile, "utf8")));
  if (!r.success) {
    bad++;
    console.error(`INVALID ${oosFile}: ${r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  } else {
    const c = Object.values(r.data.examples);
    console.log(`out of scope: ${c.length} categories, zh ${c.reduce((n, x) => n + x.zh.length, 0)}, en ${c.reduce((n, x) => n + x.en.length, 0)}`);
  }
} else console.log(`(no ${oosFile} yet)`);
const missing = intents.filter((i) => i.id !== "none" && !covered.has(i.id)).map((i) => i.id);
if (missing.length) console.log(`intents without an FAQ (${missing.length}): ${missing.join(", ")}`);
console.log(bad ? `${bad} invalid file(s)` : `ok: ${files.length} FAQ files valid`);
process.exit(bad ? 1 : 0);
