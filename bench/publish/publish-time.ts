// npm run bench:publish [-- --questions]
// How long from publishing a knowledge version to the desk serving it, on a real server started on
// embedded defaults in a temporary folder (KNOWLEDGE_POLL_MS as configured, 5 s by default): an
// answer corrected (the model stays), and with --questions also a question added (the model is
// trained in a thread of its own while the desk serves). Prints one line per publication.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";

const { values } = parseArgs({ options: { questions: { type: "boolean", default: false } } });
const base = loadConfig();
const dataDir = mkdtempSync(join(tmpdir(), "bench-publish-"));
const app = await createApp(
  loadConfig({ ...process.env, DATA_DIR: dataDir, MODELS_DIR: join(dataDir, "models"), PORT: "0", LOG_LEVEL: "silent", WARM_UP_TURNS: "0", DEMO_STAFF: "false" }, base.rootDir),
);
const url = await app.start();
const readyz = async () => (await (await fetch(`${url}/readyz`)).json()) as { version: number; model: string };

async function publish(label: string, change: (text: string) => string): Promise<void> {
  const latest = await app.storage.knowledgeVersions.latest();
  if (!latest) throw new Error("no knowledge version");
  const documents = new Map(latest.documents);
  documents.set("card/card-lost.yaml", change(documents.get("card/card-lost.yaml") as string));
  const started = performance.now();
  const published = await app.storage.knowledgeVersions.publish({ documents, author: "bench:publish", note: label, publishedAt: new Date().toISOString(), origin: "editor" });
  while ((await readyz()).version !== published.version) await new Promise((r) => setTimeout(r, 50));
  const seconds = (performance.now() - started) / 1000;
  console.log(`${label}: served ${seconds.toFixed(1)} s after publishing (version ${published.version}, model ${(await readyz()).model})`);
}

try {
  await publish("answer corrected", (t) => t.replace("  zh: |\n    发现社保卡丢失", "  zh: |\n    【更新】发现社保卡丢失"));
  if (values.questions) await publish("question added", (t) => t.replace(/^ {2}zh:\n/m, '  zh:\n    - "社保卡找不着了要先做啥"\n'));
} finally {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
