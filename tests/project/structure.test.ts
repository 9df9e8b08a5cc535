import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The shape of src/: no import cycles between files (a cycle makes the order of module loading
 * decide behaviour, and ties two parts so neither can change or be tested alone), and no module over
 * about 300 lines without the reason written at its top.
 */
const ROOT = resolve(import.meta.dirname, "../..");
const SRC = join(ROOT, "src");
const MAX_LINES = 300;
/** A long module says why within its first lines, in a comment starting with this. */
const LONG_REASON = "Long because";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith(".ts") ? [path] : [];
  });
}

/** Relative imports of a file, static and dynamic, type-only included, resolved to files in src/. */
function importsOf(file: string, known: ReadonlySet<string>): string[] {
  const text = readFileSync(file, "utf8");
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+["']([^"']+)["']/g), ...text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map(
    (m) => m[1] as string,
  );
  return specs
    .filter((s) => s.startsWith("."))
    .map((s) => resolve(dirname(file), s.replace(/\.js$/, ".ts")))
    .filter((path) => known.has(path));
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.includes(v)) cycles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

const files = sourceFiles(SRC);
const known = new Set(files);
const graph = new Map(files.map((f) => [f, importsOf(f, known)]));
const rel = (f: string) => relative(ROOT, f);

describe("the shape of src/", () => {
  it("finds a cycle when there is one (the check itself)", () => {
    const g = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a"]],
      ["d", ["a"]],
    ]);
    expect(importCycles(g)).toEqual([["a", "b", "c"]]);
    expect(importCycles(new Map([["a", ["b"]], ["b", []]]))).toEqual([]);
  });

  it("reads the imports of the real tree (a file that imports nothing would make the check pass vacuously)", () => {
    const edges = [...graph.values()].reduce((n, targets) => n + targets.length, 0);
    expect(files.length).toBeGreaterThan(100);
    expect(edges).toBeGreaterThan(files.length);
    expect(graph.get(join(SRC, "app.ts"))).toContain(join(SRC, "config.ts"));
  });

  it("has no import cycles between files", () => {
    expect(importCycles(graph).map((c) => c.map(rel).join(" -> "))).toEqual([]);
  });

  it(`has no module over ${MAX_LINES} lines without the reason at its top`, () => {
    const unexplained = files
      .map((f) => ({ file: rel(f), text: readFileSync(f, "utf8") }))
      .filter(({ text }) => text.split("\n").length > MAX_LINES && !text.split("\n").slice(0, 30).join("\n").includes(LONG_REASON))
      .map(({ file, text }) => `${file} (${text.split("\n").length} lines)`);
    expect(unexplained).toEqual([]);
  });
});
