import { dirname, join } from "node:path";
import { parse } from "yaml";
import type { ZodError } from "zod";
import { type DocumentKind, documentKind, type KnowledgeDocuments, readKnowledgeFolder } from "./documents.js";
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
  /** Each FAQ's document, by FAQ id ("card/card-lost.yaml"): where an editor's change goes. */
  faqFiles: Map<string, string>;
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

/**
 * Texts already read, with what their schema made of them: a version differs from the one before by
 * a file or two, and reading every file again (YAML and schema, ~100 ms for the whole base) would
 * stall the event loop at each publication and each draft edit. Keyed by the schema's kind and the
 * exact text; what is read is shared between the knowledge bases that hold the same text, and
 * nothing changes it.
 */
const readTexts = new Map<string, { data: unknown } | { problems: string[] }>();
const READ_TEXTS_KEPT = 2_000;

function readValid<T>(kind: DocumentKind, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: ZodError } }, file: string, text: string): T {
  const key = `${kind}\0${text}`;
  let read = readTexts.get(key);
  if (!read) {
    const result = schema.safeParse(parseYaml(file, text));
    read = result.success ? { data: result.data } : { problems: describe(result.error) };
    // Oldest out first: a Map keeps insertion order.
    if (readTexts.size >= READ_TEXTS_KEPT) readTexts.delete(readTexts.keys().next().value as string);
    readTexts.set(key, read);
  }
  if ("problems" in read) throw new KnowledgeLoadError(file, read.problems);
  return read.data as T;
}

/** Validates one FAQ file's content against the schema and the taxonomy. */
export function parseFaq(file: string, text: string, intents: Map<string, IntentInfo>): Faq {
  const faq = readValid<Faq>("faq", FaqSchema, file, text);
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
  return knowledgeBaseFrom(readKnowledgeFolder(kbDir, outOfScopeFile), (name) => join(kbDir, name));
}

/**
 * Validates a knowledge base given as documents (documents.ts): a folder read, or a version the
 * store keeps. Errors name each document as `locate` says (its path, for a folder).
 */
export function knowledgeBaseFrom(docs: KnowledgeDocuments, locate: (name: string) => string = (name) => name): KnowledgeBase {
  const named = (kind: DocumentKind) => [...docs.keys()].filter((n) => documentKind(n) === kind).sort();
  const [intentsName] = named("intents");
  const [outOfScopeName] = named("out-of-scope");
  if (!intentsName) throw new KnowledgeLoadError(locate("intents.tsv"), ["missing: the intent list"]);
  if (!outOfScopeName) throw new KnowledgeLoadError(locate("../bot/out-of-scope.yaml"), ["missing: the out-of-scope examples"]);
  const sources = [...docs].map(([file, text]) => ({ file, text }));
  const text = (name: string) => docs.get(name) as string;
  const intents = parseIntents(locate(intentsName), text(intentsName));
  const byId = new Map(intents.map((i) => [i.id, i]));

  const faqs: Faq[] = [];
  const seenIds = new Map<string, string>();
  const faqFiles = new Map<string, string>();
  for (const name of named("faq")) {
    const file = locate(name);
    const faq = parseFaq(file, text(name), byId);
    const earlier = seenIds.get(faq.id);
    if (earlier) throw new KnowledgeLoadError(file, [`field 'id': '${faq.id}' is already used by ${earlier}`]);
    seenIds.set(faq.id, file);
    faqFiles.set(faq.id, name);
    faqs.push(faq);
  }
  const covered = new Set(faqs.map((f) => f.intent));
  const missing = intents.filter((i) => i.id !== "none" && !covered.has(i.id)).map((i) => i.id);
  if (missing.length > 0) {
    throw new KnowledgeLoadError(dirname(locate(intentsName)), [`no FAQ for intent(s): ${missing.join(", ")}`]);
  }

  const oosFile = locate(outOfScopeName);
  const outOfScope = readValid<OutOfScope>("out-of-scope", OutOfScopeSchema, oosFile, text(outOfScopeName));
  const [anchorsName] = named("anchors");
  const anchors: Anchors = anchorsName ? readValid<Anchors>("anchors", AnchorsSchema, locate(anchorsName), text(anchorsName)) : { terms: [], unless: [] };
  return { intents, faqs, outOfScope, anchors, sources, faqFiles };
}
