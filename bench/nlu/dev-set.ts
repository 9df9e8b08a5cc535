import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The public dev set (556 labelled questions over the 84 intents and `none`: the 43-intent set grown by six for each new intent), kept in the
 * repository so a plain clone can measure on it. Measured on, never trained on:
 * tests/knowledge/no-dev-leak.test.ts fails if a training sentence is a near copy of one.
 */
export const devSetPath = join(import.meta.dirname, "dev.jsonl");

export interface DevExample {
  text: string;
  intent: string;
  lang: "zh" | "en";
}

/**
 * The examples of a labelled set in this form (a JSON object a line): the dev set unless `path`
 * names another, such as a challenge set.
 */
export function readDevSet(path: string = devSetPath): DevExample[] {
  return readFileSync(path, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as DevExample);
}
