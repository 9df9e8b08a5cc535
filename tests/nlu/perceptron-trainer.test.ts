import { dirname } from "node:path";
import { NeuralNetwork } from "@nlpjs/neural";
import { describe, expect, it } from "vitest";
import { loadArtifact } from "../../src/nlu/artifact.js";
import { CLASSIFIER_SETTINGS, trainClassifier } from "../../src/nlu/classifier.js";
import { trainFits } from "../../src/nlu/parallel-fits.js";
import { featurize } from "../../src/nlu/features.js";
import { normalise } from "../../src/nlu/normalise.js";
import { trainPerceptrons } from "../../src/nlu/perceptron-trainer.js";
import { OUT_OF_SCOPE } from "../../src/nlu/engine.js";
import { trainingExamples } from "../../src/nlu/train.js";
import { realNlu } from "../testing/nlu.js";

/** The library's own training, as the classifier did it before perceptron-trainer.ts. */
function trainWithLibrary(samples: { features: string[]; label: string }[], settings = CLASSIFIER_SETTINGS) {
  let epochs = 0;
  const net = new NeuralNetwork({ ...settings, log: (status: unknown) => (epochs = (status as { iterations: number }).iterations) });
  net.train(samples.map((s) => ({ input: Object.fromEntries(s.features.map((f) => [f, 1])), output: { [s.label]: 1 } })));
  const json = net.toJSON();
  const width = json.features.length + 1;
  const weights = new Float32Array(json.intents.length * width);
  json.perceptrons.forEach((row, i) => {
    weights.set(Array.from(row), i * width);
  });
  return { features: json.features, labels: json.intents, settings: { ...json.settings, log: false }, weights, epochs };
}

describe("the perceptron trainer", () => {
  it("gives bit for bit the weights @nlpjs's own training gives, with the same lookups, settings and number of epochs", () => {
    const { kb, artifact } = realNlu();
    const { pinyin } = (loadArtifact(dirname(artifact.dir), artifact.hash) as NonNullable<ReturnType<typeof loadArtifact>>).model;
    // Five topics and some out-of-scope lines: a few hundred samples the library trains in seconds.
    const intents = new Set(kb.intents.slice(0, 5).map((i) => i.id));
    const all = trainingExamples(kb);
    const chosen = [...all.filter((e) => intents.has(e.label)), ...all.filter((e) => e.label === OUT_OF_SCOPE).slice(0, 60)];
    const samples = chosen.map((e) => ({ label: e.label, features: featurize(normalise(e.text), pinyin) }));
    expect(samples.length).toBeGreaterThan(300);

    let ourEpochs = 0;
    const ours = trainPerceptrons(samples, CLASSIFIER_SETTINGS, (e) => (ourEpochs = e));
    const theirs = trainWithLibrary(samples);
    expect(ours.features).toEqual(theirs.features);
    expect(ours.labels).toEqual(theirs.labels);
    expect(ours.settings).toEqual(theirs.settings);
    expect(ours.epochs).toBe(theirs.epochs);
    expect(ourEpochs).toBe(theirs.epochs);
    expect(ours.weights.length).toBe(theirs.weights.length);
    let differing = 0;
    for (let i = 0; i < ours.weights.length; i++) if (!Object.is(ours.weights[i], theirs.weights[i])) differing++;
    expect(differing).toBe(0);
  });

  it("stops where the library stops when the error is flat early, and on the epoch limit", () => {
    const samples = [
      { features: ["c:养", "c:老"], label: "a" },
      { features: ["c:医", "c:保", "c:医"], label: "b" },
      { features: ["w:pension"], label: "a" },
    ];
    for (const settings of [{ ...CLASSIFIER_SETTINGS, iterations: 7 }, CLASSIFIER_SETTINGS, { ...CLASSIFIER_SETTINGS, deltaErrorThresh: 0.01 }]) {
      const ours = trainPerceptrons(samples, settings);
      const theirs = trainWithLibrary(samples, settings);
      expect(ours.epochs).toBe(theirs.epochs);
      expect(Array.from(ours.weights)).toEqual(Array.from(theirs.weights));
    }
  });

  it("trains several fits in threads at once to the same weights as one after another, saying how far each got", () => {
    const { kb, artifact } = realNlu();
    const { pinyin } = (loadArtifact(dirname(artifact.dir), artifact.hash) as NonNullable<ReturnType<typeof loadArtifact>>).model;
    const all = trainingExamples(kb).map((e) => ({ label: e.label, features: featurize(normalise(e.text), pinyin) }));
    const fits = [all.slice(0, 300), all.slice(300, 700), all.slice(700, 900)];
    const seen = new Map<number, number>();
    const finished: number[] = [];
    const threaded = trainFits(
      fits,
      (fit, epoch, done) => {
        if (done) finished.push(fit);
        else seen.set(fit, epoch);
      },
      2,
    );
    const inTurn = fits.map((samples) => trainClassifier(samples));
    expect(threaded.map((m) => m.labels)).toEqual(inTurn.map((m) => m.labels));
    expect(threaded.map((m) => Array.from(m.weights))).toEqual(inTurn.map((m) => Array.from(m.weights)));
    expect([...seen.keys()].sort()).toEqual([0, 1, 2]);
    expect([...seen.values()].every((epoch) => epoch > 0)).toBe(true);
    expect(finished.sort()).toEqual([0, 1, 2]);
  });
});

