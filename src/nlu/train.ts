import type { KnowledgeBase } from "../knowledge/load.js";
import { fitCalibration } from "./calibration.js";
import { CLASSIFIER_SETTINGS, type ClassifierModel } from "./classifier.js";
import { CALIBRATION_SIGNALS, NluEngine, type NluModel, OUT_OF_SCOPE } from "./engine.js";
import { featurize, type PinyinMap } from "./features.js";
import { normalise } from "./normalise.js";
import { trainFits } from "./parallel-fits.js";
import { buildRetrieverIndex } from "./retriever.js";

/** One training sentence with its label and, for FAQ variants, the FAQ it came from. */
export interface TrainingExample {
  text: string;
  label: string;
  faqId?: string;
}

/** The classifier is weighted against the retriever by this share; chosen on the dev set. */
export const BLEND = 0.5;
export const FOLDS = 5;
/**
 * The classifier sees at most this many out-of-scope examples (spread over their categories);
 * the retriever sees them all. Without the cap the out-of-scope class, many times larger than
 * any intent, swallows in-scope questions that share a verb with a near miss.
 */
export const CLASSIFIER_OOS_CAP = 600;

/** Every question variant of every FAQ, and every out-of-scope example. */
export function trainingExamples(kb: KnowledgeBase): TrainingExample[] {
  const out: TrainingExample[] = [];
  for (const faq of kb.faqs) {
    for (const q of [...faq.questions.zh, ...faq.questions.en]) out.push({ text: q, label: faq.intent, faqId: faq.id });
  }
  for (const cat of Object.values(kb.outOfScope.examples)) {
    for (const q of [...cat.zh, ...cat.en]) out.push({ text: q, label: OUT_OF_SCOPE });
  }
  return out;
}

/** Every example of every intent, and an even spread of the out-of-scope ones up to the cap. */
export function classifierSample<T extends TrainingExample>(examples: T[], cap: number): T[] {
  const oos = examples.filter((e) => e.label === OUT_OF_SCOPE);
  if (oos.length <= cap) return examples;
  const step = oos.length / cap;
  const keep = new Set(Array.from({ length: cap }, (_, i) => oos[Math.floor(i * step)]));
  return examples.filter((e) => e.label !== OUT_OF_SCOPE || keep.has(e));
}

function fitModel(
  examples: (TrainingExample & { features: string[] })[],
  pinyin: PinyinMap,
  anchors: NluModel["anchors"] | undefined,
  classifier: ClassifierModel,
) {
  return {
    ...(anchors ? { anchors: { terms: anchors.terms.map(normalise), unless: anchors.unless.map(normalise) } } : {}),
    pinyin,
    classifier,
    retriever: buildRetrieverIndex(
      examples.map((e) => ({ label: e.label, features: e.features, ...(e.faqId ? { faqId: e.faqId } : {}) })),
    ),
    blend: BLEND,
  };
}

/** Told after every epoch of every fit, for a progress line: `done` of `total` epochs at most. */
export type TrainProgress = (step: string, done: number, total: number) => void;

/**
 * Trains the engine: K-fold runs first give out-of-fold signals, on which the confidence is
 * calibrated; then the classifier and retriever are fitted on everything.
 */
export function trainModel(
  examples: TrainingExample[],
  pinyin: PinyinMap,
  progress?: TrainProgress,
  anchors?: NluModel["anchors"],
): NluModel {
  const featured = examples.map((e) => ({ ...e, features: featurize(normalise(e.text), pinyin) }));
  const rows: { x: number[]; y: 0 | 1 }[] = [];
  // Deterministic folds: every FOLDS-th example of each label, so each fold sees every label.
  const seen = new Map<string, number>();
  const fold = featured.map((e) => {
    const n = seen.get(e.label) ?? 0;
    seen.set(e.label, n + 1);
    return n % FOLDS;
  });
  // Each fit stops when its loss is flat, at most after `iterations` epochs: progress counts those.
  // The folds and the final model train at once, a thread per core (parallel-fits.ts).
  const epochs = CLASSIFIER_SETTINGS.iterations ?? 150;
  const total = (FOLDS + 1) * epochs;
  const trainSets = Array.from({ length: FOLDS }, (_, k) => featured.filter((_, i) => fold[i] !== k));
  const reached = new Array<number>(FOLDS + 1).fill(0);
  const samples = (set: typeof featured) => classifierSample(set, CLASSIFIER_OOS_CAP).map(({ features, label }) => ({ features, label }));
  // A fit whose loss goes flat early counts as whole once done, so the share done only grows.
  const classifiers = trainFits([...trainSets, featured].map(samples), (fit, epoch, done) => {
    reached[fit] = done ? epochs : Math.min(epoch, epochs);
    progress?.("calibration folds and the final model", reached.reduce((a, b) => a + b, 0), total);
  });
  for (let k = 0; k < FOLDS; k++) {
    const heldOut = featured.filter((_, i) => fold[i] === k);
    const engine = new NluEngine({ ...fitModel(trainSets[k] as typeof featured, pinyin, anchors, classifiers[k] as ClassifierModel), calibration: { signals: [], weights: [0] } });
    for (const e of heldOut) {
      const { candidates, x } = engine.signals(normalise(e.text));
      rows.push({ x, y: candidates[0]?.intent === e.label ? 1 : 0 });
    }
  }
  const calibration = fitCalibration(CALIBRATION_SIGNALS, rows);
  const final = fitModel(featured, pinyin, anchors, classifiers[FOLDS] as ClassifierModel);
  progress?.("done", total, total);
  return { ...final, calibration };
}
