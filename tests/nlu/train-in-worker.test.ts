import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { knowledgeBaseFrom } from "../../src/knowledge/load.js";
import { hasArtifact, inputsHash } from "../../src/nlu/artifact.js";
import { trainArtifactInWorker } from "../../src/nlu/train-in-worker.js";
import { smallKnowledgeDocuments } from "../testing/small-kb.js";

const modelsDir = mkdtempSync(join(tmpdir(), "train-worker-"));
afterAll(() => rmSync(modelsDir, { recursive: true, force: true }));

const smallKnowledgeBase = () => knowledgeBaseFrom(smallKnowledgeDocuments());

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
