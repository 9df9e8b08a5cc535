import { minimumContributionYears } from "../../../src/calculators/minimum-contribution.js";
import { statutoryRetirement } from "../../../src/calculators/retirement-age.js";
import type { FlowDefinition } from "../../../src/dialog/flows/types.js";
import { birthSteps, bornOf, categoryOf } from "./steps.js";
import { age, ageAt, estimateNote, lines, period, yearMonth } from "./wording.js";

const WHO = {
  male: { zh: "男职工", en: "a man" },
  "female-55": { zh: "女职工（原55岁退休）", en: "a woman whose original age was 55" },
  "female-50": { zh: "女职工（原50岁退休）", en: "a woman whose original age was 50" },
};

/**
 * 退休年龄计算: the statutory retirement age and month under the 2024 decision, the flexible
 * window, and the minimum contribution years for that retirement year. Started straight away when
 * a question about retirement age carries a birth date or a sex ("我1975年3月出生的女工人").
 */
export const retirementCalculator: FlowDefinition = {
  id: "calc.retirement",
  intents: ["pension.retirement.age", "pension.contribution.years"],
  title: { zh: "算一算退休年龄", en: "Work out the retirement age" },
  offer: { zh: "算一算退休年龄", en: "Work out the retirement age" },
  intro: { zh: "好的，我按延迟退休的规定帮您算一算。", en: "Let's work it out under the gradual retirement-age rules." },
  steps: birthSteps,
  confirm: false,
  startsWithFacts: true,
  cue: /退休|retire/i,
  async submit(values) {
    const category = categoryOf(values);
    const r = statutoryRetirement({ sex: category === "male" ? "male" : "female", category, born: bornOf(values) });
    const min = minimumContributionYears(r.statutory.at);
    const born = yearMonth(r.input.born);
    const who = WHO[category];
    const head = {
      zh: `${born.zh}出生的${who.zh}：`,
      en: `For ${who.en} born in ${born.en}:`,
    };
    const statutory =
      r.phase === "before-reform"
        ? {
            zh: `· 不受延迟退休影响，按原法定退休年龄${r.original.age.years}岁退休，即${yearMonth(r.original.at).zh}。`,
            en: `· The gradual delay does not apply: the original age of ${r.original.age.years} holds, reached in ${yearMonth(r.original.at).en}.`,
          }
        : {
            zh: `· 法定退休年龄${age(r.statutory.age).zh}，${yearMonth(r.statutory.at).zh}可以退休（原${r.original.age.years}岁，延迟${period(r.delayMonths).zh}；依据全国人大常委会关于实施渐进式延迟法定退休年龄的决定${r.annex}）。`,
            en: `· Statutory retirement age ${age(r.statutory.age).en}, reached in ${yearMonth(r.statutory.at).en} (originally ${r.original.age.years}, delayed by ${period(r.delayMonths).en}; the NPC Standing Committee's 2024 decision, ${r.annex === "附件1" ? "Annex 1" : r.annex === "附件2" ? "Annex 2" : "Annex 3"}).`,
          };
    const flexible = r.flexible.available
      ? {
          zh: `· 弹性退休：本人申请最早可在${ageAt(r.flexible.earliest).zh}提前退休；与单位协商一致最晚可延至${ageAt(r.flexible.latest).zh}。`,
          en: `· Flexible retirement: at the earliest ${ageAt(r.flexible.earliest).en} on your own application; at the latest ${ageAt(r.flexible.latest).en} if the employer agrees.`,
        }
      : { zh: "", en: "" };
    const minimum = {
      zh: `· ${r.statutory.at.year}年退休，按月领养老金的最低缴费年限为${period(min.totalMonths).zh}。`,
      en: `· Retiring in ${r.statutory.at.year}, the minimum contributions for a monthly pension are ${period(min.totalMonths).en}.`,
    };
    const parts = [head, statutory, flexible, minimum].filter((p) => p.zh !== "");
    return {
      status: "done",
      text: lines(...parts, { zh: "", en: "" }, estimateNote([...r.assumptions, ...min.assumptions], "12333")),
    };
  },
};
