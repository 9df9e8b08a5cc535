import { createRequire } from "node:module";
import type { PinyinMap } from "./features.js";

const require = createRequire(import.meta.url);

/**
 * Toneless first reading of every CJK Unified Ideograph that @nlpjs/lang-zh's CC-CEDICT
 * dictionary knows. Built once at training time (about a second) and stored in the artifact,
 * so serving never loads the dictionary.
 */
export function buildPinyinMap(): PinyinMap {
  const dictionary = require("@nlpjs/lang-zh/src/dictionary") as {
    getPinyin(text: string): string[] | string | undefined;
  };
  const map: PinyinMap = {};
  for (let code = 0x4e00; code <= 0x9fff; code++) {
    const ch = String.fromCodePoint(code);
    const found = dictionary.getPinyin(ch);
    const readings = Array.isArray(found) ? found : typeof found === "string" ? [found] : [];
    const first = readings.find((r) => /^[a-z]/.test(r)) ?? readings[0];
    if (first) map[ch] = first.toLowerCase().replace(/[0-9]/g, "").replace(/\s.*$/, "");
  }
  return map;
}
