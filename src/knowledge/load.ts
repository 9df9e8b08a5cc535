import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { parse } from "yaml";
import type { ZodError } from "zod";
import { KnowledgeLoadError } from "./errors.js";
import { type Anchors, AnchorsSchema, type Faq, FaqSchema, type OutOfScope, OutOfScopeSchema } from "./faq.js";

/** One row of the intent taxonomy (`knowledge-base/intents.tsv`). */
export interface IntentInfo {
  id: string;
  domain: string;
  zh: string;
  en: string;
}

export interface KnowledgeBase {
  intents: IntentInfo[];
  faqs: Faq[];
  outOfScope: OutOfScope;
  /** Words that keep a message in scope; empty when the file is absent. */
  anchors: Anchors;
  /** Every file read, with its text, so a trainer can hash exactly what it learned from. */
  sources: { file: string; text: string }[];
}

function describe(error: ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join(".") : "(file)";
    return `field '${path}': ${issue.message}`;
  });
}

function parseYaml(file: string, text: string): unknown {
  try {
    return parse(text);
  } catch (error) {
    throw new KnowledgeLoadError(file, [`not valid YAML: ${(error as Error).message}`]);
  }
}

/** Reads the taxonomy: a TSV with columns id, domain, zh, en and a header line. */
export function parseIntents(file: string, text: string): IntentInfo[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const rows = lines.slice(1).map((line, i) => {
    const [id, domain, zh, en] = line.split("\t");
    if (!id || !domain || zh === undefined || en === undefined) {
      throw new KnowledgeLoadError(file, [`line ${i + 2}: expected 4 tab-separated columns`]);
    }
    return { id, domain, zh, en };
  });
  return rows;
}

function listYaml(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listYaml(path));
    else if (/\.ya?ml$/.test(name)) out.push(path);
  }
  return out;
}

/** Validates one FAQ file's content against the schema and the taxonomy. */
export function parseFaq(file: string, text: string, intents: Map<string, IntentInfo>): Faq {
  const result = FaqSchema.safeParse(parseYaml(file, text));
  if (!result.success) throw new KnowledgeLoadError(file, describe(result.error));
  const faq = result.data;
  const info = intents.get(faq.intent);
  const problems: string[] = [];
  if (!info || faq.intent === "none") problems.push(`field 'intent': unknown intent id '${faq.intent}'`);
  else if (info.domain !== faq.domain)
    problems.push(`field 'domain': '${faq.domain}' but intent '${faq.intent}' belongs to '${info.domain}'`);
  faq.related.forEach((r, i) => {
    if (!intents.has(r)) problems.push(`field 'related.${i}': unknown intent id '${r}'`);
  });
  if (problems.length > 0) throw new KnowledgeLoadError(file, problems);
  return faq;
}

/**
 * Loads and validates the whole knowledge base from a folder laid out as
 * `intents.tsv`, `<domain>/*.yaml` and, beside it, `bot/out-of-scope.yaml`.
 * Throws KnowledgeLoadError naming the file and field at the first bad file.
 */
export function loadKnowledgeBase(kbDir: string, outOfScopeFile: string): KnowledgeBase {
  const sources: { file: string; text: string }[] = [];
  const read = (path: string) => {
    const text = readFileSync(path, "utf8");
    sources.push({ file: relative(kbDir, path), text });
    return text;
  };
  const intentsFile = join(kbDir, "intents.tsv");
  const intents = parseIntents(intentsFile, read(intentsFile));
  const byId = new Map(intents.map((i) => [i.id, i]));

  const faqs: Faq[] = [];
  const seenIds = new Map<string, string>();
  for (const file of listYaml(kbDir)) {
    const faq = parseFaq(file, read(file), byId);
    const earlier = seenIds.get(faq.id);
    if (earlier) throw new KnowledgeLoadError(file, [`field 'id': '${faq.id}' is already used by ${earlier}`]);
    seenIds.set(faq.id, file);
    faqs.push(faq);
  }
  const covered = new Set(faqs.map((f) => f.intent));
  const missing = intents.filter((i) => i.id !== "none" && !covered.has(i.id)).map((i) => i.id);
  if (missing.length > 0) {
    throw new KnowledgeLoadError(kbDir, [`no FAQ for intent(s): ${missing.join(", ")}`]);
  }

  const oosResult = OutOfScopeSchema.safeParse(parseYaml(outOfScopeFile, read(outOfScopeFile)));
  if (!oosResult.success) throw new KnowledgeLoadError(outOfScopeFile, describe(oosResult.error));
  // The anchors live beside the out-of-scope examples (bot/anchors.yaml).
  const anchorsFile = join(dirname(outOfScopeFile), "anchors.yaml");
  let anchors: Anchors = { terms: [], unless: [] };
  if (existsSync(anchorsFile)) {
    const r = AnchorsSchema.safeParse(parseYaml(anchorsFile, read(anchorsFile)));
    if (!r.success) throw new KnowledgeLoadError(anchorsFile, describe(r.error));
    anchors = r.data;
  }
  return { intents, faqs, outOfScope: oosResult.data, anchors, sources };
}
