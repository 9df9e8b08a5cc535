/**
 * The demo back office's citizens. EVERY PERSON HERE IS FICTIONAL: the names all start with 演示
 * ("demo"), the mobiles are in the unassigned-looking 170 0000 xxxx range, and the histories were
 * made up to exercise the desk's pre-review rules. The ID numbers are only syntactically valid
 * (region, real birth date, GB 11643 check character computed below) so that the chat's ID
 * validator accepts them; they identify no one in this system but these demo records.
 */
import { idCheckChar } from "../../nlu/entities/id-number.js";
import type { CitizenRecord, ContributionYear } from "../ports.js";

/** A demo citizen and what it is there to show, for tests and the docs. */
export interface DemoCitizen extends CitizenRecord {
  exercises: { zh: string; en: string };
}

/** The check character is computed, never typed, so a typo cannot make a seed invalid. */
function demoId(region: string, birthDate: string, sequence: string): string {
  const first17 = `${region}${birthDate.replaceAll("-", "")}${sequence}`;
  return first17 + idCheckChar(first17);
}

interface Span {
  from: number;
  to: number;
  city: string;
  /** Monthly base in the first year, yuan; it rises about 6% a year, like local averages. */
  base: number;
  /** Flexible workers (灵活就业) pay pension and medical only: no unemployment insurance. */
  unemployment?: boolean;
  /** Months paid in the first and last year of the span (default 12). */
  firstMonths?: number;
  lastMonths?: number;
}

function span(s: Span): ContributionYear[] {
  const years: ContributionYear[] = [];
  for (let year = s.from; year <= s.to; year++) {
    const months = year === s.to ? (s.lastMonths ?? 12) : year === s.from ? (s.firstMonths ?? 12) : 12;
    years.push({
      year,
      pensionMonths: months,
      medicalMonths: months,
      unemploymentMonths: s.unemployment === false ? 0 : months,
      base: Math.round((s.base * 1.06 ** (year - s.from)) / 10) * 10,
      city: s.city,
    });
  }
  return years;
}

export const DEMO_CITIZENS = {
  /** (a) Lost the job in September 2026 after 7+ years of contributions: passes unemployment pre-review. */
  unemployedEligible: {
    idNumber: demoId("110105", "1991-04-12", "013"),
    name: "演示张三",
    mobile: "17000000101",
    insured: true,
    receivingPension: false,
    cardStatus: "active",
    contributions: span({ from: 2019, to: 2026, city: "北京市", base: 7200, lastMonths: 9 }),
    exercises: {
      zh: "失业保险金申领：缴费满1年、未领养老金，预审通过",
      en: "Unemployment benefit: over a year of contributions, no pension, passes pre-review",
    },
  },
  /** (b) First job from November 2025 to June 2026: 8 months, under the 12 the law requires. */
  unemployedTooShort: {
    idNumber: demoId("110108", "2002-08-20", "035"),
    name: "演示李四",
    mobile: "17000000102",
    insured: true,
    receivingPension: false,
    cardStatus: "active",
    contributions: span({ from: 2025, to: 2026, city: "北京市", base: 6800, firstMonths: 2, lastMonths: 6 }),
    exercises: {
      zh: "失业保险金申领：累计缴费仅8个月，预审不通过（不满1年）",
      en: "Unemployment benefit: only 8 months of contributions, fails pre-review (under one year)",
    },
  },
  /** (c) Retired in 2021 after paying in Guangzhou and then Beijing: cannot also draw unemployment benefit. */
  pensioner: {
    idNumber: demoId("110102", "1961-02-03", "057"),
    name: "演示王五",
    mobile: "17000000103",
    insured: true,
    receivingPension: true,
    cardStatus: "active",
    contributions: [
      ...span({ from: 1992, to: 1999, city: "广州市", base: 900 }),
      ...span({ from: 2000, to: 2021, city: "北京市", base: 1500, lastMonths: 2 }),
    ],
    exercises: {
      zh: "已领取基本养老金：失业保险金预审不通过；参保证明有多个城市",
      en: "Draws a pension: fails unemployment pre-review; a certificate spanning two cities",
    },
  },
  /** (d) Employed, card in use: the card-loss and certificate demo. Her ID masks to 1101**********002X. */
  cardHolder: {
    idNumber: demoId("110101", "1985-03-11", "002"),
    name: "演示赵敏",
    mobile: "17000000104",
    insured: true,
    receivingPension: false,
    cardStatus: "active",
    contributions: span({ from: 2008, to: 2026, city: "北京市", base: 3300, lastMonths: 11 }),
    exercises: {
      zh: "社保卡挂失（卡片正常使用中）、参保缴费证明",
      en: "Card loss (card active), contribution certificate",
    },
  },
  /** (e) Employed, then a flexible worker in Chengdu; moving to Beijing, so the pension moves too. */
  flexibleWorker: {
    idNumber: demoId("510104", "1987-11-05", "031"),
    name: "演示钱七",
    mobile: "17000000105",
    insured: false,
    receivingPension: false,
    cardStatus: "active",
    contributions: [
      ...span({ from: 2012, to: 2016, city: "成都市", base: 2800 }),
      ...span({ from: 2017, to: 2026, city: "成都市", base: 3600, unemployment: false, lastMonths: 10 }),
    ],
    exercises: {
      zh: "养老保险关系转移：成都市灵活就业人员转入北京市",
      en: "Pension transfer: a flexible worker in Chengdu moving to Beijing",
    },
  },
  /** (f) Retired, spends winters in Sanya: out-of-area medical filing. */
  offsiteRetiree: {
    idNumber: demoId("110106", "1966-07-22", "048"),
    name: "演示孙丽",
    mobile: "17000000106",
    insured: true,
    receivingPension: true,
    cardStatus: "active",
    contributions: span({ from: 1986, to: 2016, city: "北京市", base: 400, lastMonths: 7 }),
    exercises: {
      zh: "异地就医备案：退休人员在三亚长期居住",
      en: "Out-of-area medical filing: a retiree living in Sanya part of the year",
    },
  },
  /** (g) Already reported the card lost: goes straight to a replacement. */
  cardReplacing: {
    idNumber: demoId("310104", "1996-12-30", "071"),
    name: "演示周八",
    mobile: "17000000107",
    insured: true,
    receivingPension: false,
    cardStatus: "reported_lost",
    contributions: [
      ...span({ from: 2019, to: 2022, city: "上海市", base: 6500 }),
      ...span({ from: 2023, to: 2026, city: "北京市", base: 8200, lastMonths: 11 }),
    ],
    exercises: {
      zh: "补办社保卡（已挂失）；曾在上海市缴费",
      en: "Card replacement (already reported lost); paid in Shanghai before",
    },
  },
} satisfies Record<string, DemoCitizen>;

export type DemoCitizenRole = keyof typeof DEMO_CITIZENS;

/** Every demo citizen, in the order above. */
export const DEMO_CITIZEN_LIST: readonly DemoCitizen[] = Object.values(DEMO_CITIZENS);
