import type { Assumption } from "../../../src/calculators/assumption.js";
import type { Age, AgeAt, YearMonth } from "../../../src/calculators/year-month.js";
import type { Text } from "../../../src/dialog/validators/index.js";

/** How a computed answer is worded: ages, months, and the closing "an estimate, assuming…". */

const EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export const age = (a: Age): Text => ({
  zh: a.months ? `${a.years}岁${a.months}个月` : `${a.years}岁`,
  en: a.months ? `${a.years} years ${a.months} month${a.months > 1 ? "s" : ""}` : `${a.years}`,
});

export const yearMonth = (ym: YearMonth): Text => ({ zh: `${ym.year}年${ym.month}月`, en: `${EN_MONTHS[ym.month - 1]} ${ym.year}` });

export const ageAt = (a: AgeAt): Text => ({
  zh: `${age(a.age).zh}（${yearMonth(a.at).zh}）`,
  en: `${age(a.age).en} (${yearMonth(a.at).en})`,
});

export const period = (months: number): Text => {
  const y = Math.floor(months / 12);
  const m = months % 12;
  return {
    zh: `${y ? `${y}年` : ""}${m ? `${m}个月` : ""}` || "0个月",
    en: [y ? `${y} year${y > 1 ? "s" : ""}` : "", m ? `${m} month${m > 1 ? "s" : ""}` : ""].filter(Boolean).join(" ") || "0 months",
  };
};

/** The closing every computed answer carries: it is an estimate, what it assumed, who decides. */
export function estimateNote(assumptions: readonly Assumption[], hotline: "12333" | "12393"): Text {
  return {
    zh: ["这是估算，不是经办机构的核定结果。计算假设：", ...assumptions.map((a) => `· ${a.zh}`), `以当地社保经办机构核定为准，可拨打${hotline}咨询。`].join("\n"),
    en: [
      "This is an estimate, not the agency's decision. It assumes:",
      ...assumptions.map((a) => `· ${a.en}`),
      `The local social insurance agency's calculation prevails; call ${hotline} for details.`,
    ].join("\n"),
  };
}

/** Lines in both languages joined into one text. */
export const lines = (...parts: Text[]): Text => ({ zh: parts.map((p) => p.zh).join("\n"), en: parts.map((p) => p.en).join("\n") });
