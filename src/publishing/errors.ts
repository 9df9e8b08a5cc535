import { CodedError } from "../domain/coded-error.js";
import type { Locale } from "../domain/locale.js";

export const knowledgeErrors = {
  KNOWLEDGE_BAD_INPUT: { zh: "请求内容不正确。", en: "The request is not valid." },
  KNOWLEDGE_NOT_FOUND: { zh: "没有找到。", en: "Not found." },
  KNOWLEDGE_CONFLICT: { zh: "已经存在。", en: "It is there already." },
} satisfies Record<string, Record<Locale, string>>;

export type KnowledgeErrorCode = keyof typeof knowledgeErrors;

const STATUS: Record<KnowledgeErrorCode, number> = { KNOWLEDGE_BAD_INPUT: 400, KNOWLEDGE_NOT_FOUND: 404, KNOWLEDGE_CONFLICT: 409 };

/** A refusal of the editors' knowledge routes, with its HTTP status. */
export class KnowledgeError extends CodedError<KnowledgeErrorCode> {
  protected readonly catalogue = knowledgeErrors;
  readonly status: number;

  constructor(code: KnowledgeErrorCode, detail?: string) {
    super(code, detail);
    this.status = STATUS[code];
  }
}
