import { join } from "node:path";
import { loadIntentLabels } from "../dialog/intent-labels.js";
import { replyCatalogue } from "../dialog/reply.js";
import { readKnowledgeFolder } from "../knowledge/documents.js";
import { type KnowledgeBase, knowledgeBaseFrom } from "../knowledge/load.js";
import { defaultNluPaths, loadEngine, type NluPaths, type NluPrepared, prepareNlu } from "../nlu/load-engine.js";
import { progressPrinter } from "../nlu/progress.js";
import { InProcessUnderstander, type Understander } from "../nlu/understander.js";
import { WorkerUnderstander } from "../nlu/worker-understander.js";
import type { KnowledgeVersionStore } from "../storage/ports.js";
import type { Knowledge } from "./active-knowledge.js";
import { startingKnowledge } from "./starting-version.js";

/**
 * The knowledge the desk starts with: a version from the store (starting-version.ts), and the model
 * for it (found in models/, or trained with progress lines when it is not there), loaded in a worker thread or in
 * this one, with the answers and intent names beside it. Refuses an FAQ that names a guided
 * application `knownFlows` does not have.
 */
export async function openKnowledge(
  config: { rootDir: string; modelsDir: string; timeZone: string; nluWorker: boolean },
  options: {
    log: (line: string) => void;
    onWorkerError: (error: unknown) => void;
    knownFlows: ReadonlySet<string>;
    versions: KnowledgeVersionStore;
    now: () => Date;
  },
): Promise<{ knowledge: Knowledge; prepared: NluPrepared; version: number }> {
  const paths = defaultNluPaths(config.rootDir, config.modelsDir);
  const { version, kb } = await startingVersion(paths, options.versions, options.now, options.log);
  const prepared = prepareNlu(paths, progressPrinter(options.log), kb);
  refuseUnknownFlows(prepared.kb, options.knownFlows);
  const started = performance.now();
  const engineFiles = { ...prepared.engine, timeZone: config.timeZone };
  const understander: Understander = config.nluWorker
    ? await WorkerUnderstander.start(engineFiles, { onError: options.onWorkerError })
    : new InProcessUnderstander(loadEngine(engineFiles));
  options.log(
    `knowledge version ${version}: NLU model ${prepared.engine.hash} ${prepared.trained ? "trained" : "found"} in ${prepared.loadMs} ms, loaded ${config.nluWorker ? "in a worker thread" : "in this thread"} in ${Math.round(performance.now() - started)} ms`,
  );
  const { faqs, intents } = prepared.kb;
  const labels = loadIntentLabels(
    join(config.rootDir, "bot", "intent-labels.tsv"),
    intents.map((i) => i.id),
  );
  const areas = Object.entries(prepared.topics.topics).map(([area, t]) => ({ area, terms: t.phrases }));
  return { knowledge: { hash: prepared.engine.hash, version, understander, catalogue: replyCatalogue(faqs, intents, labels), areas }, prepared, version };
}

/** Throws naming the first FAQ whose guided application `knownFlows` does not have. */
export function refuseUnknownFlows(kb: KnowledgeBase, knownFlows: ReadonlySet<string>): void {
  for (const faq of kb.faqs) {
    if (faq.flow && !knownFlows.has(faq.flow)) throw new Error(`${faq.id}: flow '${faq.flow}' is not defined in bot/flows`);
  }
}

/**
 * The version to serve (starting-version.ts decides), published first when the folder is new to
 * the store. A folder that does not load is refused before anything is stored.
 */
async function startingVersion(
  paths: NluPaths,
  versions: KnowledgeVersionStore,
  now: () => Date,
  log: (line: string) => void,
): Promise<{ version: number; kb: KnowledgeBase }> {
  const folder = readKnowledgeFolder(paths.knowledgeDir, paths.outOfScopeFile);
  const start = startingKnowledge(folder, await versions.latest(), await versions.latest("folder"));
  if (start.kind === "latest") {
    if (start.warning) log(start.warning);
    return { version: start.version.version, kb: knowledgeBaseFrom(start.version.documents) };
  }
  const kb = knowledgeBaseFrom(folder, (name) => join(paths.knowledgeDir, name));
  const note = start.kind === "seed" ? "the knowledge-base/ folder, at the first start" : "knowledge-base/ changed on disk";
  const published = await versions.publish({ documents: folder, author: "knowledge-base/", note, publishedAt: now().toISOString(), origin: "folder" });
  log(`knowledge version ${published.version} published from knowledge-base/ (${note})`);
  return { version: published.version, kb };
}
