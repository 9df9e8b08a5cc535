const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 两: 2, 贰: 2, 三: 3, 叁: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG: Record<string, number> = { 万: 1e4, 亿: 1e8 };

/** Characters that can appear in a Chinese numeral, for building patterns. */
export const CHINESE_NUMERAL_CHARS = "零〇一壹二两贰三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿";

/**
 * Parses a Chinese numeral (三, 十二, 两千五百, 一万二千) or Arabic digits mixed with units
 * (3千, 1.5万). Returns undefined when the text is not a number.
 */
export function parseChineseNumber(text: string): number | undefined {
  if (text === "") return undefined;
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text);
  let total = 0;
  let section = 0;
  let current: number | undefined;
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const arabic = /^\d+(?:\.\d+)?/.exec(rest);
    if (arabic) {
      current = Number(arabic[0]);
      i += arabic[0].length;
      continue;
    }
    const ch = text[i] as string;
    if (ch in DIGITS) current = DIGITS[ch];
    else if (ch in UNITS) {
      section += (current ?? 1) * (UNITS[ch] as number);
      current = undefined;
    } else if (ch in BIG) {
      total += (section + (current ?? 0)) * (BIG[ch] as number);
      section = 0;
      current = undefined;
    } else return undefined;
    i++;
  }
  return total + section + (current ?? 0);
}
