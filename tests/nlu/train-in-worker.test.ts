import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { readKnowledgeFolder } from "../../src/knowledge/documents.js";
import { knowledgeBaseFrom } from "../../src/knowledge/load.js";
import { hasArtifact, inputsHash } from "../../src/nlu/artifact.js";
import { trainArtifactInWorker } from "../../src/nlu/train-in-worker.js";
import { projectRoot } from "../testing/nlu.js";

const modelsDir = mkdtempSync(join(tmpdir(), "train-worker-"));
afterAll(() => rmSync(modelsDir, { recursive: true, force: true }));

/** A knowledge base of three real FAQs (their related questions dropped), small enough to train in seconds. */
function smallKnowledgeBase() {
  const all = readKnowledgeFolder(join(projectRoot, "knowledge-base"), join(projectRoot, "bot", "out-of-scope.yaml"));
  const keep = { "card.lost": "card/card-lost.yaml", "card.password": "card/card-password.yaml", "pension.payment.date": "pension/pension-payment-date.yaml" };
  const [header, ...rows] = (all.get("intents.tsv") as string).split("\n");
  const docs = new Map<string, string>([["intents.tsv", [header, ...rows.filter((r) => (r.split("\t")[0] ?? "") in keep)].join("\n")]]);
  for (const file of Object.values(keep)) {
    const faq = parse(all.get(file) as string) as Record<string, unknown>;
    docs.set(file, stringify({ ...faq, related: [] }));
  }
  const oos = parse(all.get("../bot/out-of-scope.yaml") as string) as { examples: Record<string, unknown> };
  docs.set("../bot/out-of-scope.yaml", stringify({ examples: Object.fromEntries(Object.entries(oos.examples).slice(0, 3)) }));
  return knowledgeBaseFrom(docs);
}

describe("training in a thread of its own", () => {
  it("saves the artifact for the knowledge base it was given, with progress, while this event loop keeps turning", async () => {
    const kb = smallKnowledgeBase();
    const steps: number[] = [];
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20);
    const started = Date.now();
    const { hash } = await trainArtifactInWorker(kb, modelsDir, (_step, done) => steps.push(done));
    clearInterval(ticker);
    expect(hash).toBe(inputsHash(kb));
    expect(hasArtifact(modelsDir, hash)).toBe(true);
    expect(steps.length).toBeGreaterThan(0);
    // Not blocked: the timer ran about as often as the training took.
    expect(ticks).toBeGreaterThan((Date.now() - started) / 20 / 3);
  }, 120_000);

  it("rejects with the reason when the knowledge base cannot be trained", async () => {
    const kb = smallKnowledgeBase();
    await expect(trainArtifactInWorker({ ...kb, sources: kb.sources.filter((s) => s.file !== "intents.tsv") }, modelsDir)).rejects.toThrow(/training failed: .*intent list/);
  });
});
