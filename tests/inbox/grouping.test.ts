import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_JOIN_AT, type GroupableQuestion, groupQuestions } from "../../src/inbox/grouping.js";
import { cosine, questionVectors } from "../../src/inbox/question-vectors.js";
import { projectRoot } from "../testing/nlu.js";

/**
 * The inbox's grouping on a labelled sample written for it (tests/fixtures/inbox/similar-questions.json):
 * ten things asked six ways each (paraphrases, typos, Traditional characters, masked numbers), and
 * lone questions, three of them on a group's topic but asking something else.
 */
const sample = JSON.parse(readFileSync(join(projectRoot, "tests/fixtures/inbox/similar-questions.json"), "utf8")) as {
  groups: { label: string; questions: string[] }[];
};
const labelled = sample.groups.flatMap((g, gi) => g.questions.map((text, qi) => ({ id: `m-${String(gi).padStart(2, "0")}-${qi}`, label: g.label, text })));
const labelOf = new Map(labelled.map((q) => [q.id, q.label]));
const asked = (at: number): string => new Date(Date.UTC(2026, 2, 1, 8, at)).toISOString();
const questions: GroupableQuestion[] = labelled.map((q, i) => ({ messageId: q.id, text: q.text, createdAt: asked(i), reasons: ["fallback"], intents: [], notes: [] }));

/** Pairwise precision and recall (pairs put together that belong together), and the adjusted Rand index. */
function agreement(groups: { messageIds: string[] }[]) {
  const found = new Map<string, number>();
  groups.forEach((g, i) => {
    for (const id of g.messageIds) found.set(id, i);
  });
  let together = 0;
  let same = 0;
  let both = 0;
  for (let a = 0; a < labelled.length; a++) {
    for (let b = a + 1; b < labelled.length; b++) {
      const [x, y] = [labelled[a]!, labelled[b]!];
      const t = found.get(x.id) === found.get(y.id);
      const s = x.label === y.label;
      if (t) together++;
      if (s) same++;
      if (t && s) both++;
    }
  }
  const pairs = (labelled.length * (labelled.length - 1)) / 2;
  const expected = (together * same) / pairs;
  return { precision: both / together, recall: both / same, adjustedRand: (both - expected) / ((together + same) / 2 - expected) };
}

describe("grouping the inbox's questions", () => {
  it("groups paraphrases and keeps unrelated questions apart on the labelled sample", () => {
    expect(labelled.length).toBeGreaterThanOrEqual(60);
    const groups = groupQuestions(questions);
    const figures = agreement(groups);
    // Measured at DEFAULT_JOIN_AT (0.12): precision 0.913, recall 0.900, adjusted Rand 0.900, 18
    // groups for 18 labels (10 groups of paraphrases, 8 lone questions). The sweep around it: 0.10
    // gives 0.883 / 0.971, 0.16 0.917 / 0.864, 0.20 0.905 / 0.750, 0.30 1.0 / 0.479. The precision
    // lost is the three lone questions on a group's topic (see the end of this test).
    console.log(`inbox grouping at ${DEFAULT_JOIN_AT}: ${groups.length} groups, pairwise precision ${figures.precision.toFixed(3)}, recall ${figures.recall.toFixed(3)}, adjusted Rand ${figures.adjustedRand.toFixed(3)}`);
    expect(figures.precision).toBeGreaterThanOrEqual(0.9);
    expect(figures.recall).toBeGreaterThanOrEqual(0.88);
    expect(figures.adjustedRand).toBeGreaterThanOrEqual(0.88);

    const groupOf = (text: string) => groups.find((g) => g.messageIds.some((id) => labelled.find((q) => q.id === id)?.text === text))!;
    const labelsIn = (text: string) => new Set(groupOf(text).messageIds.map((id) => labelOf.get(id)));
    // Typos, Traditional characters and a masked phone number stay with their paraphrases.
    expect(groupOf("电子社保卡解帮微信的入口找不到")).toBe(groupOf("电子社保卡在微信里怎么解绑"));
    expect(groupOf("電子社保卡微信解綁在哪裡操作")).toBe(groupOf("电子社保卡在微信里怎么解绑"));
    expect(groupOf("我想在微信里解除电子社保卡的绑定，手机号138****5678换了")).toBe(groupOf("电子社保卡在微信里怎么解绑"));
    expect(groupOf("老人在外地住，养老今资格认证怎么做")).toBe(groupOf("養老金資格認證刷臉怎麼弄"));
    expect(groupOf("工商认定的结果多久能下来")).toBe(groupOf("工伤认定要多长时间才有结果"));
    expect(groupOf("foriegn worker pension refund after leaving China")).toBe(groupOf("I am a foreigner leaving China, can I get my pension contributions back"));
    // Questions on nothing the groups ask about stay alone, whatever words they share with them.
    for (const alone of ["我家猫这两天不吃东西怎么办", "how do I renew my passport", "社保卡可以在哪家银行网点激活", "how long does a pension transfer between provinces take", "失业金能不能在网上申请，不想跑大厅"]) {
      expect(groupOf(alone).count, alone).toBe(1);
    }
    // Groups never mix the two languages, and each labelled group has one home holding most of it.
    const chinese = (id: string) => /\p{Script=Han}/u.test(labelled.find((q) => q.id === id)!.text);
    for (const g of groups) expect(new Set(g.messageIds.map(chinese)).size).toBe(1);
    for (const { label, questions: texts } of sample.groups.filter((g) => g.questions.length > 1)) {
      const largest = Math.max(...groups.map((g) => g.messageIds.filter((id) => labelOf.get(id) === label).length));
      expect(largest / texts.length, label).toBeGreaterThanOrEqual(0.6);
    }
    // The known weakness: a question on a group's topic asking something else shares the topic's long
    // name and joins it ("第一次怎么领取" beside six ways of unbinding the e-card).
    expect(labelsIn("电子社保卡第一次怎么领取").has("e-card-unbind-wechat")).toBe(true);
  });

  it("sweeps the threshold: precision rises and recall falls as it goes up", () => {
    const at = (joinAt: number) => agreement(groupQuestions(questions, { joinAt }));
    const [low, mid, high] = [at(0.06), at(DEFAULT_JOIN_AT), at(0.3)];
    expect(low.recall).toBeGreaterThanOrEqual(mid.recall);
    expect(low.precision).toBeLessThan(mid.precision);
    expect(high.precision).toBe(1);
    expect(high.recall).toBeLessThan(mid.recall);
  });

  it("describes each group: key, counts, times, examples, reasons and guessed intents", () => {
    const q = (id: string, text: string, minute: number, extra: Partial<GroupableQuestion> = {}): GroupableQuestion => ({
      messageId: id,
      text,
      createdAt: asked(minute),
      reasons: ["fallback"],
      intents: [],
      notes: [],
      ...extra,
    });
    const groups = groupQuestions([
      q("b", "社保卡照片审核不通过被退回了怎么办", 2, { reasons: ["clarify", "handoff"], intents: ["card.apply", "card.replace"] }),
      q("a", "社保卡照片不合格退回来了", 1, { intents: ["card.apply"] }),
      q("c", "社保卡照片不合格退回来了", 5, { reasons: ["flagged"], notes: ["照片要求说不清"] }),
      q("d", "社保卡照片审核没通过还能改吗", 3, { reasons: ["thumbs_down"], intents: ["card.replace"] }),
      q("z", "how do I renew my passport", 9),
    ]);
    expect(groups.map((g) => g.count)).toEqual([1, 4]);
    const [passport, photos] = groups as [(typeof groups)[number], (typeof groups)[number]];
    expect(passport).toMatchObject({ key: "z", examples: ["how do I renew my passport"], reasons: [{ reason: "fallback", count: 1 }], intents: [] });
    expect(photos.key).toBe("a");
    expect(photos.firstSeen).toBe(asked(1));
    expect(photos.lastSeen).toBe(asked(5));
    expect(photos.messageIds).toEqual(["c", "d", "b", "a"]);
    // The same wording twice is one example.
    expect(photos.examples).toHaveLength(3);
    expect(new Set(photos.examples)).toEqual(new Set(["社保卡照片审核不通过被退回了怎么办", "社保卡照片不合格退回来了", "社保卡照片审核没通过还能改吗"]));
    expect(photos.reasons).toEqual([
      { reason: "fallback", count: 1 },
      { reason: "clarify", count: 1 },
      { reason: "handoff", count: 1 },
      { reason: "thumbs_down", count: 1 },
      { reason: "flagged", count: 1 },
    ]);
    expect(photos.intents).toEqual([
      { intent: "card.apply", count: 2 },
      { intent: "card.replace", count: 2 },
    ]);
    expect(photos.notes).toEqual(["照片要求说不清"]);
    expect(groupQuestions([])).toEqual([]);
  });

  it("reads Traditional and full-width text as Simplified, and masked numbers as nothing", () => {
    const [simplified, traditional, masked, plain] = questionVectors(["养老金资格认证", "養老金資格認證", "养老金资格认证 138****5678", "养老金资格认证"]);
    expect(cosine(simplified!, traditional!)).toBeCloseTo(1, 5);
    expect(cosine(simplified!, masked!)).toBeCloseTo(1, 5);
    expect(cosine(plain!, simplified!)).toBeCloseTo(1, 5);
  });
});
