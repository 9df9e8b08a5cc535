import { describe, expect, it } from "vitest";
import { continueFlow, type FlowState, isExpired, type RunnerResult, startFlow } from "../../../src/dialog/flows/runner.js";
import { preReview } from "../../../src/dialog/flows/pre-review.js";
import type { FlowDefinition, PreReviewRule } from "../../../src/dialog/flows/types.js";
import { choice } from "../../../src/dialog/validators/choice.js";
import type { SlotValidator } from "../../../src/dialog/validators/types.js";

// Small stand-in validators, so the runner is tested on its own rules.
function pattern(kind: string, re: RegExp, sensitive = false): SlotValidator {
  const mask = (v: string) => (sensitive ? `${v.slice(0, 3)}****${v.slice(-2)}` : v);
  return {
    kind,
    sensitive,
    validate: (answer) => {
      const m = new RegExp(`^${re.source}$`).exec(answer.trim());
      return m ? { ok: true, value: m[0], display: mask(m[0]) } : { ok: false, reason: { zh: `${kind}格式不对`, en: `bad ${kind}` } };
    },
    extract: (message) => {
      const m = re.exec(message);
      return m ? { ok: true, value: m[0], display: mask(m[0]) } : undefined;
    },
  };
}

const def: FlowDefinition = {
  id: "test.flow",
  intents: ["test.intent"],
  title: { zh: "测试", en: "Test" },
  intro: { zh: "开始办理。", en: "Starting." },
  steps: [
    { slot: "name", label: { zh: "姓名", en: "Name" }, prompt: { zh: "请问姓名？", en: "Name?" }, validator: pattern("name", /[张李王][一-龥]{1,2}/), aliases: ["姓名", "名字"] },
    { slot: "phone", label: { zh: "手机号", en: "Phone" }, prompt: { zh: "请问手机号？", en: "Phone?" }, validator: pattern("phone", /1[3-9]\d{9}/, true), aliases: ["手机号", "手机"] },
    { slot: "mail", label: { zh: "邮寄", en: "Post" }, prompt: { zh: "需要邮寄吗？", en: "Post it?" }, validator: pattern("yn", /要|不要/), aliases: ["邮寄"] },
    {
      slot: "city",
      label: { zh: "城市", en: "City" },
      prompt: { zh: "寄到哪个城市？", en: "Which city?" },
      validator: pattern("city", /北京|上海|广州/),
      aliases: ["城市"],
      when: (v) => v.mail === "要",
    },
  ],
  submit: async () => ({ status: "submitted", text: { zh: "已提交", en: "Submitted" } }),
};

const now = new Date("2026-11-28T04:00:00Z");
const ctx = (faq?: string) => ({ now, locale: "zh" as const, faqIntent: (t: string) => (faq && t.includes("多久") ? faq : undefined) });
function run(state: FlowState, text: string, command?: Parameters<typeof continueFlow>[2]["command"], faq?: string): RunnerResult {
  return continueFlow(def, state, { text, ...(command ? { command } : {}) }, ctx(faq));
}
function next(r: RunnerResult): FlowState {
  if (r.kind !== "continue" && r.kind !== "faq") throw new Error(`expected the flow to go on, got ${r.kind}`);
  return r.state;
}
const text = (r: RunnerResult) => (r.kind === "continue" || r.kind === "ended" ? r.reply.text : r.kind === "faq" ? r.followUp.text : "");

describe("flow runner", () => {
  it("asks each slot in turn, skips a step whose condition fails, confirms with masked values, then submits", () => {
    const { state, reply } = startFlow(def, now, "zh");
    expect(reply.text).toBe("开始办理。\n请问姓名？");
    let s = next(run(state, "张三"));
    expect(s.pending).toBe("phone");
    s = next(run(s, "13812345678"));
    const r = run(s, "不要");
    s = next(r);
    expect(s.pending).toBe("confirm");
    expect(text(r)).toContain("手机号：138****78");
    expect(text(r)).not.toContain("城市");
    expect(run(s, "确认")).toEqual({
      kind: "submit",
      flowId: "test.flow",
      values: { name: "张三", phone: "13812345678", mail: "不要" },
      displays: { name: "张三", phone: "138****78", mail: "不要" },
    });
    expect(run(s, "", "confirm").kind).toBe("submit");
  });

  it("takes several slots from one message", () => {
    const s = next(run(startFlow(def, now, "zh").state, "我叫张三，手机13812345678，要邮寄"));
    expect(s.values).toEqual({ name: "张三", phone: "13812345678", mail: "要" });
    expect(s.pending).toBe("city");
  });

  it("applies a correction of an earlier answer and keeps asking the pending slot", () => {
    let s = next(run(startFlow(def, now, "zh").state, "张三"));
    s = next(run(s, "13812345678"));
    const r = run(s, "不对，手机号是13900001111");
    s = next(r);
    expect(s.values.phone).toBe("13900001111");
    expect(s.pending).toBe("mail");
    expect(text(r)).toContain("已更新手机号：139****11");
    expect(text(r)).toContain("需要邮寄吗？");
  });

  it("drops a conditional answer when the condition stops holding", () => {
    let s = next(run(startFlow(def, now, "zh").state, "我叫张三，手机13812345678，要邮寄"));
    s = next(run(s, "上海"));
    expect(s.values.city).toBe("上海");
    s = next(run(s, "邮寄改成不要"));
    expect(s.values.mail).toBe("不要");
    expect(s.values.city).toBeUndefined();
    expect(s.pending).toBe("confirm");
  });

  it("answers an FAQ in the middle, then asks the pending slot again without counting it as invalid", () => {
    const s = next(run(startFlow(def, now, "zh").state, "张三"));
    const r = run(s, "失业金能领多久", undefined, "unemployment.amount_duration");
    expect(r).toMatchObject({ kind: "faq", intent: "unemployment.amount_duration" });
    expect(text(r)).toContain("请问手机号？");
    expect(next(r).invalid).toBe(0);
  });

  it("cancels only after a confirmation, and carries on when the citizen says no", () => {
    const s = next(run(startFlow(def, now, "zh").state, "张三"));
    const asked = run(s, "取消");
    expect(text(asked)).toContain("确定要取消");
    expect(next(run(next(asked), "否")).confirmingCancel).toBe(false);
    expect(run(next(asked), "是")).toMatchObject({ kind: "ended", reason: "cancelled" });
    expect(run(next(asked), "", "yes")).toMatchObject({ kind: "ended", reason: "cancelled" });
  });

  it("goes back one step, clearing the last answer", () => {
    let s = next(run(startFlow(def, now, "zh").state, "张三"));
    s = next(run(s, "返回"));
    expect(s.pending).toBe("name");
    expect(s.values.name).toBeUndefined();
    expect(text(run(s, "上一步"))).toContain("已经是第一步");
  });

  it("re-prompts with the reason on bad input and offers an agent after three in a row", () => {
    let s = startFlow(def, now, "zh").state;
    let r = run(s, "abc");
    expect(text(r)).toContain("name格式不对");
    s = next(r);
    s = next(run(s, "123"));
    r = run(s, "???");
    expect(text(r)).toContain("转人工");
    expect(r.kind === "continue" && r.reply.quickReplies.map((q) => q.payload)).toContainEqual({ action: "agent" });
    expect(next(run(next(r), "张三")).invalid).toBe(0);
  });

  it("expires after 30 idle minutes", () => {
    const { state } = startFlow(def, now, "zh");
    expect(isExpired(state, new Date(now.getTime() + 29 * 60_000))).toBe(false);
    expect(isExpired(state, new Date(now.getTime() + 31 * 60_000))).toBe(true);
  });
});

describe("pre-review rules", () => {
  const rules: PreReviewRule[] = [
    { id: "months", fact: "months", op: ">=", value: 12, explain: { zh: "不满12个月", en: "< 12" }, nextSteps: { zh: "", en: "" } },
    { id: "reason", fact: "reason", op: "in", value: ["dismissed", "closed"], explain: { zh: "主动离职", en: "quit" }, nextSteps: { zh: "", en: "" } },
  ];
  it("passes when every rule holds and names the first that fails", () => {
    expect(preReview(rules, { months: 36, reason: "closed" })).toBeUndefined();
    expect(preReview(rules, { months: 8, reason: "closed" })?.id).toBe("months");
    expect(preReview(rules, { months: 36, reason: "resigned" })?.id).toBe("reason");
    expect(preReview(rules, { reason: "closed" })?.id).toBe("months"); // a missing fact never passes
  });
});

describe("flows that act at once", () => {
  it("submits as soon as the last slot is filled when the flow has no confirmation", () => {
    const quick: FlowDefinition = { ...def, id: "quick", confirm: false, steps: def.steps.slice(0, 2) };
    const s = continueFlow(quick, startFlow(quick, now, "zh").state, { text: "张三" }, ctx());
    if (s.kind !== "continue") throw new Error("expected to continue");
    expect(continueFlow(quick, s.state, { text: "13812345678" }, ctx())).toEqual({
      kind: "submit",
      flowId: "quick",
      values: { name: "张三", phone: "13812345678" },
      displays: { name: "张三", phone: "138****78" },
    });
  });
});

describe("one message, many values", () => {
  const city = pattern("city", /北京|上海|广州|成都/);
  const twoCities: FlowDefinition = {
    ...def,
    id: "two.cities",
    steps: [
      { slot: "from", label: { zh: "转出地", en: "From" }, prompt: { zh: "从哪里转？", en: "From?" }, validator: city, aliases: ["转出"] },
      { slot: "to", label: { zh: "转入地", en: "To" }, prompt: { zh: "转到哪里？", en: "To?" }, validator: city, aliases: ["转入"] },
    ],
  };

  it("does not use one value for two slots of the same kind", () => {
    const r = continueFlow(twoCities, startFlow(twoCities, now, "zh").state, { text: "从成都转" }, ctx());
    expect(next(r).values).toEqual({ from: "成都" });
    expect(next(r).pending).toBe("to");
  });

  it("re-prompts a recognisable but wrong answer instead of looking it up as a question", () => {
    const futureDate: SlotValidator = {
      kind: "date",
      sensitive: false,
      validate: () => ({ ok: false, reason: { zh: "日期不能晚于今天", en: "not in the future" } }),
      extract: (m) => (m.includes("明年") ? { ok: false, reason: { zh: "日期不能晚于今天", en: "not in the future" } } : undefined),
    };
    const dated: FlowDefinition = {
      ...def,
      id: "dated",
      steps: [{ slot: "day", label: { zh: "日期", en: "Date" }, prompt: { zh: "哪天？", en: "When?" }, validator: futureDate, aliases: [] }],
    };
    const everythingIsAQuestion = { now, locale: "zh" as const, faqIntent: () => "pension.retirement.age" };
    const r = continueFlow(dated, startFlow(dated, now, "zh").state, { text: "明年退休前离职" }, everythingIsAQuestion);
    expect(r.kind).toBe("continue");
    expect(text(r)).toContain("日期不能晚于今天");
    expect(continueFlow(dated, startFlow(dated, now, "zh").state, { text: "退休年龄是多少" }, everythingIsAQuestion).kind).toBe("faq");
  });

  it("offers a choice's options as buttons before back and cancel, and takes a tapped option as the answer, even one that reads like no", () => {
    const answered: FlowDefinition = {
      ...def,
      id: "answered",
      steps: [
        {
          slot: "post",
          label: { zh: "领取方式", en: "Collection" },
          prompt: { zh: "怎么领取？", en: "How to collect?" },
          validator: choice([
            { key: "hall", label: { zh: "到大厅领取", en: "At the hall" }, synonyms: ["大厅"] },
            { key: "none", label: { zh: "不用", en: "No" }, synonyms: [] },
          ]),
          aliases: [],
        },
        { slot: "name", label: { zh: "姓名", en: "Name" }, prompt: { zh: "请问姓名？", en: "Name?" }, validator: pattern("name", /[张李王][一-龥]{1,2}/), aliases: [] },
      ],
    };
    const started = startFlow(answered, now, "zh");
    expect(started.reply.quickReplies.map((q) => [q.label, q.payload])).toEqual([
      ["到大厅领取", { action: "flow", command: "answer" }],
      ["不用", { action: "flow", command: "answer" }],
      ["取消办理", { action: "flow", command: "cancel" }],
    ]);
    // Typed, 不用 would be "no"; tapped, it is the option.
    const tapped = continueFlow(answered, started.state, { text: "不用", command: "answer" }, ctx());
    expect(next(tapped).values).toEqual({ post: "none" });
    expect(next(tapped).pending).toBe("name");
    // The next question is no choice: back and cancel only.
    expect((tapped as Extract<RunnerResult, { kind: "continue" }>).reply.quickReplies.map((q) => q.payload)).toEqual([
      { action: "flow", command: "back" },
      { action: "flow", command: "cancel" },
    ]);
    const english = startFlow(answered, now, "en");
    expect(english.reply.quickReplies.slice(0, 2).map((q) => q.label)).toEqual(["At the hall", "No"]);
  });
});

