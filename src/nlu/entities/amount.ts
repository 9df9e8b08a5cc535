import { CHINESE_NUMERAL_CHARS, parseChineseNumber } from "./chinese-number.js";

export interface AmountMention {
  text: string;
  /** Yuan. */
  value: number;
}

const NUM = `(\\d[\\d,]*(?:\\.\\d+)?|[${CHINESE_NUMERAL_CHARS}]+)`;
const ZH = new RegExp(`(?:[¥￥]\\s*)?${NUM}\\s*(万|千|百)?\\s*(?:元|块钱|块|人民币)`, "g");
const SYMBOL = /[¥￥]\s*(\d[\d,]*(?:\.\d+)?)(?:\s*(万|千))?/g;
const EN = /\b(?:(?:rmb|cny)\s*(\d[\d,]*(?:\.\d+)?)|(\d[\d,]*(?:\.\d+)?)\s*(?:yuan|rmb|cny))\b/gi;
const SCALE: Record<string, number> = { 万: 1e4, 千: 1e3, 百: 100 };

function toNumber(raw: string): number | undefined {
  return parseChineseNumber(raw.replace(/,/g, ""));
}

/** Money amounts in yuan: 3000元, 1.5万元, 两千块, ¥1,200, 500 yuan, RMB 800. */
export function extractAmounts(text: string): AmountMention[] {
  const out: (AmountMention & { at: number })[] = [];
  const taken: [number, number][] = [];
  const push = (m: RegExpExecArray, value: number | undefined) => {
    const from = m.index;
    const to = from + m[0].length;
    if (value === undefined || Number.isNaN(value) || taken.some(([a, b]) => from < b && to > a)) return;
    taken.push([from, to]);
    out.push({ text: m[0], value, at: from });
  };
  for (const m of text.matchAll(ZH)) {
    const n = toNumber(m[1] ?? "");
    push(m, n === undefined ? undefined : n * (SCALE[m[2] ?? ""] ?? 1));
  }
  for (const m of text.matchAll(SYMBOL)) {
    const n = toNumber(m[1] ?? "");
    push(m, n === undefined ? undefined : n * (SCALE[m[2] ?? ""] ?? 1));
  }
  for (const m of text.matchAll(EN)) push(m, toNumber(m[1] ?? m[2] ?? ""));
  return out.sort((a, b) => a.at - b.at).map(({ at: _at, ...a }) => a);
}
