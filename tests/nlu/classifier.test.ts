import { NeuralNetwork } from "@nlpjs/neural";
import { describe, expect, it } from "vitest";
import { IntentClassifier } from "../../src/nlu/classifier.js";
import { featurize } from "../../src/nlu/features.js";
import { normalise } from "../../src/nlu/normalise.js";
import { trainingExamples } from "../../src/nlu/train.js";
import { readDevSet, realNlu } from "../testing/nlu.js";
import { loadArtifact } from "../../src/nlu/artifact.js";
import { dirname } from "node:path";

describe("intent classifier", () => {
  it("scores exactly as @nlpjs's own network does, on every dev and training sentence", () => {
    const { artifact, kb } = realNlu();
    const { model } = loadArtifact(dirname(artifact.dir), artifact.hash)!;
    const c = model.classifier;
    const width = c.features.length + 1;
    const net = new NeuralNetwork();
    net.fromJSON({
      settings: c.settings,
      features: c.features,
      intents: c.labels,
      perceptrons: c.labels.map((_, i) => c.weights.subarray(i * width, (i + 1) * width)),
    });
    const ours = new IntentClassifier(c);
    const texts = [...readDevSet().map((e) => e.text), ...trainingExamples(kb).map((e) => e.text), "asdfgh", "？？", ""];
    let compared = 0;
    for (const text of texts) {
      const features = featurize(normalise(text), model.pinyin);
      const out = net.run(Object.fromEntries(features.map((f) => [f, 1]))) ?? {};
      const { scores, activation } = ours.classify(features);
      const values = Object.values(out);
      const total = values.reduce((s, v) => s + v * v, 0);
      expect(activation).toBe(Math.max(0, ...values));
      for (const s of scores) expect(s.score).toBe(total > 0 ? (out[s.label] ?? 0) ** 2 / total : 0);
      compared++;
    }
    expect(compared).toBeGreaterThan(4000);
  });
});
