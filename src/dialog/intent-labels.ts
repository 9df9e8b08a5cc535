import { readFileSync } from "node:fs";
import type { Locale } from "../domain/locale.js";

/** An intent's name on a button, written per language (bot/intent-labels.tsv). */
export type IntentLabels = ReadonlyMap<string, Record<Locale, string>>;

export class IntentLabelsError extends Error {}

/**
 * Reads bot/intent-labels.tsv (id, zh, en): the short names buttons and the console show for each
 * intent, written for each language rather than cut from the taxonomy's descriptions. A problem in
 * the file names the file and line.
 */
export function readIntentLabels(file: string): Map<string, Record<Locale, string>> {
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
  return labels;
}

/**
 * The label of every intent of a knowledge version: the file's, or, for an intent an editor added
 * since (the file is the code's, not the version's), the taxonomy's own words up to the first
 * separator. Labels of intents the version does not have (retired) are left out.
 */
export function loadIntentLabels(file: string, intents: readonly { id: string; zh: string; en: string }[]): IntentLabels {
  const written = readIntentLabels(file);
  const short = (s: string) => s.split(/[、,，;；(（/]/)[0]?.trim() || s;
  return new Map(intents.filter((i) => i.id !== "none").map((i) => [i.id, written.get(i.id) ?? { zh: short(i.zh), en: short(i.en) }]));
}
