import { normalise } from "../nlu/normalise.js";
import type { UnansweredQuestion, UnansweredReason } from "../storage/ports.js";
import { cosine, type QuestionVector, questionVectors } from "./question-vectors.js";

/**
 * The editors' inbox groups the questions the bot did not answer well, so that twenty ways of
 * asking one missing thing are one line to act on. Pure: the questions in, the groups out.
 */

/** What grouping reads of a question (the store's UnansweredQuestion has it). */
export type GroupableQuestion = Pick<UnansweredQuestion, "messageId" | "text" | "createdAt" | "reasons" | "intents" | "notes">;

/** One group of questions asked alike. */
export interface QuestionGroup {
  /** The id of its earliest question: stays the same while that question is in the group. */
  key: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  /** Up to five different wordings (masked as stored), the most typical first. */
  examples: string[];
  /** Why its questions are here, with how many questions for each; most first. */
  reasons: { reason: UnansweredReason; count: number }[];
  /** The intents the bot guessed, with how many questions it guessed each for; most first. */
  intents: { intent: string; count: number }[];
  /** What agents wrote when they flagged its questions (up to five). */
  notes: string[];
  /** Every question in it, newest first. */
  messageIds: string[];
}

export interface GroupingOptions {
  /**
   * Two groups join while their average cosine similarity (every question of one against every
   * question of the other) is at least this. Measured on tests/fixtures/inbox/similar-questions.json
   * (tests/inbox/grouping.test.ts); see DEFAULT_JOIN_AT.
   */
  joinAt?: number;
  /** At most this many examples per group. */
  examples?: number;
}

/**
 * The similarity at which groups join, from the labelled sample (tests/inbox/grouping.test.ts has
 * the figures): from 0.12 to 0.20 pairwise precision stays near 0.91, its misses the sample's three
 * questions on a topic it has a group for but asking something else ("电子社保卡第一次怎么领取"
 * beside six ways of unbinding it from WeChat), which share the topic's long name and little else;
 * below 0.12 more of those join (0.88 at 0.10), and above it paraphrases split apart (recall 0.90
 * at 0.12, 0.75 at 0.20). 0.12 keeps the most paraphrases together at that precision.
 */
export const DEFAULT_JOIN_AT = 0.12;

/**
 * Groups similar questions: TF-IDF vectors of character n-grams (Chinese) and words with their
 * trigrams (English), then agglomerative clustering with average linkage, stopped at `joinAt`.
 * Average linkage because single linkage chains unrelated questions through one ambiguous one,
 * and complete linkage splits a group as soon as two of its paraphrases share few words.
 * Groups come newest first (their latest question).
 */
export function groupQuestions(questions: readonly GroupableQuestion[], options: GroupingOptions = {}): QuestionGroup[] {
  if (questions.length === 0) return [];
  const vectors = questionVectors(questions.map((q) => q.text));
  const members = averageLinkage(vectors, options.joinAt ?? DEFAULT_JOIN_AT);
  return members
    .map((indexes) => describe(indexes.map((i) => ({ question: questions[i] as GroupableQuestion, vector: vectors[i] as QuestionVector })), options.examples ?? 5))
    .sort((a, b) => (a.lastSeen === b.lastSeen ? (a.key < b.key ? -1 : 1) : a.lastSeen < b.lastSeen ? 1 : -1));
}

/**
 * Average-linkage clustering by the nearest-neighbour chain, in O(n²) time and memory (a Float32
 * matrix: 16 MB for 2,000 questions). A cluster whose best neighbour is below the threshold can
 * never join anything later (average linkage never raises a similarity by merging), so it is set
 * aside at once. Returns the members of each cluster, by index.
 */
export function averageLinkage(vectors: readonly QuestionVector[], joinAt: number): number[][] {
  const n = vectors.length;
  const sim = similarityMatrix(vectors);
  const size = new Array<number>(n).fill(1);
  const members: number[][] = vectors.map((_, i) => [i]);
  // Clusters still able to join, by the index of the row that now stands for them.
  const open = new Set<number>(members.keys());
  const done: number[][] = [];
  const chain: number[] = [];
  while (open.size > 0) {
    if (chain.length === 0) chain.push(open.values().next().value as number);
    const a = chain.at(-1) as number;
    const before = chain.at(-2);
    let best = -1;
    let bestSim = Number.NEGATIVE_INFINITY;
    for (const c of open) {
      if (c === a) continue;
      const s = sim[a * n + c] as number;
      // Ties go to the cluster before on the chain, which ends the walk (and keeps it finite).
      if (s > bestSim || (s === bestSim && c === before)) {
        best = c;
        bestSim = s;
      }
    }
    if (best < 0 || bestSim < joinAt) {
      open.delete(a);
      done.push(members[a] as number[]);
      chain.pop();
      continue;
    }
    if (best !== before) {
      chain.push(best);
      continue;
    }
    // a and b are each other's nearest: join them into a's row (Lance–Williams for averages).
    chain.pop();
    chain.pop();
    const b = best;
    const [sa, sb] = [size[a] as number, size[b] as number];
    for (const k of open) {
      if (k === a || k === b) continue;
      const s = ((sim[a * n + k] as number) * sa + (sim[b * n + k] as number) * sb) / (sa + sb);
      sim[a * n + k] = s;
      sim[k * n + a] = s;
    }
    size[a] = sa + sb;
    members[a] = [...(members[a] as number[]), ...(members[b] as number[])];
    open.delete(b);
  }
  return done;
}

/** Every pair's cosine, through an inverted index: pairs sharing no feature cost nothing. */
function similarityMatrix(vectors: readonly QuestionVector[]): Float32Array {
  const n = vectors.length;
  const sim = new Float32Array(n * n);
  const postings = new Map<string, { doc: number; weight: number }[]>();
  vectors.forEach((v, doc) => {
    for (const [name, weight] of v) {
      const list = postings.get(name) ?? [];
      postings.set(name, list);
      list.push({ doc, weight });
    }
  });
  for (const list of postings.values()) {
    for (let x = 0; x < list.length; x++) {
      const p = list[x] as { doc: number; weight: number };
      for (let y = x + 1; y < list.length; y++) {
        const q = list[y] as { doc: number; weight: number };
        sim[p.doc * n + q.doc] = (sim[p.doc * n + q.doc] as number) + p.weight * q.weight;
      }
    }
  }
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) sim[j * n + i] = sim[i * n + j] as number;
  return sim;
}

function describe(members: { question: GroupableQuestion; vector: QuestionVector }[], exampleCount: number): QuestionGroup {
  const byTime = [...members].sort((x, y) => compareTimeThenId(x.question, y.question));
  const newestFirst = [...byTime].reverse();
  const earliest = byTime[0]?.question as GroupableQuestion;
  const latest = newestFirst[0]?.question as GroupableQuestion;
  // The most typical wording first: the one closest to the group's centre.
  const centre = new Map<string, number>();
  for (const { vector } of members) for (const [name, w] of vector) centre.set(name, (centre.get(name) ?? 0) + w);
  const typical = [...members].sort((x, y) => cosine(y.vector, centre) - cosine(x.vector, centre) || compareTimeThenId(y.question, x.question));
  const examples: string[] = [];
  const seen = new Set<string>();
  for (const { question } of typical) {
    const form = normalise(question.text);
    if (seen.has(form)) continue;
    seen.add(form);
    examples.push(question.text);
    if (examples.length >= exampleCount) break;
  }
  return {
    key: earliest.messageId,
    count: members.length,
    firstSeen: earliest.createdAt,
    lastSeen: latest.createdAt,
    examples,
    reasons: tally(byTime.flatMap((m) => [...new Set(m.question.reasons)])).map(([reason, count]) => ({ reason, count })),
    intents: tally(byTime.flatMap((m) => [...new Set(m.question.intents)])).map(([intent, count]) => ({ intent, count })),
    notes: [...new Set(newestFirst.flatMap((m) => m.question.notes.filter((n) => n.trim() !== "")))].slice(0, 5),
    messageIds: newestFirst.map((m) => m.question.messageId),
  };
}

const compareTimeThenId = (a: GroupableQuestion, b: GroupableQuestion) =>
  a.createdAt === b.createdAt ? (a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0) : a.createdAt < b.createdAt ? -1 : 1;

/** Counts, most first; equal counts keep the order first seen (the earliest question's first). */
function tally<T>(items: readonly T[]): [T, number][] {
  const counts = new Map<T, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}
