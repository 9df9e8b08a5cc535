import { CodedError } from "../domain/coded-error.js";
import type { Locale } from "../domain/locale.js";

export const knowledgeErrors = {
  KNOWLEDGE_BAD_INPUT: { zh: "请求内容不正确。", en: "The request is not valid." },
  KNOWLEDGE_NOT_FOUND: { zh: "没有找到。", en: "Not found." },
  KNOWLEDGE_CONFLICT: { zh: "已经存在。", en: "It is there already." },
  KNOWLEDGE_IMPORT_UNREADABLE: { zh: "无法读取这个文件，请上传 CSV 或 Excel（.xlsx）表格。", en: "This file cannot be read: upload a CSV or an Excel (.xlsx) spreadsheet." },
  KNOWLEDGE_IMPORT_ENCODING: {
    zh: "文件不是 UTF-8 编码（Excel 默认的 CSV 多为 GBK）。请在 Excel 中“另存为”选择“CSV UTF-8（逗号分隔）”，或直接上传 .xlsx 文件。",
    en: "The file is not UTF-8 (Excel's plain CSV is often GBK). In Excel, use Save As → “CSV UTF-8 (Comma delimited)”, or upload the .xlsx file.",
  },
  KNOWLEDGE_IMPORT_TOO_LARGE: { zh: "文件太大或行数太多。", en: "The file is too large or has too many rows." },
  KNOWLEDGE_IMPORT_EMPTY: { zh: "文件中没有可导入的行。", en: "The file has no rows to import." },
  KNOWLEDGE_IMPORT_COLUMNS: { zh: "表头不正确：第一行须写明各列，至少包括“意图”（或“FAQ”）和“问题”。", en: "The header row is not right: it must name the columns, at least intent (or faq) and question." },
  KNOWLEDGE_IMPORT_ROW_ERRORS: { zh: "有些行有错误，未导入任何内容。请修改后重试，或只导入正确的行。", en: "Some rows have errors; nothing was imported. Fix them, or import only the valid rows." },
} satisfies Record<string, Record<Locale, string>>;

export type KnowledgeErrorCode = keyof typeof knowledgeErrors;

const STATUS: Record<KnowledgeErrorCode, number> = {
  KNOWLEDGE_BAD_INPUT: 400,
  KNOWLEDGE_NOT_FOUND: 404,
  KNOWLEDGE_CONFLICT: 409,
  KNOWLEDGE_IMPORT_UNREADABLE: 400,
  KNOWLEDGE_IMPORT_ENCODING: 400,
  KNOWLEDGE_IMPORT_TOO_LARGE: 413,
  KNOWLEDGE_IMPORT_EMPTY: 400,
  KNOWLEDGE_IMPORT_COLUMNS: 400,
  KNOWLEDGE_IMPORT_ROW_ERRORS: 409,
};

/** A refusal of the editors' knowledge routes, with its HTTP status. */
export class KnowledgeError extends CodedError<KnowledgeErrorCode> {
  protected readonly catalogue = knowledgeErrors;
  readonly status: number;

  constructor(code: KnowledgeErrorCode, detail?: string) {
    super(code, detail);
    this.status = STATUS[code];
  }
}
