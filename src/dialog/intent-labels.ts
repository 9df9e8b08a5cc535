import { readFileSync } from "node:fs";
import type { Locale } from "../domain/locale.js";

/** An intent's name on a button, written per language (bot/intent-labels.tsv). */
export type IntentLabels = ReadonlyMap<string, Record<Locale, string>>;

export class IntentLabelsError extends Error {}

/**
 * Reads bot/intent-labels.tsv (id, zh, en): the short names buttons and the console show for each
 * intent, written for each language rather than cut from the taxonomy's descriptions. Every intent
 * of the taxonomy (but `none`) must have one; a problem names the file and line.
 */
export function loadIntentLabels(file: string, intents: readonly string[]): IntentLabels {
  const lines = readFileSync(file, "utf8").split(/\r?\n/);
  const labels = new Map<string, Record<Locale, string>>();
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === "") return;
    const [id, zh, en, ...rest] = line.split("\t");
    const where = `${file}:${i + 2}`;
    if (!id || !zh?.trim() || !en?.trim() || rest.length > 0) throw new IntentLabelsError(`${where}: expected id, zh and en separated by tabs`);
    if (labels.has(id)) throw new IntentLabelsError(`${where}: '${id}' is labelled twice`);
    labels.set(id, { zh: zh.trim(), en: en.trim() });
  });
  const missing = intents.filter((id) => id !== "none" && !labels.has(id));
  if (missing.length > 0) throw new IntentLabelsError(`${file}: no label for ${missing.join(", ")}`);
  const unknown = [...labels.keys()].filter((id) => !intents.includes(id));
  if (unknown.length > 0) throw new IntentLabelsError(`${file}: labels for intents the taxonomy does not have: ${unknown.join(", ")}`);
  return labels;
}
