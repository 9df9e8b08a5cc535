import PorterStemmer from "natural/lib/natural/stemmers/porter_stemmer.js";
import { normalise } from "../nlu/normalise.js";

/**
 * Citizens' questions as TF-IDF vectors for comparing them with each other (src/inbox/grouping.ts).
 * Pure: the texts in, the vectors out; the idf is the batch's own, so a word every question of the
 * inbox shares ("社保", "how") weighs little there.
 */

/** A question's features with their weights, L2-normalised: the dot product of two is their cosine. */
export type QuestionVector = Map<string, number>;

// Runs of Han characters, Latin words, and numbers (masked ones too: 138****5678).
const RUNS = /(\p{Script=Han}+)|([a-z]+(?:'[a-z]+)?)|([\d*]+)/gu;

// Particles and question words that every question has: no topic of their own, so not unigrams.
const ZH_STOP = new Set("的了吗呢啊吧呀哦嘛么是我你他她在有和就也都还又要想请问一下个这那怎样能可以".split(""));
// Bigrams of the same kind ("怎么", "什么"): kept out so two questions do not look alike for asking "how".
const ZH_STOP_BIGRAMS = new Set(["怎么", "什么", "可以", "能不", "不能", "请问", "如何", "为什", "一下", "是不", "不是", "么办", "怎样"]);
const EN_STOP = new Set(
  "a an the i me my we our you your he she it its they them is are was were be been am do does did to of in on at for with and or but if so can could would should will shall may might must this that these those what how when where which who why any some just about from by as into than then there not no get got".split(
    " ",
  ),
);

/**
 * The features of one question, weighted before idf:
 * - Chinese: characters (not particles) and character bigrams, so a homophone typo (养老今) keeps
 *   the characters it did not change (toneless-pinyin bigrams, as src/nlu/features.ts has, grouped
 *   the labelled sample no better);
 * - English: stemmed words and their bigrams, and character trigrams of each word, so a typo
 *   (foriegn) keeps most of its word;
 * - short numbers (12333), not masked or long ones.
 * Trigrams weigh less than words: they are many per word and would otherwise outvote them.
 */
export function questionFeatures(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const add = (feature: string, weight: number) => out.set(feature, Math.max(out.get(feature) ?? 0, weight));
  let previous: string | undefined;
  for (const m of normalise(text).matchAll(RUNS)) {
    const [, han, word, digits] = m;
    if (han) {
      previous = undefined;
      for (let i = 0; i < han.length; i++) {
        const c = han[i] as string;
        if (!ZH_STOP.has(c)) add(`c:${c}`, 1);
        const next = han[i + 1];
        if (next === undefined) continue;
        const bigram = `${c}${next}`;
        if (!ZH_STOP_BIGRAMS.has(bigram)) add(`c:${bigram}`, 1);
      }
    } else if (word) {
      if (EN_STOP.has(word)) {
        previous = undefined;
        continue;
      }
      const stem = PorterStemmer.stem(word);
      add(`w:${stem}`, 1);
      if (previous) add(`w:${previous}_${stem}`, 0.7);
      previous = stem;
      const padded = `<${word}>`;
      for (let i = 0; i + 3 <= padded.length; i++) add(`t:${padded.slice(i, i + 3)}`, 0.35);
    } else {
      previous = undefined;
      // A short number can be the topic (12333); a masked one (138****5678) or a long one is someone's.
      if (digits && !digits.includes("*") && digits.length <= 6) add(`d:${digits}`, 1);
    }
  }
  return out;
}

/**
 * TF-IDF vectors of a batch of questions: each feature's weight times its smoothed idf, normalised
 * to length 1 (a question with no features gets an empty vector: like nothing). The idf is the
 * batch's own: taking it from the knowledge base's question variants as well grouped the labelled
 * sample worse (the topics the inbox sees are the ones the knowledge base lacks).
 */
export function questionVectors(texts: readonly string[]): QuestionVector[] {
  const features = texts.map((t) => questionFeatures(t));
  const df = new Map<string, number>();
  for (const f of features) for (const name of f.keys()) df.set(name, (df.get(name) ?? 0) + 1);
  const n = texts.length;
  return features.map((f) => {
    const weighted = new Map<string, number>();
    let norm = 0;
    for (const [name, weight] of f) {
      const w = weight * (Math.log((1 + n) / (1 + (df.get(name) ?? 0))) + 1);
      weighted.set(name, w);
      norm += w * w;
    }
    const length = Math.sqrt(norm) || 1;
    for (const [name, w] of weighted) weighted.set(name, w / length);
    return weighted;
  });
}

/** The cosine of two normalised vectors: 0 (nothing shared) to 1 (the same features, the same weights). */
export function cosine(a: QuestionVector, b: QuestionVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [name, w] of small) {
    const other = large.get(name);
    if (other !== undefined) sum += w * other;
  }
  return sum;
}
