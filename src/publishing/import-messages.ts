import type { Locale } from "../domain/locale.js";

/**
 * The import preview's words for each row error (import-preview.ts), in both languages: what is
 * wrong and what to change, naming the rows, intents and FAQs involved.
 */

const langName: Record<Locale, Record<Locale, string>> = { zh: { zh: "中文", en: "英文" }, en: { zh: "Chinese", en: "English" } };

export const IMPORT_MESSAGES = {
  zh: {
    question: "问题",
    answer: "答案",
    noIntent: "意图和 FAQ 编号都是空的，请至少填写一个。",
    noQuestion: "问题和答案都是空的。",
    noWords: "问题里只有标点，没有文字。",
    unknownIntent: (intent: string, suggestion?: string) => `没有意图“${intent}”。${suggestion ? `您是不是要写“${suggestion}”？` : ""}`,
    unknownFaq: (faq: string, suggestion?: string) => `没有 FAQ“${faq}”。${suggestion ? `您是不是要写“${suggestion}”？` : ""}`,
    ambiguousIntent: (intent: string, faqs: string[]) => `意图“${intent}”有多条 FAQ（${faqs.join("、")}），请在 faq 列写明是哪一条。`,
    intentFaqMismatch: (faq: string, itsIntent: string, written: string) => `FAQ“${faq}”属于意图“${itsIntent}”，不是“${written}”。`,
    unknownLang: (lang: string) => `语言“${lang}”无法识别，请写 zh/中文 或 en/英文，或留空自动判断。`,
    cannotTell: "看不出是中文还是英文，请填写语言列。",
    languageMismatch: (what: string, written: Locale, declared: Locale) => `${what}是${langName.zh[written]}，但语言列写的是${langName.zh[declared]}。`,
    tooLong: (what: string, length: number, limit: number) => `${what}有 ${length} 个字符，最多 ${limit} 个。`,
    duplicateInFile: (row: number) => `与第 ${row} 行的问题相同（忽略标点、空格、大小写和繁简体）。`,
    otherIntentInFile: (row: number, intent: string) => `第 ${row} 行把同一个问题给了意图“${intent}”：同一个问题不能教给模型两个答案。`,
    alreadyVariant: (faq: string, text: string) => `已经是 FAQ“${faq}”的问法：“${text}”。`,
    otherIntent: (intent: string, faq: string, text: string) => `已经是另一个意图“${intent}”（FAQ“${faq}”）的问法：“${text}”。再导入会让模型对同一个问题学到两个答案。`,
    outOfScope: (category: string, text: string) => `已经是“与社保无关”的示例（${category}）：“${text}”。再导入会让模型对同一个问题学到两种判断。`,
    conflictingAnswer: (rows: number[], lang: Locale) => `第 ${rows.join("、")} 行给同一条 FAQ 写了不同的${langName.zh[lang]}答案，请只保留一个。`,
  },
  en: {
    question: "The question",
    answer: "The answer",
    noIntent: "Both intent and FAQ id are empty: fill in one of them.",
    noQuestion: "Both question and answer are empty.",
    noWords: "The question has only punctuation, no words.",
    unknownIntent: (intent: string, suggestion?: string) => `There is no intent "${intent}".${suggestion ? ` Did you mean "${suggestion}"?` : ""}`,
    unknownFaq: (faq: string, suggestion?: string) => `There is no FAQ "${faq}".${suggestion ? ` Did you mean "${suggestion}"?` : ""}`,
    ambiguousIntent: (intent: string, faqs: string[]) => `The intent "${intent}" has several FAQs (${faqs.join(", ")}): name one in the faq column.`,
    intentFaqMismatch: (faq: string, itsIntent: string, written: string) => `The FAQ "${faq}" belongs to the intent "${itsIntent}", not "${written}".`,
    unknownLang: (lang: string) => `The language "${lang}" is not known: write zh or en, or leave it empty to tell from the text.`,
    cannotTell: "Cannot tell whether this is Chinese or English: fill in the language column.",
    languageMismatch: (what: string, written: Locale, declared: Locale) => `${what} is in ${langName.en[written]}, but the language column says ${langName.en[declared]}.`,
    tooLong: (what: string, length: number, limit: number) => `${what} has ${length} characters; at most ${limit}.`,
    duplicateInFile: (row: number) => `The same question as row ${row} (ignoring punctuation, spaces, case and Traditional characters).`,
    otherIntentInFile: (row: number, intent: string) => `Row ${row} gives the same question to the intent "${intent}": one question cannot teach the model two answers.`,
    alreadyVariant: (faq: string, text: string) => `Already a variant of the FAQ "${faq}": "${text}".`,
    otherIntent: (intent: string, faq: string, text: string) => `Already a variant of another intent, "${intent}" (FAQ "${faq}"): "${text}". Importing it would teach the model two answers for one question.`,
    outOfScope: (category: string, text: string) => `Already an out-of-scope example (${category}): "${text}". Importing it would teach the model two readings of one question.`,
    conflictingAnswer: (rows: number[], lang: Locale) =>
      `${rows.length > 1 ? "Rows" : "Row"} ${rows.join(", ")} ${rows.length > 1 ? "give" : "gives"} this FAQ a different ${langName.en[lang]} answer: keep only one.`,
  },
} satisfies Record<Locale, unknown>;

export type ImportMessages = (typeof IMPORT_MESSAGES)["zh"];
