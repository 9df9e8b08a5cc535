/** A document the retriever can return: one FAQ question variant or one out-of-scope example. */
export interface RetrievalDoc {
  label: string;
  faqId?: string;
}

/** The serialisable index: features, their idf, and each document's sparse L2-normalised vector. */
export interface RetrieverIndex {
  features: string[];
  idf: number[];
  docs: RetrievalDoc[];
  /** Per document: [feature index, weight] pairs flattened. */
  vectors: number[][];
}

export interface RetrievalHit {
  label: string;
  score: number;
  doc: number;
}

/**
 * Builds a TF-IDF index (binary term frequency, smoothed idf, cosine similarity) over feature sets.
 * Cosine keeps scores in [0, 1], so one number means the same for every query.
 */
export function buildRetrieverIndex(docs: (RetrievalDoc & { features: string[] })[]): RetrieverIndex {
  const df = new Map<string, number>();
  for (const d of docs) for (const f of d.features) df.set(f, (df.get(f) ?? 0) + 1);
  const features = [...df.keys()].sort();
  const indexOf = new Map(features.map((f, i) => [f, i]));
  const idf = features.map((f) => Math.log((1 + docs.length) / (1 + (df.get(f) ?? 0))) + 1);
  const vectors = docs.map((d) => {
    const ids = d.features.map((f) => indexOf.get(f) as number);
    const norm = Math.hypot(...ids.map((i) => idf[i] as number)) || 1;
    return ids.flatMap((i) => [i, Math.round(((idf[i] as number) / norm) * 1e5) / 1e5]);
  });
  return { features, idf, docs: docs.map(({ label, faqId }) => (faqId ? { label, faqId } : { label })), vectors };
}

/**
 * Adds one query feature's contribution to every document in its posting list; returns the new
 * count of touched documents. A small function of typed arrays only, so V8 compiles it tight:
 * this loop is most of the cost of understanding a message.
 */
function accumulate(docs: Int32Array, weights: Float32Array, qw: number, scores: Float64Array, touched: Int32Array, count: number): number {
  let n = count;
  for (let k = 0; k < docs.length; k++) {
    const d = docs[k] as number;
    const before = scores[d] as number;
    // A score is never exactly 0 once touched (weights and qw are positive), so 0 marks "new".
    if (before === 0) touched[n++] = d;
    scores[d] = before + qw * (weights[k] as number);
  }
  return n;
}

/** Nearest question variants by cosine similarity, through an inverted index. */
export class Retriever {
  private readonly indexOf: Map<string, number>;
  private readonly postings: { doc: Int32Array; weight: Float32Array }[];
  /**
   * Per-document score accumulator and the documents touched by the current query, in the order
   * they were first touched. Typed arrays reused across queries instead of a Map per query: the
   * common features (single characters) have postings thousands long, and this loop is the
   * hottest of understanding a message.
   */
  private readonly scores: Float64Array;
  private readonly touched: Int32Array;
  /** Each document's label as a number, and per label the best document of the current query. */
  private readonly labels: string[];
  private readonly labelOf: Int32Array;
  private readonly bestDoc: Int32Array;

  /** Only what search reads is kept: the documents' vectors live on in the postings, not twice. */
  private readonly index: Pick<RetrieverIndex, "docs" | "idf">;

  /** `outOfScope`: the label of the out-of-scope examples, whose own words foreignWords names. */
  constructor(index: RetrieverIndex, outOfScope: string) {
    this.index = { docs: index.docs, idf: index.idf };
    this.indexOf = new Map(index.features.map((f, i) => [f, i]));
    const lists: { doc: number[]; weight: number[] }[] = index.features.map(() => ({ doc: [], weight: [] }));
    index.vectors.forEach((vec, doc) => {
      for (let k = 0; k < vec.length; k += 2) {
        const list = lists[vec[k] as number] as { doc: number[]; weight: number[] };
        list.doc.push(doc);
        list.weight.push(vec[k + 1] as number);
      }
    });
    this.postings = lists.map((l) => ({ doc: Int32Array.from(l.doc), weight: Float32Array.from(l.weight) }));
    this.scores = new Float64Array(index.docs.length);
    this.touched = new Int32Array(index.docs.length);
    this.labels = [...new Set(index.docs.map((d) => d.label))];
    const labelIndex = new Map(this.labels.map((l, i) => [l, i]));
    this.labelOf = Int32Array.from(index.docs, (d) => labelIndex.get(d.label) as number);
    this.bestDoc = new Int32Array(this.labels.length).fill(-1);
    // Content words (Chinese two-character runs, English words) seen only in out-of-scope examples.
    this.outOfScopeOnly = new Set(
      index.features.filter((f, i) => {
        if (!/^c:\p{Script=Han}{2}$|^w:[a-z]+$/u.test(f)) return false;
        const docs = this.postings[i]?.doc ?? new Int32Array();
        return docs.length > 0 && docs.every((d) => index.docs[d]?.label === outOfScope);
      }),
    );
  }

  private readonly outOfScopeOnly: Set<string>;

  /**
   * The query's words that only out-of-scope examples use (股票, 请假条, passport): a message that
   * has them has a subject of its own, outside the desk's.
   */
  foreignWords(features: string[]): string[] {
    return features.filter((f) => this.outOfScopeOnly.has(f));
  }

  get docs(): readonly RetrievalDoc[] {
    return this.index.docs;
  }

  /** Share of the query's features the index has seen: low for gibberish and foreign topics. */
  coverage(features: string[]): number {
    if (features.length === 0) return 0;
    return features.filter((f) => this.indexOf.has(f)).length / features.length;
  }

  /** The best-scoring document per label, best first. */
  search(features: string[]): RetrievalHit[] {
    const q: [number, number][] = [];
    for (const f of features) {
      const i = this.indexOf.get(f);
      if (i !== undefined) q.push([i, this.index.idf[i] as number]);
    }
    // Unknown features still count in the query norm: a message mostly about something else
    // should not look like a perfect match because of two shared characters.
    const unknown = features.length - q.length;
    const norm = Math.sqrt(q.reduce((s, [, w]) => s + w * w, 0) + unknown * this.maxIdf()) || 1;
    const { scores, touched } = this;
    let count = 0;
    for (const [i, w] of q) {
      const p = this.postings[i] as { doc: Int32Array; weight: Float32Array };
      count = accumulate(p.doc, p.weight, w / norm, scores, touched, count);
    }
    // The best document per label; labels listed in the order first seen, as the tie-break.
    const { labelOf, bestDoc } = this;
    const seen: number[] = [];
    const hits: RetrievalHit[] = [];
    for (let t = 0; t < count; t++) {
      const doc = touched[t] as number;
      const label = labelOf[doc] as number;
      const cur = bestDoc[label] as number;
      if (cur === -1) {
        bestDoc[label] = doc;
        seen.push(label);
      } else if ((scores[doc] as number) > (scores[cur] as number)) bestDoc[label] = doc;
    }
    for (const label of seen) {
      const doc = bestDoc[label] as number;
      hits.push({ label: this.labels[label] as string, score: scores[doc] as number, doc });
      bestDoc[label] = -1;
    }
    for (let t = 0; t < count; t++) scores[touched[t] as number] = 0;
    return hits.sort((a, b) => b.score - a.score);
  }

  private maxIdfValue: number | undefined;
  private maxIdf(): number {
    if (this.maxIdfValue === undefined) {
      const m = this.index.idf.reduce((a, b) => Math.max(a, b), 0);
      this.maxIdfValue = m * m;
    }
    return this.maxIdfValue;
  }
}
