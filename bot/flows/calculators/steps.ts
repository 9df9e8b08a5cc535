import type { RetirementCategory } from "../../../src/calculators/retirement-age.js";
import type { FlowStep, SlotValues } from "../../../src/dialog/flows/types.js";
import { birthMonth, birthYear } from "../../../src/dialog/validators/birth.js";
import { choice } from "../../../src/dialog/validators/index.js";
import { years } from "../../../src/dialog/validators/quantity.js";

/**
 * The questions the calculators share. Their slots carry over from one calculator to the next
 * (the retirement age, then the pension): the flow runner prefills slots of the same name.
 */

export const sexStep: FlowStep = {
  slot: "sex",
  label: { zh: "性别", en: "Sex" },
  prompt: { zh: "请问是男性还是女性？", en: "Is this for a man or a woman?" },
  validator: choice([
    {
      key: "male",
      label: { zh: "男", en: "Man" },
      synonyms: ["男的", "男性", "男职工", "男同志", "男人", "我爸", "父亲", "老公", "丈夫", "儿子", "老头", "male", "man", "husband", "father", "dad", "son", "he"],
    },
    {
      key: "female",
      label: { zh: "女", en: "Woman" },
      synonyms: ["女的", "女性", "女职工", "女同志", "女人", "女工", "女工人", "女干部", "我妈", "母亲", "老婆", "妻子", "媳妇", "爱人她", "女儿", "female", "woman", "wife", "mother", "mum", "mom", "daughter", "she"],
    },
  ]),
  aliases: ["性别", "男的", "女的", "sex", "gender"],
};

/** Women's original statutory age was 50 for workers and 55 for cadres and managerial or technical posts. */
export const categoryStep: FlowStep = {
  slot: "category",
  label: { zh: "原退休年龄", en: "Original retirement age" },
  prompt: {
    zh: "女职工原来的退休年龄分两种：工人岗位原为50岁，干部和管理、专业技术岗位原为55岁（灵活就业人员多数地方按50岁）。请问是哪一种？",
    en: "Women had two original retirement ages: 50 for workers, 55 for cadres and managerial or technical posts (flexibly employed women mostly 50). Which applies?",
  },
  validator: choice([
    {
      key: "female-50",
      label: { zh: "原50岁（工人岗位）", en: "Originally 50 (worker)" },
      synonyms: ["女工人", "工人", "工人岗位", "原50", "50岁退休", "五十岁退休", "原来50", "灵活就业", "个体", "worker", "blue-collar", "50"],
    },
    {
      key: "female-55",
      label: { zh: "原55岁（干部、管理或技术岗位）", en: "Originally 55 (cadre, managerial or technical)" },
      synonyms: ["女干部", "干部", "管理岗", "管理岗位", "技术岗", "专业技术", "专技", "原55", "55岁退休", "五十五岁退休", "原来55", "公务员", "教师", "cadre", "manager", "managerial", "technical", "professional", "55"],
    },
  ]),
  aliases: ["原退休年龄", "岗位", "干部", "工人", "管理岗", "技术岗", "category"],
  when: (v) => v.sex === "female",
};

export const bornYearStep: FlowStep = {
  slot: "bornYear",
  label: { zh: "出生年份", en: "Year of birth" },
  prompt: { zh: "哪一年出生的？（以档案记载为准，例如 1975年）", en: "Which year were they born (as in the personnel file, e.g. 1975)?" },
  validator: birthYear,
  aliases: ["出生年份", "年份", "年出生", "年的", "year of birth", "born in"],
};

export const bornMonthStep: FlowStep = {
  slot: "bornMonth",
  label: { zh: "出生月份", en: "Month of birth" },
  prompt: { zh: "几月出生的？（例如 3月）", en: "Which month (e.g. March)?" },
  validator: birthMonth,
  aliases: ["出生月份", "月份", "月出生", "月的", "month of birth"],
};

export const contributionYearsStep = (what: { zh: string; en: string }): FlowStep => ({
  slot: "contributionYears",
  label: { zh: `${what.zh}缴费年限`, en: `Years of ${what.en} contributions` },
  prompt: { zh: `${what.zh}累计缴了多少年？（例如 8年、15年6个月）`, en: `How many years of ${what.en} contributions in total (e.g. 8, or 15.5)?` },
  validator: years({ min: 0, max: 50, what: { zh: "缴费年限", en: "Contribution years" } }),
  aliases: ["缴费年限", "交了", "缴了", "years"],
});

/** The birth steps of the retirement age: who, born when. */
export const birthSteps: FlowStep[] = [sexStep, categoryStep, bornYearStep, bornMonthStep];

/** The calculator's category from the sex and, for women, the original age. */
export const categoryOf = (v: SlotValues): RetirementCategory => (v.sex === "male" ? "male" : v.category === "female-55" ? "female-55" : "female-50");

export const bornOf = (v: SlotValues) => ({ year: Number(v.bornYear), month: Number(v.bornMonth) });
