import { unemploymentBenefitMonths } from "../../../src/calculators/unemployment.js";
import type { FlowDefinition } from "../../../src/dialog/flows/types.js";
import { contributionYearsStep } from "./steps.js";
import { estimateNote, lines } from "./wording.js";

/** 失业金能领几个月: the longest period for the contribution years (失业保险条例 第十七条). */
export const unemploymentCalculator: FlowDefinition = {
  id: "calc.unemployment",
  intents: ["unemployment.amount_duration"],
  title: { zh: "算一算失业金能领几个月", en: "Work out the months of unemployment benefit" },
  offer: { zh: "算一算失业金能领几个月", en: "Work out the months of unemployment benefit" },
  intro: { zh: "好的，我按缴费年限帮您算一算最长能领几个月。", en: "Let's work out the longest period from your contribution years." },
  steps: [contributionYearsStep({ zh: "失业保险", en: "unemployment insurance" })],
  confirm: false,
  startsWithFacts: true,
  cue: /失业金|失业保险金|unemployment benefit/i,
  async submit(values) {
    const r = unemploymentBenefitMonths(Number(values.contributionYears));
    const result = r.eligible
      ? {
          zh: `失业保险累计缴费${r.contributionYears}年：失业保险金最长可以领${r.maxMonths}个月（《失业保险条例》第十七条）。每月金额由当地按不低于城市居民最低生活保障、不高于最低工资标准确定。`,
          en: `With ${r.contributionYears} years of unemployment insurance contributions, benefit can be paid for up to ${r.maxMonths} months (Unemployment Insurance Regulations, Art. 17). The monthly amount is set locally, between the local subsistence allowance and the minimum wage.`,
        }
      : {
          zh: `失业保险累计缴费${r.contributionYears}年，不满1年，暂不能领取失业保险金（《社会保险法》第四十五条）。符合条件的可以申领一次性生活补助或享受就业服务，具体问当地。`,
          en: `With ${r.contributionYears} years of contributions (under one year), unemployment benefit cannot be paid yet (Social Insurance Law, Art. 45). Ask locally about other help and employment services.`,
        };
    return { status: "done", text: lines(result, { zh: "", en: "" }, estimateNote(r.assumptions, "12333")) };
  },
};
