import { readFileSync } from "node:fs";
import type { GuardQuestion } from "./regression-guard.js";

/**
 * The labelled questions the regression guard reads at each publication, besides the editors' own:
 * a JSON object per line with `text` and `intent` (the repository's public dev set,
 * bench/nlu/dev.jsonl). A line that does not fit is skipped: the guard checks with what it has.
 */
export function readGuardSet(file: string): GuardQuestion[] {
  const questions: GuardQuestion[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { text?: unknown; intent?: unknown };
    if (typeof row.text === "string" && typeof row.intent === "string") questions.push({ text: row.text, intent: row.intent });
  }
  return questions;
}
