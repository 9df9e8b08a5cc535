/** Raised when a knowledge-base file cannot be used; the message names the file and the field. */
export class KnowledgeLoadError extends Error {
  readonly code = "KNOWLEDGE_INVALID_FILE";
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.join("; ")}`);
    this.name = "KnowledgeLoadError";
  }
}
