import levenshteinModule from "natural/lib/natural/distance/levenshtein_distance.js";
import { canonicalise } from "../../nlu/normalise.js";
import { type Region, REGIONS } from "./regions.js";
import { fail, ok, trimAnswer } from "./shared.js";
import type { SlotValidator, Validation, ValidationContext } from "./types.js";

type Distance = (a: string, b: string) => number;
// types/natural.d.ts declares the function as the default export, but the module exports an
// object ({ LevenshteinDistance, ... }); accept either so a corrected declaration keeps working.
const levenshtein: Distance = levenshteinModule.LevenshteinDistance;

/** Longest first, so 广西壮族自治区 loses 壮族自治区 rather than just 自治区. */
const SUFFIXES = ["特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"];
/** Words around a place in an answer (我在…, …那边), removed before looking for a misspelt name. */
const ZH_FILLER_START = /^(?:我(?:想|准备|打算|要)?(?:住在|在|去|到|回)|住在|转到|转去|转回|准备去|打算去|要去|在|去|到|回|从|是)/u;
const ZH_FILLER_END = /(?:那边|这边|那里|这里|就医|看病|工作|上班|交的|缴的|了|呢|啊|吧|的)+$/u;
const EN_FILLER_START = /^(?:i (?:live|lived|am|was|work|worked) in|i'm in|im in|in|from|to|at)\s+/;
const EN_SUFFIX_WORDS = /\b(?:province|city|municipality|autonomous region|special administrative region|sar|region|shi|sheng)\b/g;

/**
 * Misspellings: one wrong character in a Chinese name (广洲市, 石家装), which for a two-character name
 * (广洲) must sound like the right one; up to two letters in an English name of 6+ letters (Shangahi).
 */
const ZH_MAX_TYPO = 1;
const EN_MAX_TYPO = 2;
const EN_TYPO_MIN_LETTERS = 6;

function bare(name: string): string {
  const suffix = SUFFIXES.find((s) => name.endsWith(s) && name.length - s.length >= 2);
  return suffix ? name.slice(0, -suffix.length) : name;
}

/** English compared as lower-case letters and single spaces (Xi'an = xian, HONG KONG = hong kong). */
const englishWords = (text: string) => text.toLowerCase().replace(/['’]/g, "").replace(/[^a-z]+/g, " ").trim();
const compact = (text: string) => englishWords(text).replace(/ /g, "");

function addTo(map: Map<string, Region[]>, key: string, region: Region): void {
  const list = map.get(key) ?? [];
  if (!list.includes(region)) list.push(region);
  map.set(key, list);
}

interface Index {
  /** Full names, bare names and aliases (2+ characters): found anywhere in a message. */
  zh: Map<string, Region[]>;
  /** One-character short names (粤): only a whole answer. */
  abbr: Map<string, Region[]>;
  /** English names, letters only (hongkong). */
  en: Map<string, Region[]>;
  longestZh: number;
}

function buildIndex(list: readonly Region[]): Index {
  const index: Index = { zh: new Map(), abbr: new Map(), en: new Map(), longestZh: 0 };
  for (const r of list) {
    for (const form of [r.name, bare(r.name), ...(r.aliases ?? [])]) {
      addTo(index.zh, form, r);
      index.longestZh = Math.max(index.longestZh, form.length);
    }
    for (const a of r.abbr ?? []) addTo(index.abbr, a, r);
    for (const e of r.en) addTo(index.en, compact(e), r);
  }
  return index;
}

/** A city and the province it is in name the same place, the city more precisely: drop the province. */
function withoutProvincesOf(regions: Region[], cities: Region[]): Region[] {
  return regions.filter((r) => !(r.level === "province" && cities.some((c) => c.province === r.name)));
}

/** Places a message names: leftmost-longest, so 江西安徽 is 江西 + 安徽, not 西安. */
function mentions(text: string, index: Index): Region[][] {
  const found: Region[][] = [];
  for (let i = 0; i < text.length; ) {
    let step = 1;
    for (let len = Math.min(index.longestZh, text.length - i); len >= 2; len--) {
      const hit = index.zh.get(text.slice(i, i + len));
      if (hit) {
        found.push(hit);
        step = len;
        break;
      }
    }
    i += step;
  }
  const words = englishWords(text).split(" ").filter(Boolean);
  for (let i = 0; i < words.length; ) {
    let step = 1;
    for (let n = Math.min(3, words.length - i); n >= 1; n--) {
      const hit = index.en.get(words.slice(i, i + n).join(""));
      if (hit) {
        found.push(hit);
        step = n;
        break;
      }
    }
    i += step;
  }
  return found;
}

/**
 * How alike two characters sound: how many characters lie between them in pinyin order (ICU's
 * Chinese collation, built into Node). 洲 and 州 (both zhou) are 4 apart, 洲 and 西 thousands.
 * The order is built once, on the first tie that needs it (about 20 ms).
 */
let pinyinRank: Map<string, number> | undefined;
function soundGap(a: string, b: string): number {
  if (!pinyinRank) {
    const chars = Array.from({ length: 0x9fff - 0x4e00 + 1 }, (_v, i) => String.fromCodePoint(0x4e00 + i));
    pinyinRank = new Map(chars.sort(new Intl.Collator("zh-u-co-pinyin").compare).map((c, i) => [c, i]));
  }
  const ra = pinyinRank.get(a);
  const rb = pinyinRank.get(b);
  return ra === undefined || rb === undefined ? Number.POSITIVE_INFINITY : Math.abs(ra - rb);
}
/** Same syllable in any tone, or a neighbouring one (比 bi / 北 bei): the usual pinyin-IME slip. */
const SOUND_ALIKE_GAP = 150;

interface NearMiss {
  region: Region;
  distance: number;
  /** For one mistyped Chinese character, how alike it sounds to the right one (soundGap). */
  gap: number;
}

function gapOf(typed: string, form: string): number {
  if (typed.length !== form.length) return Number.POSITIVE_INFINITY;
  const i = Array.from(typed).findIndex((c, k) => c !== form[k]);
  return i < 0 ? 0 : soundGap(typed[i] ?? "", form[i] ?? "");
}

/** The names closest to the answer within the typo allowance, all equally close. */
function closest(answer: string, list: readonly Region[]): NearMiss[] {
  const zh = bare(trimAnswer(answer.replace(ZH_FILLER_START, "").replace(ZH_FILLER_END, "")));
  const en = compact(englishWords(answer).replace(EN_FILLER_START, "").replace(EN_SUFFIX_WORDS, ""));
  const found = new Map<Region, NearMiss>();
  const consider = (region: Region, distance: number, gap: number) => {
    const seen = found.get(region);
    if (!seen || distance < seen.distance || (distance === seen.distance && gap < seen.gap)) found.set(region, { region, distance, gap });
  };
  for (const r of list) {
    if (/^\p{Script=Han}{2,}$/u.test(zh) && r.name.length >= 3) {
      for (const form of [bare(r.name), ...(r.aliases ?? [])]) {
        const distance = levenshtein(zh, form);
        if (distance > ZH_MAX_TYPO) continue;
        const gap = gapOf(zh, form);
        // In a two-character name one wrong character is half the name: only a same-sounding slip counts.
        if (form.length < 3 && gap > SOUND_ALIKE_GAP) continue;
        consider(r, distance, gap);
      }
    }
    if (en.length >= EN_TYPO_MIN_LETTERS) {
      for (const e of r.en.map(compact).filter((c) => c.length >= EN_TYPO_MIN_LETTERS)) {
        const distance = levenshtein(en, e);
        if (distance <= EN_MAX_TYPO) consider(r, distance, Number.POSITIVE_INFINITY);
      }
    }
  }
  const best = Math.min(...[...found.values()].map((n) => n.distance));
  return [...found.values()].filter((n) => n.distance === best);
}

/**
 * Which near miss was meant. Equally close names (广洲: 广州, 广西, 株洲, 广东) are told apart by
 * sound, since most slips come from a pinyin keyboard; then a city beats its own province; anything
 * still tied is asked back.
 */
function likeliest(near: NearMiss[]): Region[] {
  const alike = near.filter((n) => n.gap <= SOUND_ALIKE_GAP);
  const regions = (alike.length > 0 ? alike : near).map((n) => n.region);
  return withoutProvincesOf(regions, regions);
}

const nameIn = (r: Region, locale: ValidationContext["locale"]) => (locale === "en" ? (r.en[0] ?? r.name) : r.name);

function one(regions: Region[], ctx: ValidationContext): Validation {
  const [only] = regions;
  if (regions.length === 1 && only) return ok(only.name, nameIn(only, ctx.locale));
  const shown = regions.slice(0, 5);
  return fail(
    `您说的是哪一个：${shown.map((r) => r.name).join("、")}？请说完整名称。`,
    `Which one do you mean: ${shown.map((r) => nameIn(r, "en")).join(", ")}? Please type the full name.`,
  );
}

/** What a message's mentions add up to: one place, a choice to make, or several places. */
function fromMentions(found: Region[][], ctx: ValidationContext): Validation | undefined {
  const cities = found.filter((m) => m.length === 1).flat();
  const groups = new Map<string, Region[]>();
  for (const m of found) {
    const kept = withoutProvincesOf(m, cities);
    if (kept.length > 0) groups.set(kept.map((r) => r.name).join("|"), kept);
  }
  const distinct = [...groups.values()];
  if (distinct.length === 0) return undefined;
  if (distinct.length === 1) return one(distinct[0] as Region[], ctx);
  const all = [...new Set(distinct.flat())];
  return fail(
    `您提到了好几个地方（${all.map((r) => r.name).join("、")}），请只说一个。`,
    `You mentioned several places (${all.map((r) => nameIn(r, "en")).join(", ")}); please give just one.`,
  );
}

/**
 * A province or city from `list` (by default every provincial-level division and major city):
 * exact name with or without its suffix, a one-character short name, English, a name inside the
 * answer (我在广州), or a near miss (广洲, Shangahi). Stores the official name (广州市).
 */
export function region(list: readonly Region[] = REGIONS): SlotValidator {
  const index = buildIndex(list);
  return {
    kind: "region",
    sensitive: false,
    validate(answer, ctx) {
      const text = trimAnswer(canonicalise(answer));
      const exact =
        index.zh.get(text) ??
        index.abbr.get(text) ??
        index.en.get(compact(text)) ??
        index.en.get(compact(englishWords(text).replace(EN_SUFFIX_WORDS, "")));
      if (exact) return one(exact, ctx);
      const named = fromMentions(mentions(text, index), ctx);
      if (named) return named;
      const near = likeliest(closest(text, list));
      if (near.length > 0) return one(near, ctx);
      return fail(
        "没有找到这个地方。请输入城市或省份的名称，例如“广州”或“广东省”；县级市或区请说所属的城市。",
        "I could not find that place. Please type a city or province, e.g. Guangzhou or Guangdong; for a county or district, give its city.",
      );
    },
    extract(message, ctx) {
      // Only names written out in full count here: near misses inside a longer message would guess.
      return fromMentions(mentions(canonicalise(message), index), ctx);
    },
  };
}
