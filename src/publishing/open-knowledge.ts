import { join } from "node:path";
import { loadIntentLabels } from "../dialog/intent-labels.js";
import { type ReplyCatalogue, replyCatalogue } from "../dialog/reply.js";
import { readKnowledgeFolder } from "../knowledge/documents.js";
import { type KnowledgeBase, knowledgeBaseFrom } from "../knowledge/load.js";
import { findArtifact, inputsHash } from "../nlu/artifact.js";
import { defaultNluPaths, loadEngine, modelDirsOf, type NluPaths, prepareNlu } from "../nlu/load-engine.js";
import { progressPrinter } from "../nlu/progress.js";
import { trainArtifactInWorker } from "../nlu/train-in-worker.js";
import type { TrainProgress } from "../nlu/train.js";
import { InProcessUnderstander, type Understander } from "../nlu/understander.js";
import { WorkerUnderstander } from "../nlu/worker-understander.js";
import type { KnowledgeVersionStore } from "../storage/ports.js";
import type { Knowledge } from "./active-knowledge.js";
import { startingKnowledge } from "./starting-version.js";

/** What building the knowledge for a version needs. */
export interface KnowledgeSetup {
  config: { rootDir: string; modelsDir: string; timeZone: string; nluWorker: boolean };
  log: (line: string) => void;
  onWorkerError: (error: unknown) => void;
  /** The guided applications that exist: an FAQ naming another is refused. */
  knownFlows: ReadonlySet<string>;
}

/**
 * The knowledge the desk starts with: a version from the store (starting-version.ts), and the model
 * for it (found in models/, or trained with progress lines when it is not there), loaded in a
 * worker thread or in this one, with the answers and intent names beside it.
 */
export async function openKnowledge(
  setup: KnowledgeSetup,
  options: { versions: KnowledgeVersionStore; now: () => Date },
): Promise<{ knowledge: Knowledge; kb: KnowledgeBase }> {
  const paths = defaultNluPaths(setup.config.rootDir, setup.config.modelsDir);
  const { version, kb } = await startingVersion(paths, options.versions, options.now, setup.log);
  return { knowledge: await knowledgeFor(version, kb, setup, "here"), kb };
}

/**
 * The knowledge for one version: its model found, or trained ("here": in this thread, as a start
 * does before it serves; "worker": in a thread of its own, while the desk serves the version it
 * has), loaded for understanding, and its answers. Refuses, before any training, an FAQ that
 * names a guided application that does not exist.
 */
export async function knowledgeFor(version: number, kb: KnowledgeBase, setup: KnowledgeSetup, training: "here" | "worker", onProgress?: TrainProgress): Promise<Knowledge> {
  const { config, log } = setup;
  refuseUnknownFlows(kb, setup.knownFlows);
  const paths = defaultNluPaths(config.rootDir, config.modelsDir);
  const printer = progressPrinter(log);
  const progress: TrainProgress = (step, done, total) => {
    printer(step, done, total);
    onProgress?.(step, done, total);
  };
  if (training === "worker" && !findArtifact(modelDirsOf(paths), inputsHash(kb))) {
    await trainArtifactInWorker(kb, paths.modelsDir, progress);
  }
  const prepared = prepareNlu(paths, progress, kb);
  const started = performance.now();
  const engineFiles = { ...prepared.engine, timeZone: config.timeZone };
  const understander: Understander = config.nluWorker
    ? await WorkerUnderstander.start(engineFiles, { onError: setup.onWorkerError })
    : new InProcessUnderstander(loadEngine(engineFiles));
  log(
    `knowledge version ${version}: NLU model ${prepared.engine.hash} ${prepared.trained ? "trained" : "found"} in ${prepared.loadMs} ms, loaded ${config.nluWorker ? "in a worker thread" : "in this thread"} in ${Math.round(performance.now() - started)} ms`,
  );
  const areas = Object.entries(prepared.topics.topics).map(([area, t]) => ({ area, terms: t.phrases }));
  return { hash: prepared.engine.hash, version, understander, catalogue: answersFor(kb, setup), areas };
}

/** A knowledge base's answers, with the intents' names its buttons show. */
export function answersFor(kb: KnowledgeBase, setup: Pick<KnowledgeSetup, "config">): ReplyCatalogue {
  const labels = loadIntentLabels(join(setup.config.rootDir, "bot", "intent-labels.tsv"), kb.intents);
  return replyCatalogue(kb.faqs, kb.intents, labels, setup.config.timeZone);
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
  const latest = await versions.latest();
  // Most starts: the newest version was read from the folder, so it is also the folder's newest.
  const fromFolder = latest?.origin === "folder" ? latest : await versions.latest("folder");
  const start = startingKnowledge(folder, latest, fromFolder);
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
