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

/** Runs a trained model through @nlpjs's own network code. */
export class IntentClassifier {
  private readonly net = new NeuralNetwork();
  readonly labels: readonly string[];

  constructor(model: ClassifierModel) {
    const width = model.features.length + 1;
    this.net.fromJSON({
      settings: model.settings,
      features: model.features,
      intents: model.labels,
      perceptrons: model.labels.map((_, i) => model.weights.subarray(i * width, (i + 1) * width)),
    });
    this.labels = model.labels;
  }

  classify(features: string[]): Classification {
    const out = this.net.run(Object.fromEntries(features.map((f) => [f, 1]))) ?? {};
    let total = 0;
    let activation = 0;
    for (const v of Object.values(out)) {
      total += v * v;
      activation = Math.max(activation, v);
    }
    const scores = this.labels
      .map((label) => ({ label, score: total > 0 ? (out[label] ?? 0) ** 2 / total : 0 }))
      .sort((a, b) => b.score - a.score);
    return { scores, activation };
  }
}
