// npm run kb:export -- --out DIR [--version N]: writes a published knowledge version (the newest
//   by default) as the folder layout, DIR/knowledge-base/… and DIR/bot/out-of-scope.yaml, byte for
//   byte as stored. DIR/knowledge-base must be empty or absent, so that no file of another version
//   is left among them.
// npm run kb:import -- --from DIR [--note TEXT]: reads that layout from DIR, checks it as a start
//   would (every file valid, every intent answered, every guided application known) and publishes
//   it as the next version; a folder that fails changes nothing. The desk serves it from its next
//   start. Imports are written to the audit log as done by "cli".
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { AuditLog, auditKey } from "../src/audit/audit-log.js";
import { loadConfig } from "../src/config.js";
import { loadFigures } from "../src/calculators/figures.js";
import { guidedFlows } from "../bot/flows/index.js";
import { documentChanges, readKnowledgeFolder, writeKnowledgeFolder } from "../src/knowledge/documents.js";
import { KnowledgeLoadError } from "../src/knowledge/errors.js";
import { knowledgeBaseFrom } from "../src/knowledge/load.js";
import { refuseUnknownFlows } from "../src/publishing/open-knowledge.js";
import { openStorage } from "../src/storage/open-storage.js";

const [command] = process.argv.slice(2);
const { values } = parseArgs({
  args: process.argv.slice(3),
  options: { out: { type: "string" }, from: { type: "string" }, version: { type: "string" }, note: { type: "string" } },
});
const fail = (message: string): never => {
  console.error(`kb:${command ?? ""}: ${message}`);
  process.exit(2);
};
if (command !== "export" && command !== "import") fail("usage: npm run kb:export -- --out DIR [--version N] | npm run kb:import -- --from DIR [--note TEXT]");

const config = loadConfig();
if (command === "export") {
  const out = values.out ?? fail("missing --out DIR (the folder to write knowledge-base/ and bot/ into)");
  const version = values.version === undefined ? undefined : Number(values.version);
  if (version !== undefined && !(Number.isInteger(version) && version > 0)) fail(`--version must be a version number (1, 2, …), not '${values.version}'`);
  const kbDir = join(out, "knowledge-base");
  if (existsSync(kbDir) && readdirSync(kbDir).length > 0) fail(`${kbDir} is not empty: export into a new folder, or empty it first`);
  const storage = openStorage(config);
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
} else {
  const from = values.from ?? fail("missing --from DIR (a folder holding knowledge-base/ and bot/out-of-scope.yaml)");
  const kbDir = join(from, "knowledge-base");
  const outOfScope = join(from, "bot", "out-of-scope.yaml");
  for (const needed of [join(kbDir, "intents.tsv"), outOfScope]) if (!existsSync(needed)) fail(`${needed} is missing`);
  const documents = readKnowledgeFolder(kbDir, outOfScope);
  try {
    refuseUnknownFlows(knowledgeBaseFrom(documents, (name) => join(kbDir, name)), new Set(Object.keys(guidedFlows({ figures: loadFigures(config.rootDir) }))));
  } catch (error) {
    fail(`nothing imported: ${error instanceof KnowledgeLoadError ? error.message : (error as Error).message}`);
  }
  const storage = openStorage(config);
  try {
    const latest = await storage.knowledgeVersions.latest();
    const changes = documentChanges(latest?.documents ?? new Map(), documents);
    if (latest && changes.added.length + changes.removed.length + changes.changed.length === 0) {
      console.log(`nothing to import: ${resolve(from)} is the same as version ${latest.version}`);
    } else {
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
        detail: { added: changes.added, removed: changes.removed, changed: changes.changed },
      });
      const list = (label: string, names: string[]) => (names.length ? `\n  ${label}: ${names.join(", ")}` : "");
      console.log(
        `published version ${published.version} (${documents.size} documents), served from the desk's next start${list("added", changes.added)}${list("removed", changes.removed)}${list("changed", changes.changed)}`,
      );
    }
  } finally {
    await storage.close();
  }
}
