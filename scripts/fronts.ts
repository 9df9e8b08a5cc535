// Builds the widget and the agent console only when what they are built from changed: a hash of
// every file their entry points import (followed through relative imports, the server's shared
// event types included), their Vite config and HTML, and the lockfile, kept beside the output.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

export type Front = "widget" | "agent-console";

const ENTRIES: Record<Front, { entry: string; output: string; extra: string[] }> = {
  // html-entities.ts replaces a dependency through the Vite config's alias, not an import: named here.
  widget: { entry: "widget/src/main.ts", output: "widget/dist/widget.js", extra: ["widget/vite.config.ts", "widget/src/html-entities.ts"] },
  "agent-console": {
    entry: "agent-console/src/main.tsx",
    output: "agent-console/dist/index.html",
    extra: ["agent-console/vite.config.ts", "agent-console/index.html"],
  },
};
const STAMP = ".build-inputs";
const IMPORT = /(?:from\s+|import\s+|import\(\s*)["'](\.{1,2}\/[^"'?]+)(?:\?[^"']*)?["']/g;

/** Resolves a relative import the way Vite does for our sources. */
function resolveImport(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  const candidates = [base, base.replace(/\.js$/, ".ts"), `${base}.ts`, `${base}.tsx`, join(base, "index.ts"), join(base, "index.tsx")];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

/** Every project file a front end's entry point reaches through relative imports. */
export function frontInputs(root: string, front: Front): string[] {
  const seen = new Set<string>();
  const todo = [join(root, ENTRIES[front].entry)];
  while (todo.length > 0) {
    const file = todo.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!/\.(ts|tsx)$/.test(file)) continue;
    for (const m of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const target = resolveImport(file, m[1] as string);
      if (target) todo.push(target);
    }
  }
  const extra = [...ENTRIES[front].extra, "package-lock.json"].map((f) => join(root, f)).filter((f) => existsSync(f));
  return [...seen, ...extra].map((f) => relative(root, f)).sort();
}

export function inputsDigest(root: string, front: Front): string {
  const h = createHash("sha256");
  for (const file of frontInputs(root, front)) h.update(`${file}\n`).update(readFileSync(join(root, file))).update("\n");
  return h.digest("hex");
}

/**
 * Builds the front end unless its output exists and was built from the same inputs. Returns
 * whether it built. `build` runs the actual Vite build (the caller chooses how).
 */
export async function ensureFrontBuilt(
  root: string,
  front: Front,
  build: (front: Front) => Promise<void>,
  force = false,
): Promise<boolean> {
  const output = join(root, ENTRIES[front].output);
  const stamp = join(dirname(output), STAMP);
  const digest = inputsDigest(root, front);
  const current = existsSync(output) && existsSync(stamp) && readFileSync(stamp, "utf8").trim() === digest;
  if (current && !force) return false;
  await build(front);
  writeFileSync(stamp, `${digest}\n`);
  return true;
}

/** Vite's own build through its API: one process, no npm round trip per front end. */
export async function viteBuild(root: string, front: Front): Promise<void> {
  const { build } = await import("vite");
  await build({ configFile: join(root, front, "vite.config.ts"), logLevel: "warn" });
}
