import { join } from "node:path";
import { loadIntentLabels } from "../dialog/intent-labels.js";
import { replyCatalogue } from "../dialog/reply.js";
import { defaultNluPaths, loadEngine, type NluPrepared, prepareNlu } from "../nlu/load-engine.js";
import { progressPrinter } from "../nlu/progress.js";
import { InProcessUnderstander, type Understander } from "../nlu/understander.js";
import { WorkerUnderstander } from "../nlu/worker-understander.js";
import type { Knowledge } from "./active-knowledge.js";

/**
 * The knowledge the desk starts with: the model for the committed knowledge base (found in
 * models/, or trained with progress lines when it is not there), loaded in a worker thread or in
 * this one, with the answers and intent names beside it. Refuses an FAQ that names a guided
 * application `knownFlows` does not have.
 */
export async function openKnowledge(
  config: { rootDir: string; modelsDir: string; timeZone: string; nluWorker: boolean },
  options: { log: (line: string) => void; onWorkerError: (error: unknown) => void; knownFlows: ReadonlySet<string> },
): Promise<{ knowledge: Knowledge; prepared: NluPrepared }> {
  const prepared = prepareNlu(defaultNluPaths(config.rootDir, config.modelsDir), progressPrinter(options.log));
  for (const faq of prepared.kb.faqs) {
    if (faq.flow && !options.knownFlows.has(faq.flow)) throw new Error(`${faq.id}: flow '${faq.flow}' is not defined in bot/flows`);
  }
  const started = performance.now();
  const engineFiles = { ...prepared.engine, timeZone: config.timeZone };
  const understander: Understander = config.nluWorker
    ? await WorkerUnderstander.start(engineFiles, { onError: options.onWorkerError })
    : new InProcessUnderstander(loadEngine(engineFiles));
  options.log(
    `NLU model ${prepared.engine.hash} ${prepared.trained ? "trained" : "found"} in ${prepared.loadMs} ms, loaded ${config.nluWorker ? "in a worker thread" : "in this thread"} in ${Math.round(performance.now() - started)} ms`,
  );
  const { faqs, intents } = prepared.kb;
  const labels = loadIntentLabels(
    join(config.rootDir, "bot", "intent-labels.tsv"),
    intents.map((i) => i.id),
  );
  const areas = Object.entries(prepared.topics.topics).map(([area, t]) => ({ area, terms: t.phrases }));
  return { knowledge: { hash: prepared.engine.hash, understander, catalogue: replyCatalogue(faqs, intents, labels), areas }, prepared };
}
