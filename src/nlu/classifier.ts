import { NeuralNetwork, type NeuralSettings } from "@nlpjs/neural";
import { trainPerceptrons } from "./perceptron-trainer.js";

/** A trained intent classifier in the compact form the artifact stores. */
export interface ClassifierModel {
  features: string[];
  labels: string[];
  settings: NeuralSettings;
  /** labels.length rows of (features.length weights + 1 bias). */
  weights: Float32Array;
}

export interface LabelScore {
  label: string;
  /** Share of the squared activations, as @nlpjs normalises them: sums to 1 over labels. */
  score: number;
}

export interface Classification {
  scores: LabelScore[];
  /** The largest raw activation: near 0 when nothing in the message looks like training data. */
  activation: number;
}

// @nlpjs defaults log every epoch and may run 20,000 epochs; these stop once the loss is flat.
export const CLASSIFIER_SETTINGS: NeuralSettings = { log: false, iterations: 1200, errorThresh: 0.00005, deltaErrorThresh: 0.0000005 };

/**
 * Trains @nlpjs's neural network (one perceptron per label over sparse binary features) on
 * feature sets we compute ourselves, so Chinese gets character and pinyin n-grams instead of
 * @nlpjs's greedy dictionary tokens. The arithmetic is the library's, run over typed arrays
 * (perceptron-trainer.ts): the same weights, an order of magnitude sooner.
 */
export function trainClassifier(
  samples: { features: string[]; label: string }[],
  onEpoch?: (iteration: number) => void,
): ClassifierModel {
  const { features, labels, settings, weights } = trainPerceptrons(samples, CLASSIFIER_SETTINGS, onEpoch);
  return { features, labels, settings, weights };
}

/**
 * Runs a trained model: @nlpjs's perceptron arithmetic (bias plus the weights of the features
 * present, each input being 1, then a leaky cut at 0 scaled by alpha), computed straight from the
 * artifact's float32 rows. @nlpjs's own `run` builds lookup objects per call and costs ten times
 * more, which mattered under load; `tests/nlu/classifier.test.ts` checks both give the same scores.
 * Features are namespaced strings (never integer-like), so their order is the order given, as in
 * @nlpjs's Object.keys walk, and the sums add up in the same order.
 */
export class IntentClassifier {
  readonly labels: readonly string[];
  private readonly indexOf: Map<string, number>;
  /**
   * The weights transposed to one row per feature (every label's weight for it side by side),
   * biases last: a message touches a few dozen features, so reading their rows is a few dozen
   * cache lines instead of one scattered read per label and feature.
   */
  private readonly byFeature: Float32Array;
  private readonly alpha: number;
  private readonly sums: Float64Array;

  constructor(model: ClassifierModel) {
    this.labels = model.labels;
    this.indexOf = new Map(model.features.map((f, i) => [f, i]));
    const labels = model.labels.length;
    const width = model.features.length + 1;
    this.byFeature = new Float32Array(labels * width);
    for (let j = 0; j < labels; j++) {
      for (let k = 0; k < width; k++) this.byFeature[k * labels + j] = model.weights[j * width + k] as number;
    }
    // @nlpjs's defaults fill what the artifact's settings leave out (it stores only non-defaults).
    this.alpha = new NeuralNetwork({ ...model.settings }).settings.alpha;
    this.sums = new Float64Array(labels);
  }

  classify(features: string[]): Classification {
    const { byFeature, sums } = this;
    const labels = this.labels.length;
    const biases = (byFeature.length / labels - 1) * labels;
    for (let j = 0; j < labels; j++) sums[j] = byFeature[biases + j] as number;
    // Per label the sum adds the features in the order given, as @nlpjs does.
    for (const f of features) {
      const k = this.indexOf.get(f);
      if (k === undefined) continue;
      const row = k * labels;
      for (let j = 0; j < labels; j++) sums[j] = (sums[j] as number) + (byFeature[row + j] as number);
    }
    let total = 0;
    let activation = 0;
    for (let j = 0; j < labels; j++) {
      const sum = sums[j] as number;
      const v = sum <= 0 ? 0 : this.alpha * sum;
      sums[j] = v;
      total += v * v;
      activation = Math.max(activation, v);
    }
    const scores = this.labels
      .map((label, j) => ({ label, score: total > 0 ? (sums[j] as number) ** 2 / total : 0 }))
      .sort((a, b) => b.score - a.score);
    return { scores, activation };
  }
}
