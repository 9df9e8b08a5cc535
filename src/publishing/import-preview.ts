import levenshteinModule from "natural/lib/natural/distance/levenshtein_distance.js";
import type { Locale } from "../domain/locale.js";
import type { Faq } from "../knowledge/faq.js";
import type { KnowledgeBase } from "../knowledge/load.js";
import { detectLocale } from "../nlu/locale.js";
import { normalise } from "../nlu/normalise.js";
import type { ImportChange } from "./import-change.js";
import type { ImportRow } from "./import-file.js";
import { IMPORT_MESSAGES, type ImportMessages } from "./import-messages.js";

// types/natural.d.ts declares the function as the default export, but the module exports an
// object; the same reading as src/dialog/validators/region.ts.
const levenshtein: (a: string, b: string) => number = levenshteinModule.LevenshteinDistance;

/** Why a row cannot be imported; a client branches on the code, a person reads the message. */
export type ImportRowErrorCode =
  | "MISSING_FIELD"
  | "UNKNOWN_INTENT"
  | "UNKNOWN_FAQ"
  | "AMBIGUOUS_INTENT"
  | "INTENT_FAQ_MISMATCH"
  | "UNKNOWN_LANG"
  | "LANGUAGE_MISMATCH"
  | "TOO_LONG"
  | "DUPLICATE_IN_FILE"
  | "ALREADY_A_VARIANT"
  | "USED_BY_OTHER_INTENT"
  | "CONFLICTING_ANSWER";

export interface ImportRowError {
  code: ImportRowErrorCode;
  message: string;
}

/** One row as the preview shows it: the FAQ and language it resolved to (else what was written), and its errors. */
export interface ImportRowResult {
  row: number;
  intent: string;
  faq?: string;
  lang: string;
  question: string;
  answer?: string;
  errors: ImportRowError[];
}

export interface ImportPreview {
  rows: ImportRowResult[];
  /** What the valid rows add, one entry per FAQ in the order the file first names it. */
  changes: ImportChange[];
  valid: number;
  invalid: number;
}

/** A question longer than a citizen's chat message is not one; the longest answer today is about 1,700 characters. */
export const IMPORT_TEXT_LIMITS = { question: 200, answer: 4000 } as const;

const LANG_WORDS: Record<Locale, readonly string[]> = {
  zh: ["zh", "zh-cn", "zh-hans", "cn", "chinese", "中文", "汉语", "中"],
  en: ["en", "en-us", "en-gb", "english", "英文", "英语", "英"],
};

/**
 * How two questions are compared: as the NLU reads them (NFKC full-width to half-width,
 * Traditional to Simplified, lower case, spaces collapsed; src/nlu/normalise.ts), then without
 * punctuation or spaces, which teach the model nothing: "社保卡丢了！" is "社保卡丢了".
 */
export function comparableQuestion(text: string): string {
  return normalise(text).replace(/[\p{P}\s]+/gu, "");
}

/** What a question already belongs to in the knowledge base. */
type Owner = { kind: "faq"; faq: Faq; text: string } | { kind: "out-of-scope"; category: string; text: string };

/** What a row resolved to, kept for the checks that look across rows. */
interface Resolved {
  result: ImportRowResult;
  faq?: Faq;
  lang?: Locale;
  key?: string;
  question: string;
  answer: string;
}

/**
 * Each row ok or with its errors, and the changes the valid rows make. Pure: the same rows and
 * knowledge base always give the same preview; messages in `locale`.
 */
export function previewImport(rows: readonly ImportRow[], kb: KnowledgeBase, locale: Locale = "zh"): ImportPreview {
  const say = IMPORT_MESSAGES[locale];
  const owners = ownersOf(kb);
  const faqsById = new Map(kb.faqs.map((f) => [f.id, f]));
  const resolved = rows.map((row) => resolveRow(row, kb, faqsById, say));

  // Across rows: the same question twice, or given to two intents, in one file.
  const firstByKey = new Map<string, Resolved>();
  for (const r of resolved) {
    if (!r.faq || !r.key) continue;
    const first = firstByKey.get(r.key);
    if (!first) {
      firstByKey.set(r.key, r);
      checkAgainstKnowledge(r, owners.get(r.key) ?? [], say);
    } else if (first.faq && first.faq.intent !== r.faq.intent) {
      r.result.errors.push({ code: "USED_BY_OTHER_INTENT", message: say.otherIntentInFile(first.result.row, first.faq.intent) });
    } else {
      r.result.errors.push({ code: "DUPLICATE_IN_FILE", message: say.duplicateInFile(first.result.row) });
    }
  }

  // One answer per FAQ and language: two different ones leave nobody knowing which was meant.
  const answers = new Map<string, Resolved[]>();
  for (const r of resolved) {
    if (!r.faq || !r.lang || !r.answer) continue;
    const at = `${r.faq.id}\u0000${r.lang}`;
    answers.set(at, [...(answers.get(at) ?? []), r]);
  }
  for (const group of answers.values()) {
    if (new Set(group.map((r) => r.answer)).size < 2) continue;
    for (const r of group) {
      const others = group.filter((o) => o !== r).map((o) => o.result.row);
      r.result.errors.push({ code: "CONFLICTING_ANSWER", message: say.conflictingAnswer(others, r.lang as Locale) });
    }
  }

  const changes = new Map<string, ImportChange>();
  for (const r of resolved) {
    if (r.result.errors.length > 0 || !r.faq || !r.lang) continue;
    const change = changes.get(r.faq.id) ?? { faqId: r.faq.id, questions: { zh: [], en: [] } };
    if (r.question) change.questions[r.lang].push(r.question);
    if (r.answer) change.answer = { ...change.answer, [r.lang]: r.answer };
    changes.set(r.faq.id, change);
  }
  const valid = resolved.filter((r) => r.result.errors.length === 0).length;
  return { rows: resolved.map((r) => r.result), changes: [...changes.values()], valid, invalid: resolved.length - valid };
}

/** Every question variant and out-of-scope example, by its comparable form. */
function ownersOf(kb: KnowledgeBase): Map<string, Owner[]> {
  const owners = new Map<string, Owner[]>();
  const add = (text: string, owner: Owner) => {
    const key = comparableQuestion(text);
    if (key) owners.set(key, [...(owners.get(key) ?? []), owner]);
  };
  for (const faq of kb.faqs) for (const text of [...faq.questions.zh, ...faq.questions.en]) add(text, { kind: "faq", faq, text });
  for (const [category, examples] of Object.entries(kb.outOfScope.examples)) {
    for (const text of [...examples.zh, ...examples.en]) add(text, { kind: "out-of-scope", category, text });
  }
  return owners;
}

/** The row on its own: which FAQ, which language, whether the texts are there and not too long. */
function resolveRow(row: ImportRow, kb: KnowledgeBase, faqsById: Map<string, Faq>, say: ImportMessages): Resolved {
  const errors: ImportRowError[] = [];
  const result: ImportRowResult = {
    row: row.row,
    intent: row.intent,
    ...(row.faq ? { faq: row.faq } : {}),
    lang: row.lang,
    question: row.question,
    ...(row.answer ? { answer: row.answer } : {}),
    errors,
  };
  const r: Resolved = { result, question: row.question, answer: row.answer };

  r.faq = resolveFaq(row, kb, faqsById, say, errors);
  if (r.faq) {
    result.intent = r.faq.intent;
    result.faq = r.faq.id;
  }

  if (!row.question && !row.answer) errors.push({ code: "MISSING_FIELD", message: say.noQuestion });
  if (row.question.length > IMPORT_TEXT_LIMITS.question) errors.push({ code: "TOO_LONG", message: say.tooLong(say.question, row.question.length, IMPORT_TEXT_LIMITS.question) });
  if (row.answer.length > IMPORT_TEXT_LIMITS.answer) errors.push({ code: "TOO_LONG", message: say.tooLong(say.answer, row.answer.length, IMPORT_TEXT_LIMITS.answer) });
  if (row.question) {
    const key = comparableQuestion(row.question);
    if (key) r.key = key;
    else errors.push({ code: "MISSING_FIELD", message: say.noWords });
  }

  r.lang = resolveLang(row, say, errors);
  if (r.lang) result.lang = r.lang;
  return r;
}

function resolveFaq(row: ImportRow, kb: KnowledgeBase, faqsById: Map<string, Faq>, say: ImportMessages, errors: ImportRowError[]): Faq | undefined {
  if (row.faq) {
    const faq = faqsById.get(row.faq);
    if (!faq) {
      errors.push({ code: "UNKNOWN_FAQ", message: say.unknownFaq(row.faq, closest(row.faq, [...faqsById.keys()])) });
      return undefined;
    }
    if (row.intent && row.intent !== faq.intent) {
      errors.push({ code: "INTENT_FAQ_MISMATCH", message: say.intentFaqMismatch(faq.id, faq.intent, row.intent) });
      return undefined;
    }
    return faq;
  }
  if (!row.intent) {
    errors.push({ code: "MISSING_FIELD", message: say.noIntent });
    return undefined;
  }
  // `none` is a row of the taxonomy (out of scope) with no FAQ to add to.
  const intents = kb.intents.filter((i) => i.id !== "none");
  if (!intents.some((i) => i.id === row.intent)) {
    const byLabel = intents.filter((i) => [i.zh, i.en].some((label) => row.intent.length >= 2 && label.toLowerCase().includes(row.intent.toLowerCase())));
    const suggestion = byLabel.length === 1 ? byLabel[0]?.id : closest(row.intent, intents.map((i) => i.id));
    errors.push({ code: "UNKNOWN_INTENT", message: say.unknownIntent(row.intent, suggestion) });
    return undefined;
  }
  const faqs = kb.faqs.filter((f) => f.intent === row.intent);
  if (faqs.length > 1) {
    errors.push({ code: "AMBIGUOUS_INTENT", message: say.ambiguousIntent(row.intent, faqs.map((f) => f.id).sort()) });
    return undefined;
  }
  return faqs[0];
}

/** The language column's word, else the script of the question (or the answer); both must agree with what is written. */
function resolveLang(row: ImportRow, say: ImportMessages, errors: ImportRowError[]): Locale | undefined {
  const word = row.lang.normalize("NFKC").toLowerCase();
  const named = word ? (Object.keys(LANG_WORDS) as Locale[]).find((l) => LANG_WORDS[l].includes(word)) : undefined;
  if (word && !named) {
    errors.push({ code: "UNKNOWN_LANG", message: say.unknownLang(row.lang) });
    return undefined;
  }
  const questionLang = row.question ? detectLocale(row.question) : undefined;
  const answerLang = row.answer ? detectLocale(row.answer) : undefined;
  const lang = named ?? questionLang ?? answerLang;
  if (!lang) {
    if (row.question || row.answer) errors.push({ code: "UNKNOWN_LANG", message: say.cannotTell });
    return undefined;
  }
  if (questionLang && questionLang !== lang) errors.push({ code: "LANGUAGE_MISMATCH", message: say.languageMismatch(say.question, questionLang, lang) });
  else if (answerLang && answerLang !== lang) errors.push({ code: "LANGUAGE_MISMATCH", message: say.languageMismatch(say.answer, answerLang, lang) });
  return lang;
}

/** The first row with a question: is it a variant already, of this FAQ, another intent, or out of scope? */
function checkAgainstKnowledge(r: Resolved, owners: readonly Owner[], say: ImportMessages): void {
  const faq = r.faq as Faq;
  const own = owners.find((o) => o.kind === "faq" && o.faq.id === faq.id);
  const other = owners.find((o) => o.kind === "out-of-scope" || o.faq.intent !== faq.intent);
  const sibling = owners.find((o) => o.kind === "faq" && o.faq.id !== faq.id && o.faq.intent === faq.intent);
  if (own) r.result.errors.push({ code: "ALREADY_A_VARIANT", message: say.alreadyVariant(faq.id, own.text) });
  else if (sibling?.kind === "faq") r.result.errors.push({ code: "ALREADY_A_VARIANT", message: say.alreadyVariant(sibling.faq.id, sibling.text) });
  if (other?.kind === "faq") r.result.errors.push({ code: "USED_BY_OTHER_INTENT", message: say.otherIntent(other.faq.intent, other.faq.id, other.text) });
  else if (other?.kind === "out-of-scope") r.result.errors.push({ code: "USED_BY_OTHER_INTENT", message: say.outOfScope(other.category, other.text) });
}

/** The known id nearest to a mistyped one, when it is near: a few characters off for its length. */
function closest(typed: string, known: readonly string[]): string | undefined {
  const allowance = Math.max(2, Math.round(typed.length * 0.3));
  let best: { id: string; distance: number } | undefined;
  for (const id of known) {
    const distance = levenshtein(typed.toLowerCase(), id);
    if (distance <= allowance && (!best || distance < best.distance)) best = { id, distance };
  }
  return best?.id;
}
