import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { normalise } from "../../src/nlu/normalise.js";
import { trainingExamples } from "../../src/nlu/train.js";
import { projectRoot, readDevSet, realNlu } from "../testing/nlu.js";

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

// The dev set, the challenge sets and the scripted dialogues measure generalisation only while
// none of their sentences is trained on.
const heldOut = (): { set: string; text: string }[] => {
  const nlu = join(projectRoot, "bench", "nlu");
  const sets = readdirSync(nlu)
    .filter((f) => f.endsWith(".jsonl"))
    .flatMap((f) => readDevSet(join(nlu, f)).map((e) => ({ set: f, text: e.text })));
  const dialogues = readFileSync(join(projectRoot, "bench", "dialogues", "dialogues.jsonl"), "utf8")
    .trim()
    .split("\n")
    .flatMap((line) => (JSON.parse(line) as { turns: { text: string }[] }).turns.map((t) => ({ set: "dialogues.jsonl", text: t.text })));
  return [...sets, ...dialogues];
};

describe("training data vs the evaluation sets", () => {
  it("contains no sentence of the dev set, the challenge sets or the dialogues, nor a near copy of one", () => {
    const held = heldOut();
    expect(new Set(held.map((h) => h.set))).toEqual(new Set(["dev.jsonl", "challenge.jsonl", "challenge-2.jsonl", "challenge-3.jsonl", "dialogues.jsonl"]));
    const training = trainingExamples(realNlu().kb).map((e) => ({ text: e.text, grams: bigrams(e.text) }));
    const copies: string[] = [];
    for (const { set, text } of held) {
      const g = bigrams(text);
      if (g.size < 4) continue; // 你好, 谢谢, 在哪里办: short phrases everyone writes the same way
      for (const t of training) if (jaccard(g, t.grams) >= 0.8) copies.push(`${set}: ${text}  ~  ${t.text}`);
    }
    expect(copies).toEqual([]);
  });
});
