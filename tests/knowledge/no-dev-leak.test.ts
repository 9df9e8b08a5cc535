import { describe, expect, it } from "vitest";
import { normalise } from "../../src/nlu/normalise.js";
import { trainingExamples } from "../../src/nlu/train.js";
import { readDevSet, realNlu } from "../testing/nlu.js";

/** Character bigrams of a sentence without punctuation or spaces. */
function bigrams(text: string): Set<string> {
  const s = normalise(text).replace(/[\p{P}\p{S}\s]/gu, "");
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return out;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared || 1);
}

// The dev set measures generalisation only while none of its sentences is trained on.
describe("training data vs the public dev set", () => {
  it("contains no dev sentence, nor a near copy of one", () => {
    const dev = readDevSet().map((e) => e.text);
    const training = trainingExamples(realNlu().kb).map((e) => ({ text: e.text, grams: bigrams(e.text) }));
    const copies: string[] = [];
    for (const d of dev) {
      const g = bigrams(d);
      if (g.size < 4) continue; // 你好, 谢谢: short phrases everyone writes the same way
      for (const t of training) if (jaccard(g, t.grams) >= 0.8) copies.push(`${d}  ~  ${t.text}`);
    }
    expect(copies).toEqual([]);
  });
});
