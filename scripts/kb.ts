// npm run kb:export -- --out DIR [--version N]: writes a published knowledge version (the newest
//   by default) as the folder layout, DIR/knowledge-base/… and DIR/bot/out-of-scope.yaml, byte for
//   byte as stored. DIR/knowledge-base must be empty or absent, so that no file of another version
//   is left among them.
// npm run kb:import -- --from DIR [--note TEXT]: reads that layout from DIR, checks it as a start
//   would (every file valid, every intent answered, every guided application known) and, when its
//   questions changed, with the regression guard (its model, trained first, must understand the dev
//   set and the editors' questions nearly as well as the serving one: KNOWLEDGE_MAX_DROP), then
//   publishes it as the next version; a folder that fails changes nothing. A running desk serves
//   it within KNOWLEDGE_POLL_MS. Imports are written to the audit log as done by "cli".
// npm run kb:regression -- --add TEXT --intent ID | --remove TEXT | --list: the questions the
//   guard checks besides the dev set, each with the intent it must keep ("none": out of scope).
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { AuditLog, auditKey } from "../src/audit/audit-log.js";
import { loadConfig } from "../src/config.js";
import { loadFigures } from "../src/calculators/figures.js";
import { guidedFlows } from "../bot/flows/index.js";
import { documentChanges, readKnowledgeFolder, writeKnowledgeFolder } from "../src/knowledge/documents.js";
import { KnowledgeLoadError } from "../src/knowledge/errors.js";
import { type KnowledgeBase, knowledgeBaseFrom } from "../src/knowledge/load.js";
import { defaultNluPaths } from "../src/nlu/load-engine.js";
import { progressPrinter } from "../src/nlu/progress.js";
import { checkCandidate } from "../src/publishing/check-candidate.js";
import { readDevSet } from "../bench/nlu/dev-set.js";
import { refuseUnknownFlows } from "../src/publishing/open-knowledge.js";
import { openStorage } from "../src/storage/open-storage.js";

const [command] = process.argv.slice(2);
const { values } = parseArgs({
  args: process.argv.slice(3),
  options: {
    out: { type: "string" },
    from: { type: "string" },
    version: { type: "string" },
    note: { type: "string" },
    add: { type: "string" },
    intent: { type: "string" },
    remove: { type: "string" },
    list: { type: "boolean" },
  },
});
const fail = (message: string): never => {
  console.error(`kb:${command ?? ""}: ${message}`);
  process.exit(2);
};
if (command !== "export" && command !== "import" && command !== "regression") {
  fail("usage: npm run kb:export -- --out DIR [--version N] | kb:import -- --from DIR [--note TEXT] | kb:regression -- --add TEXT --intent ID | --remove TEXT | --list");
}

const config = loadConfig();
const knownFlows = () => new Set(Object.keys(guidedFlows({ figures: loadFigures(config.rootDir) })));
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
if (command === "export") {
  const out = values.out ?? fail("missing --out DIR (the folder to write knowledge-base/ and bot/ into)");
  const version = values.version === undefined ? undefined : Number(values.version);
  if (version !== undefined && !(Number.isInteger(version) && version > 0)) fail(`--version must be a version number (1, 2, …), not '${values.version}'`);
  const kbDir = join(out, "knowledge-base");
  if (existsSync(kbDir) && readdirSync(kbDir).length > 0) fail(`${kbDir} is not empty: export into a new folder, or empty it first`);
  const storage = await openStorage(config);
  try {
    const found = version === undefined ? await storage.knowledgeVersions.latest() : await storage.knowledgeVersions.get(version);
    if (!found) fail(version === undefined ? "the store holds no knowledge version yet (the desk publishes knowledge-base/ as version 1 at its first start)" : `there is no version ${version}`);
    else {
      writeKnowledgeFolder(found.documents, out);
      console.log(`exported version ${found.version} (${found.documents.size} documents; ${found.origin}, by ${found.author}, ${found.publishedAt}) to ${resolve(out)}`);
    }
  } finally {
    await storage.close();
  }
} else if (command === "regression") {
  const storage = await openStorage(config);
  try {
    if (values.list) {
      for (const q of await storage.regressionQuestions.list()) console.log(`${q.intent}\t${q.text}\t(${q.addedBy}, ${q.addedAt})`);
    } else if (values.remove !== undefined) {
      if (!(await storage.regressionQuestions.remove(values.remove))) fail(`'${values.remove}' is not in the regression set`);
      console.log(`removed: ${values.remove}`);
    } else {
      const text = values.add?.trim() || fail("needs --add TEXT --intent ID, --remove TEXT or --list");
      const latest = await storage.knowledgeVersions.latest();
      const intents = new Set(["none", ...(latest ? knowledgeBaseFrom(latest.documents).intents.map((i) => i.id) : [])]);
      const intent = values.intent ?? fail("--add needs --intent ID (the intent the question must be understood as; none: out of scope)");
      if (!intents.has(intent)) fail(`unknown intent '${intent}'${latest ? ` in version ${latest.version}` : " (the store holds no knowledge version yet)"}`);
      if (!(await storage.regressionQuestions.add({ text, intent, addedBy: "cli", addedAt: new Date().toISOString() }))) fail(`'${text}' is in the regression set already`);
      console.log(`added: ${text} -> ${intent}`);
    }
  } finally {
    await storage.close();
  }
} else {
  const from = values.from ?? fail("missing --from DIR (a folder holding knowledge-base/ and bot/out-of-scope.yaml)");
  const kbDir = join(from, "knowledge-base");
  const outOfScope = join(from, "bot", "out-of-scope.yaml");
  for (const needed of [join(kbDir, "intents.tsv"), outOfScope]) if (!existsSync(needed)) fail(`${needed} is missing`);
  const documents = readKnowledgeFolder(kbDir, outOfScope);
  let candidate!: KnowledgeBase;
  try {
    candidate = knowledgeBaseFrom(documents, (name) => join(kbDir, name));
    refuseUnknownFlows(candidate, knownFlows());
  } catch (error) {
    fail(`nothing imported: ${error instanceof KnowledgeLoadError ? error.message : (error as Error).message}`);
  }
  const storage = await openStorage(config);
  try {
    const latest = await storage.knowledgeVersions.latest();
    const changes = documentChanges(latest?.documents ?? new Map(), documents);
    if (latest && changes.added.length + changes.removed.length + changes.changed.length === 0) {
      console.log(`nothing to import: ${resolve(from)} is the same as version ${latest.version}`);
      process.exit(0);
    }
    // Only a change of the questions changes the model: the guard compares the two models' readings.
    const verdict = latest
      ? await checkCandidate({
          serving: knowledgeBaseFrom(latest.documents),
          candidate,
          questions: [...readDevSet(), ...(await storage.regressionQuestions.list())],
          paths: defaultNluPaths(config.rootDir, config.modelsDir),
          maxDrop: config.knowledgeMaxDrop,
          progress: progressPrinter((line) => console.log(line)),
        })
      : "same model";
    if (verdict !== "same model") {
      const regressed = verdict.regressed.map((r) => `  ${r.text}  (${r.expected}, now ${r.now})`).join("\n");
      const figures = `${verdict.questions} guard questions understood right: ${pct(verdict.before)} before, ${pct(verdict.after)} after (${verdict.fixed} fixed, ${verdict.regressed.length} regressed)`;
      if (!verdict.ok) fail(`nothing imported: the regression guard refuses it. ${figures}; at most ${pct(config.knowledgeMaxDrop)} lower is allowed (KNOWLEDGE_MAX_DROP). Regressed:\n${regressed}`);
      console.log(`regression guard: ${figures}${regressed ? `\n${regressed}` : ""}`);
    }
    const at = new Date();
    const published = await storage.knowledgeVersions.publish({
      documents,
      author: "kb:import",
      note: values.note ?? `imported from ${resolve(from)}`,
      publishedAt: at.toISOString(),
      origin: "import",
    });
    await new AuditLog(storage.audit, auditKey(config.secrets.sessionSecret), () => at).record({
      actor: "cli",
      action: "knowledge.import",
      target: `version ${published.version}`,
      detail: {
        added: changes.added,
        removed: changes.removed,
        changed: changes.changed,
        ...(verdict === "same model" ? {} : { guardBefore: verdict.before, guardAfter: verdict.after }),
      },
    });
    const list = (label: string, names: string[]) => (names.length ? `\n  ${label}: ${names.join(", ")}` : "");
    console.log(
      `published version ${published.version} (${documents.size} documents), served by a running desk within KNOWLEDGE_POLL_MS, or from its next start${list("added", changes.added)}${list("removed", changes.removed)}${list("changed", changes.changed)}`,
    );
  } finally {
    await storage.close();
  }
}
