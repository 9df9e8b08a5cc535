import { reviewAndFile } from "../../src/dialog/flows/submit.js";
import type { FlowDefinition } from "../../src/dialog/flows/types.js";
import { bankCard, choice, date } from "../../src/dialog/validators/index.js";
import { SEPARATION_REASONS } from "../../src/dialog/validators/separation-reasons.js";
import { knownInsured } from "./common-rules.js";
import { idStep, mobileStep, nameStep } from "./common-steps.js";

const DAY = 86_400_000;

/** 申领失业保险金: conditions from 《社会保险法》第四十五条; apply within 60 days of separation. */
export const unemploymentApply: FlowDefinition = {
  id: "unemployment.apply",
  intents: ["unemployment.apply", "unemployment.eligibility"],
  title: { zh: "申领失业保险金", en: "Unemployment benefit application" },
  intro: {
    zh: "好的，我来帮您在线申领失业保险金，大约需要6项信息。随时可以说“返回”修改上一项，或说“取消”。",
    en: "Let's apply for unemployment benefit online; it takes about 6 answers. Say “back” to redo the last one or “cancel” to stop.",
  },
  steps: [
    nameStep,
    idStep,
    mobileStep,
    {
      slot: "separationDate",
      label: { zh: "离职日期", en: "Last day of work" },
      prompt: { zh: "您是哪一天离职（劳动合同终止）的？例如“2026年10月31日”或“上个月底”。", en: "When did your job end? e.g. “31 October 2026”." },
      validator: date({ notFuture: true }),
      aliases: ["离职日期", "离职时间", "离职", "last day", "left on"],
    },
    {
      slot: "reason",
      label: { zh: "离职原因", en: "Reason for leaving" },
      prompt: {
        zh: "离职原因是什么？可以直接说，例如：被辞退、合同到期不续签、单位倒闭、自己辞职。",
        en: "Why did the job end? e.g. dismissed, contract not renewed, company closed, resigned.",
      },
      validator: choice(SEPARATION_REASONS),
      aliases: ["离职原因", "原因", "reason"],
    },
    {
      slot: "bankCard",
      label: { zh: "收款银行卡号", en: "Bank card for payment" },
      prompt: { zh: "失业保险金发放到哪张银行卡？请输入本人银行卡号（或社保卡金融账户）。", en: "Which bank card should the benefit be paid to? Enter your own card number." },
      validator: bankCard(),
      aliases: ["银行卡", "卡号", "bank card", "card number"],
    },
  ],
  facts: (values, citizen, now) => ({
    found: citizen !== undefined,
    unemploymentMonths: citizen?.contributions.reduce((n, y) => n + y.unemploymentMonths, 0) ?? 0,
    involuntary: SEPARATION_REASONS.find((r) => r.key === values.reason)?.involuntary ?? false,
    receivingPension: citizen?.receivingPension ?? false,
    daysSinceSeparation: values.separationDate ? Math.floor((now.getTime() - Date.parse(values.separationDate)) / DAY) : 9999,
  }),
  preReview: [
    knownInsured({ zh: "请核对身份证号，或带身份证到参保地经办机构查询。", en: "Check the ID number, or ask at the insurance office where you paid in." }),
    {
      id: "min_contribution",
      fact: "unemploymentMonths",
      op: ">=",
      value: 12,
      explain: {
        zh: "失业保险累计缴费不满1年（《社会保险法》第四十五条要求满1年）。",
        en: "Unemployment contributions total less than one year (the Social Insurance Law, art. 45, requires one year).",
      },
      nextSteps: {
        zh: "缴费满1年后再申请；生活困难可向街道（乡镇）咨询临时救助。也可以转人工核对缴费记录。",
        en: "Apply once you have one year of contributions; for hardship ask your sub-district office about temporary assistance, or ask an agent to check your record.",
      },
    },
    {
      id: "involuntary",
      fact: "involuntary",
      op: "==",
      value: true,
      explain: { zh: "主动辞职属于本人意愿中断就业，不符合领取条件。", en: "Resigning of your own will does not qualify for the benefit." },
      nextSteps: {
        zh: "如果是因单位欠薪、未缴社保等原因被迫辞职，请选择“被迫辞职”并准备相关证明；也可转人工咨询。",
        en: "If you were forced to resign (unpaid wages, no insurance paid), choose “forced to resign” and keep the evidence, or ask an agent.",
      },
    },
    {
      id: "not_pensioner",
      fact: "receivingPension",
      op: "==",
      value: false,
      explain: { zh: "您已在领取基本养老金，不能同时领取失业保险金。", en: "You already receive a basic pension, which cannot be combined with unemployment benefit." },
      nextSteps: { zh: "如有疑问请拨打12333。", en: "Call 12333 if you have questions." },
    },
    {
      id: "within_60_days",
      fact: "daysSinceSeparation",
      op: "<=",
      value: 60,
      explain: { zh: "离职已超过60天，超出在线申领期限。", en: "Your job ended more than 60 days ago, past the online application window." },
      nextSteps: { zh: "请带身份证和离职证明到当地经办机构说明情况办理。", en: "Take your ID and separation certificate to the local office to explain and apply." },
    },
  ],
  submit(values, ctx) {
    return reviewAndFile(this, "unemployment.apply", values, ctx);
  },
};
