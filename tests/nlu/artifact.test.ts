import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { inputsHash, loadArtifact, loadOrTrain } from "../../src/nlu/artifact.js";
import { NluEngine } from "../../src/nlu/engine.js";
import { buildPinyinMap } from "../../src/nlu/pinyin.js";
import { trainingExamples, trainModel } from "../../src/nlu/train.js";
import { nluPaths, realNlu } from "../testing/nlu.js";

const dirs = { cache: nluPaths.modelsDir, seed: nluPaths.seedModelsDir };
const empty = mkdtempSync(join(tmpdir(), "models-"));
afterAll(() => rmSync(empty, { recursive: true, force: true }));

describe("model artifact", () => {
  it("the repository ships the model for its own knowledge base, so a first start does not train", () => {
    const { kb } = realNlu();
    const hash = inputsHash(kb);
    // Fails after a knowledge-base edit until `npm run train` refreshes models/ and it is committed.
    expect(loadArtifact(nluPaths.seedModelsDir, hash), `models/nlu-${hash} is missing: run npm run train and commit models/`).toBeDefined();
    const fresh = loadOrTrain(kb, { cache: empty, seed: nluPaths.seedModelsDir });
    expect(fresh.trained).toBe(false);
    expect(fresh.info.hash).toBe(hash);
  });

  it("loads the artifact for unchanged inputs instead of retraining", () => {
    const { kb, artifact } = realNlu();
    const again = loadOrTrain(kb, dirs);
    expect(again.trained).toBe(false);
    expect(again.info.hash).toBe(artifact.hash);
  });

  it("keys the artifact by what training reads: one changed character of a question gives another hash, an answer's correction none", () => {
    const { kb } = realNlu();
    const [first, ...rest] = kb.faqs;
    const withFaq = (faq: typeof first) => ({ ...kb, faqs: [faq!, ...rest] });
    const question = withFaq({ ...first!, questions: { ...first!.questions, zh: [`${first!.questions.zh[0]}吗`, ...first!.questions.zh.slice(1)] } });
    expect(inputsHash(question)).not.toBe(inputsHash(kb));
    const oos = { ...kb, anchors: { ...kb.anchors, terms: [...kb.anchors.terms, "社保"] } };
    expect(inputsHash(oos)).not.toBe(inputsHash(kb));
    const answer = withFaq({ ...first!, answer: { ...first!.answer, zh: `${first!.answer.zh}（更新）` }, legalBasis: [...first!.legalBasis, "《社会保险法》"] });
    expect(inputsHash(answer)).toBe(inputsHash(kb));
    expect(inputsHash({ ...kb })).toBe(inputsHash(kb));
  });

  it("round-trips: the loaded model understands like the trained one", () => {
    const { artifact, engine } = realNlu();
    const loaded = loadArtifact(join(artifact.dir, ".."), artifact.hash);
    expect(loaded).toBeDefined();
    const fresh = new NluEngine(loaded!.model);
    const now = new Date();
    for (const text of ["社保卡掉了咋办", "How do I move my pension to another city?", "今天天气怎么样"]) {
      expect(fresh.understand(text, now)).toEqual(engine.understand(text, now));
    }
  });

  it("returns undefined for a hash it has no artifact for", () => {
    expect(loadArtifact(nluPaths.modelsDir, "0000000000000000")).toBeUndefined();
    expect(loadArtifact(nluPaths.seedModelsDir, "0000000000000000")).toBeUndefined();
  });

  it("trains reproducibly: the same inputs give the same model, so the committed one can be rebuilt", () => {
    const { kb } = realNlu();
    // A small slice of the real data keeps this quick; the trainer is the same.
    const keep = new Set(kb.intents.slice(0, 4).map((i) => i.id));
    const examples = trainingExamples(kb).filter((e, i) => keep.has(e.label) || (e.label === "none" && i % 10 === 0));
    const pinyin = buildPinyinMap();
    const a = trainModel(examples, pinyin, undefined, kb.anchors);
    const b = trainModel(examples, pinyin, undefined, kb.anchors);
    expect(Buffer.from(b.classifier.weights.buffer).equals(Buffer.from(a.classifier.weights.buffer))).toBe(true);
    expect(JSON.stringify({ ...b, classifier: { ...b.classifier, weights: [] } })).toBe(
      JSON.stringify({ ...a, classifier: { ...a.classifier, weights: [] } }),
    );
  });
});
