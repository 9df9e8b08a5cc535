import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseIntents } from "../../src/knowledge/load.js";
import { projectRoot, readDevSet } from "../testing/nlu.js";

/** Every file git tracks, as a user's clone has them. */
function trackedFiles(): string[] {
  return execFileSync("git", ["ls-files"], { cwd: projectRoot, encoding: "utf8" }).trim().split("\n");
}

// A user's clone has nothing beside it: the tests, evals and benches must read only the repository.
describe("the repository is self-contained", () => {
  it("no code, test, bench or script reads from a folder beside the repository", () => {
    const code = trackedFiles().filter((f) => /\.(ts|tsx|js|mjs|json)$/.test(f) || f === ".ci/run");
    const outside = /\.\.\/shared\b|["']\.\.["'],\s*["']shared["']/;
    const offenders = code.filter((f) => outside.test(readFileSync(join(projectRoot, f), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("keeps the dev set it measures on, labelled with the repository's own intent list", () => {
    const tsv = join(projectRoot, "knowledge-base", "intents.tsv");
    const known = new Set(parseIntents(tsv, readFileSync(tsv, "utf8")).map((i) => i.id));
    const dev = readDevSet();
    expect(dev.length).toBe(556);
    const unknown = dev.filter((e) => e.intent !== "none" && !known.has(e.intent)).map((e) => e.intent);
    expect(unknown).toEqual([]);
  });
});
