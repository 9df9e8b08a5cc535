import type { Assumption } from "../../../src/calculators/assumption.js";
import type { Figures } from "../../../src/calculators/figures.js";
import { estimatePension } from "../../../src/calculators/pension.js";
import { statutoryRetirement } from "../../../src/calculators/retirement-age.js";
import type { FlowDefinition } from "../../../src/dialog/flows/types.js";
import { choice } from "../../../src/dialog/validators/index.js";
import { yuan } from "../../../src/dialog/validators/quantity.js";
import { birthSteps, bornOf, categoryOf, contributionYearsStep } from "./steps.js";
import { age, estimateNote, lines } from "./wording.js";

/** The personal account receives 8 % of the contribution base (国发〔2005〕38号). */
const PERSONAL_ACCOUNT_RATE = 0.08;

const ASSUME_BALANCE: Assumption = {
  id: "pension.balance-estimated",
  zh: "个人账户储存额按「计发基数 × 缴费指数 × 8% × 12个月 × 缴费年限」粗估，未计利息，实际以账户对账单为准。",
  en: "The personal account balance was roughly estimated as local wage × index × 8 % × 12 × years, without interest; your account statement has the real figure.",
};

/**
 * 养老金估算: basic pension plus personal-account pension, with the retirement age computed from
 * the birth date and the local average wage taken from bot/figures.yaml, all shown with the result.
 */
export function pensionCalculator(figures: Figures): FlowDefinition {
  const wage = figures.localAverageMonthlyWage;
  return {
    id: "calc.pension",
    intents: ["pension.benefit.calculation"],
    title: { zh: "估算每月养老金", en: "Estimate the monthly pension" },
    offer: { zh: "估算每月养老金", en: "Estimate the monthly pension" },
    intro: { zh: "好的，我帮您粗略估算一下每月养老金，需要问几个问题。", en: "Let's make a rough estimate of the monthly pension; a few questions first." },
    steps: [
      ...birthSteps,
      contributionYearsStep({ zh: "养老保险", en: "pension" }),
      {
        slot: "index",
        label: { zh: "平均缴费档次", en: "Average contribution level" },
        prompt: {
          zh: "平时大概按什么档次交的？（不清楚可选「按平均工资」）",
          en: "Roughly at what level did you contribute? (If unsure, choose \"the average wage\")",
        },
        validator: choice([
          { key: "0.6", label: { zh: "按最低档（60%）", en: "The lowest level (60 %)" }, synonyms: ["最低", "最低档", "百分之六十", "60%", "六十", "lowest", "minimum"] },
          { key: "1", label: { zh: "按平均工资（100%）", en: "The average wage (100 %)" }, synonyms: ["平均", "100%", "中间", "不清楚", "不知道", "average", "not sure", "don't know"] },
          { key: "2", label: { zh: "较高（200%）", en: "Higher (200 %)" }, synonyms: ["较高", "两倍", "200%", "higher", "double"] },
          { key: "3", label: { zh: "最高档（300%）", en: "The highest level (300 %)" }, synonyms: ["最高", "最高档", "300%", "三倍", "highest", "maximum"] },
        ]),
        aliases: ["档次", "缴费档次", "level"],
      },
      {
        slot: "balance",
        label: { zh: "个人账户储存额", en: "Personal account balance" },
        prompt: {
          zh: "养老保险个人账户里现在大概有多少钱？（可在电子社保卡或当地社保app查询；不知道可回复「不知道」，我按缴费粗估）",
          en: "About how much is in your pension personal account now (see the e-social-security card or the local app)? Reply \"don't know\" and I will estimate it.",
        },
        validator: yuan({ min: 0, max: 5_000_000, what: { zh: "个人账户储存额", en: "The account balance" }, unknown: { value: -1, display: { zh: "不知道（粗估）", en: "not known (estimated)" } }, cue: /账户|余额|储存额|balance|account/i }),
        aliases: ["个人账户", "账户余额", "储存额", "balance"],
      },
    ],
    confirm: false,
    startsWithFacts: true,
    cue: /(养老金|退休金|养老保险).{0,12}(多少|几个钱|几多)|how much.{0,30}pension|pension.{0,30}how much/i,
    async submit(values) {
      const category = categoryOf(values);
      const retirement = statutoryRetirement({ sex: category === "male" ? "male" : "female", category, born: bornOf(values) });
      const years = Number(values.contributionYears);
      const index = Number(values.index);
      const estimated = Number(values.balance) < 0;
      const balance = estimated ? Math.round(wage.value * index * PERSONAL_ACCOUNT_RATE * 12 * years) : Number(values.balance);
      const r = estimatePension({
        retirementAge: retirement.statutory.age,
        contributionYears: years,
        averageContributionIndex: index,
        personalAccountBalance: balance,
        localAverageMonthlyWage: wage.value,
      });
      const where = wage.example
        ? { zh: `${wage.value}元（示例数字，本地区的实际计发基数尚未配置）`, en: `${wage.value} yuan (an example: the area's real figure has not been configured)` }
        : { zh: `${wage.value}元（${wage.place}${wage.year}年，${wage.source}）`, en: `${wage.value} yuan (${wage.place}, ${wage.year}, ${wage.source})` };
      const result = {
        zh: [
          `估算每月养老金约 ${r.total.toFixed(2)} 元 = 基础养老金 ${r.basicPension.toFixed(2)} 元 + 个人账户养老金 ${r.personalAccountPension.toFixed(2)} 元（《社会保险法》第十五条）。`,
          "计算用到的数字：",
          `· 退休年龄 ${age(retirement.statutory.age).zh}（按出生年月算出的法定退休年龄），计发月数 ${r.divisor.months}`,
          `· 缴费年限 ${years}年，平均缴费指数 ${index}`,
          `· 个人账户储存额 ${balance}元${estimated ? "（粗估）" : ""}`,
          `· 当地计发基数 ${where.zh}`,
        ].join("\n"),
        en: [
          `Estimated monthly pension: about ${r.total.toFixed(2)} yuan = basic pension ${r.basicPension.toFixed(2)} + personal-account pension ${r.personalAccountPension.toFixed(2)} (Social Insurance Law, Art. 15).`,
          "Figures used:",
          `· Retirement age ${age(retirement.statutory.age).en} (the statutory age for the birth date), divisor ${r.divisor.months} months`,
          `· ${years} years of contributions, average index ${index}`,
          `· Personal account balance ${balance} yuan${estimated ? " (estimated)" : ""}`,
          `· Local average wage ${where.en}`,
        ].join("\n"),
      };
      const assumptions = estimated ? [...r.assumptions, ASSUME_BALANCE] : r.assumptions;
      return { status: "done", text: lines(result, { zh: "", en: "" }, estimateNote(assumptions, "12333")) };
    },
  };
}
