import { NeuralNetwork, type NeuralSettings } from "@nlpjs/neural";

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
export const CLASSIFIER_SETTINGS: NeuralSettings = { log: false, iterations: 150, errorThresh: 0.00005, deltaErrorThresh: 0.0000005 };

/**
 * Trains @nlpjs's neural network (one perceptron per label over sparse binary features) on
 * feature sets we compute ourselves, so Chinese gets character and pinyin n-grams instead of
 * @nlpjs's greedy dictionary tokens.
 */
export function trainClassifier(
  samples: { features: string[]; label: string }[],
  onEpoch?: (iteration: number) => void,
): ClassifierModel {
  // @nlpjs calls a function given as `log` after every epoch: our progress line, not its console output.
  const net = new NeuralNetwork({
    ...CLASSIFIER_SETTINGS,
    ...(onEpoch ? { log: (status: unknown) => onEpoch((status as { iterations: number }).iterations) } : {}),
  });
  net.train(
    samples.map((s) => ({
      input: Object.fromEntries(s.features.map((f) => [f, 1])),
      output: { [s.label]: 1 },
    })),
  );
  const json = net.toJSON();
  const width = json.features.length + 1;
  const weights = new Float32Array(json.intents.length * width);
  json.perceptrons.forEach((row, i) => {
    weights.set(Array.from(row), i * width);
  });
  return { features: json.features, labels: json.intents, settings: { ...json.settings, log: false }, weights };
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
  private readonly width: number;
  private readonly weights: Float32Array;
  private readonly alpha: number;
  private readonly outputs: Float64Array;

  constructor(model: ClassifierModel) {
    this.labels = model.labels;
    this.indexOf = new Map(model.features.map((f, i) => [f, i]));
    this.width = model.features.length + 1;
    this.weights = model.weights;
    // @nlpjs's defaults fill what the artifact's settings leave out (it stores only non-defaults).
    this.alpha = new NeuralNetwork({ ...model.settings }).settings.alpha;
    this.outputs = new Float64Array(model.labels.length);
  }

  classify(features: string[]): Classification {
    const keys: number[] = [];
    for (const f of features) {
      const i = this.indexOf.get(f);
      if (i !== undefined) keys.push(i);
    }
    const { weights, width, outputs } = this;
    let total = 0;
    let activation = 0;
    for (let j = 0; j < this.labels.length; j++) {
      const row = j * width;
      let sum = weights[row + width - 1] as number;
      for (const k of keys) sum += weights[row + k] as number;
      const v = sum <= 0 ? 0 : this.alpha * sum;
      outputs[j] = v;
      total += v * v;
      activation = Math.max(activation, v);
    }
    const scores = this.labels
      .map((label, j) => ({ label, score: total > 0 ? (outputs[j] as number) ** 2 / total : 0 }))
      .sort((a, b) => b.score - a.score);
    return { scores, activation };
  }
}
