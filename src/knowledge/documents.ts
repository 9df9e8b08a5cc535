import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

/**
 * The knowledge base as text: every file training reads, by its name relative to the
 * knowledge-base folder ("intents.tsv", "card/card-lost.yaml", "../bot/out-of-scope.yaml"), with
 * its exact text. One form for the folder (the seed and the export format) and for the versions
 * the store keeps, so a version written out and read back is the same, byte for byte, and its
 * model hash is the one the folder had.
 */
export type KnowledgeDocuments = ReadonlyMap<string, string>;

/** What a document is to the loader, from its name. */
export type DocumentKind = "intents" | "faq" | "out-of-scope" | "anchors";

export function documentKind(name: string): DocumentKind | undefined {
  if (name === "intents.tsv") return "intents";
  if (name.startsWith("../")) {
    if (name.endsWith("/out-of-scope.yaml")) return "out-of-scope";
    if (name.endsWith("/anchors.yaml")) return "anchors";
    return undefined;
  }
  return /\.ya?ml$/.test(name) ? "faq" : undefined;
}

/** The YAML files under `dir`, depth first, in name order (the FAQs of a knowledge-base folder). */
export function listYaml(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listYaml(path));
    else if (/\.ya?ml$/.test(name)) out.push(path);
  }
  return out;
}

const nameOf = (kbDir: string, path: string) => relative(kbDir, path).split(sep).join("/");

/**
 * Reads the folder layout: `intents.tsv` and `<domain>/*.yaml` in `kbDir`, the out-of-scope
 * examples, and `anchors.yaml` beside them when there is one.
 */
export function readKnowledgeFolder(kbDir: string, outOfScopeFile: string): Map<string, string> {
  const docs = new Map<string, string>();
  const read = (path: string) => docs.set(nameOf(kbDir, path), readFileSync(path, "utf8"));
  read(join(kbDir, "intents.tsv"));
  for (const file of listYaml(kbDir)) read(file);
  read(outOfScopeFile);
  const anchors = join(dirname(outOfScopeFile), "anchors.yaml");
  if (existsSync(anchors)) read(anchors);
  return docs;
}

/**
 * Writes documents in the folder layout under `root` (`root/knowledge-base/...`, `root/bot/...`).
 * Refuses a name that would land outside `root`.
 */
export function writeKnowledgeFolder(docs: KnowledgeDocuments, root: string): void {
  const kbDir = join(root, "knowledge-base");
  for (const [name, text] of docs) {
    const path = resolve(kbDir, name);
    if (!path.startsWith(resolve(root) + sep)) throw new Error(`document name '${name}' leaves the export folder`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
}

/** Which documents a change adds, removes and changes (names sorted). Pure. */
export function documentChanges(before: KnowledgeDocuments, after: KnowledgeDocuments): { added: string[]; removed: string[]; changed: string[] } {
  const added = [...after.keys()].filter((n) => !before.has(n)).sort();
  const removed = [...before.keys()].filter((n) => !after.has(n)).sort();
  const changed = [...after.keys()].filter((n) => before.has(n) && before.get(n) !== after.get(n)).sort();
  return { added, removed, changed };
}

export const sameDocuments = (a: KnowledgeDocuments, b: KnowledgeDocuments): boolean => {
  const c = documentChanges(a, b);
  return c.added.length + c.removed.length + c.changed.length === 0;
};
