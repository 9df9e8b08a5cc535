import { maternityAllowance } from "../../../src/calculators/maternity.js";
import type { FlowDefinition } from "../../../src/dialog/flows/types.js";
import { days, yuan } from "../../../src/dialog/validators/quantity.js";
import { estimateNote, lines } from "./wording.js";

/** 生育津贴算一算: the employer's average monthly wage over 30 days, times the leave days. */
export const maternityCalculator: FlowDefinition = {
  id: "calc.maternity",
  intents: ["maternity.allowance"],
  title: { zh: "算一算生育津贴", en: "Work out the maternity allowance" },
  offer: { zh: "算一算生育津贴", en: "Work out the maternity allowance" },
  intro: { zh: "好的，我帮您算一算生育津贴大概多少。", en: "Let's work out roughly how much the maternity allowance is." },
  steps: [
    {
      slot: "employerWage",
      label: { zh: "单位上年度职工月平均工资", en: "Employer's average monthly wage last year" },
      prompt: {
        zh: "单位上年度职工月平均工资是多少？（是全单位的平均，不是本人工资；可问单位人事，例如 8000元）",
        en: "What was the employer's average monthly wage last year (the whole workforce's average, not your own; HR knows, e.g. 8000)?",
      },
      validator: yuan({ min: 500, max: 200000, what: { zh: "单位月平均工资", en: "The employer's average monthly wage" }, cue: /工资|薪|wage|salary/i }),
      aliases: ["平均工资", "工资", "wage"],
    },
    {
      slot: "leaveDays",
      label: { zh: "产假天数", en: "Days of maternity leave" },
      prompt: {
        zh: "产假一共多少天？国家规定98天，难产加15天，多胞胎每多一个加15天，各省还有延长；不清楚可回复「不清楚」按98天算。",
        en: "How many days of maternity leave? Nationally 98, 15 more for a difficult birth and for each extra baby, and provinces add more; reply \"not sure\" to use 98.",
      },
      validator: days({ min: 1, max: 365, what: { zh: "产假天数", en: "Leave days" }, unknown: { value: 98, display: { zh: "98天（国家规定）", en: "98 days (national)" } } }),
      aliases: ["产假", "天数", "days"],
    },
  ],
  confirm: false,
  startsWithFacts: true,
  cue: /生育津贴|产假工资|maternity allowance/i,
  async submit(values) {
    const r = maternityAllowance({ employerAverageMonthlyWage: Number(values.employerWage), leaveDays: Number(values.leaveDays) });
    const w = r.input.employerAverageMonthlyWage;
    const d = r.input.leaveDays;
    const result = {
      zh: `生育津贴约 ${r.amount.toFixed(2)} 元：${w}元 ÷ 30 × ${d}天（日津贴约${r.dailyRate.toFixed(2)}元）。依据《社会保险法》第五十六条，按用人单位上年度职工月平均工资计发；通常由医保经办机构发给单位或本人。`,
      en: `The maternity allowance comes to about ${r.amount.toFixed(2)} yuan: ${w} ÷ 30 × ${d} days (about ${r.dailyRate.toFixed(2)} a day). Under the Social Insurance Law, Art. 56, it follows the employer's average monthly wage of last year and is usually paid via the employer or to you.`,
    };
    return { status: "done", text: lines(result, { zh: "", en: "" }, estimateNote(r.assumptions, "12393")) };
  },
};
