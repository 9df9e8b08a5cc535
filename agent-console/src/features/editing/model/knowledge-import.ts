/**
 * Importing FAQ questions from a spreadsheet, as the server's /api/v1/knowledge/import routes see
 * it: the file the editor picks (checked here first, so a wrong one is not uploaded), the preview
 * row by row, the import's outcome, and the template to start from.
 */

import type { Locale } from "../../../lib/protocol";

/** The server's limit (src/publishing/import-file.ts IMPORT_LIMITS.bytes). */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;

/** The refusal of an import whose rows have errors: the console then previews again to show them. */
export const IMPORT_ROW_ERRORS = "KNOWLEDGE_IMPORT_ROW_ERRORS";

/** A file as the routes take it. */
export interface ImportUpload {
  name: string;
  base64: string;
}

export interface ImportRowError {
  code: string;
  message: string;
}

export interface ImportPreviewRow {
  row: number;
  intent: string;
  faq: string | null;
  lang: string;
  question: string;
  answer: string | null;
  errors: ImportRowError[];
}

export interface ImportPreview {
  rows: ImportPreviewRow[];
  valid: number;
  invalid: number;
}

export interface ImportOutcome {
  imported: number;
  skipped: number;
}

/** Why a chosen file is not sent: not a CSV or .xlsx by its name, or over the limit. */
export type ImportFileProblem = "type" | "size";

export function importFileProblem(file: { name: string; size: number }): ImportFileProblem | null {
  if (!/\.(csv|xlsx|txt|tsv)$/i.test(file.name)) return "type";
  if (file.size > IMPORT_MAX_BYTES) return "size";
  return null;
}

/** Bytes as base64, in slices: one String.fromCharCode over 2 MB would overflow the call stack. */
export function base64OfBytes(bytes: Uint8Array): string {
  let binary = "";
  const slice = 0x8000;
  for (let i = 0; i < bytes.length; i += slice) binary += String.fromCharCode(...bytes.subarray(i, i + slice));
  return btoa(binary);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const count = (v: unknown): number | null => (typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : null);

function parseRow(v: unknown): ImportPreviewRow | null {
  if (!isObject(v) || typeof v.row !== "number" || !Array.isArray(v.errors)) return null;
  const errors = v.errors.flatMap((e: unknown) =>
    isObject(e) && typeof e.code === "string" ? [{ code: e.code, message: typeof e.message === "string" ? e.message : e.code }] : [],
  );
  return {
    row: v.row,
    intent: typeof v.intent === "string" ? v.intent : "",
    faq: typeof v.faq === "string" ? v.faq : null,
    lang: typeof v.lang === "string" ? v.lang : "",
    question: typeof v.question === "string" ? v.question : "",
    answer: typeof v.answer === "string" ? v.answer : null,
    errors,
  };
}

export function parseImportPreview(body: unknown): ImportPreview | null {
  if (!isObject(body) || !Array.isArray(body.rows)) return null;
  const valid = count(body.valid);
  const invalid = count(body.invalid);
  const rows = body.rows.map(parseRow);
  if (valid === null || invalid === null || rows.some((r) => r === null)) return null;
  return { rows: rows as ImportPreviewRow[], valid, invalid };
}

export function parseImportOutcome(body: unknown): ImportOutcome | null {
  if (!isObject(body)) return null;
  const imported = count(body.imported);
  const skipped = count(body.skipped);
  return imported === null || skipped === null ? null : { imported, skipped };
}

/**
 * What the editor may do with a preview: import every row only when none has an error; import the
 * valid ones (their number) only when some are wrong and some are right.
 */
export function importChoices(preview: ImportPreview): { all: boolean; validRows: number } {
  return { all: preview.invalid === 0 && preview.valid > 0, validRows: preview.invalid > 0 ? preview.valid : 0 };
}

/** The rows to show: all, or only those with errors. */
export function shownRows(preview: ImportPreview, onlyErrors: boolean): ImportPreviewRow[] {
  return onlyErrors ? preview.rows.filter((r) => r.errors.length > 0) : preview.rows;
}

/** A cell as CSV writes it: quoted when it holds a comma, a quote or a line break. */
export function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

// The header words the server reads (src/publishing/import-file.ts), in the editor's language,
// and two example rows an editor overwrites.
const TEMPLATE: Record<Locale, string[][]> = {
  zh: [
    ["意图", "语言", "问题", "答案"],
    ["card.lost", "中文", "社保卡在地铁上丢了怎么挂失", ""],
    ["card.lost", "英文", "I lost my social security card on the subway", ""],
  ],
  en: [
    ["intent", "lang", "question", "answer"],
    ["card.lost", "zh", "社保卡在地铁上丢了怎么挂失", ""],
    ["card.lost", "en", "I lost my social security card on the subway", ""],
  ],
};

/**
 * The template as CSV: UTF-8 with the byte-order mark, so Excel opens the Chinese as Chinese, and
 * CRLF line ends, as Excel writes them.
 */
export function importTemplateCsv(locale: Locale): string {
  return `\uFEFF${TEMPLATE[locale].map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

/** The template as a link's address: made here, so no server route serves it. */
export function importTemplateHref(locale: Locale): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(importTemplateCsv(locale))}`;
}
