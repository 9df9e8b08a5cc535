import { isDeepStrictEqual } from "node:util";
import { type Document, isScalar, isSeq, parseDocument, Scalar } from "yaml";
import type { KnowledgeDocuments } from "../knowledge/documents.js";
import type { Faq } from "../knowledge/faq.js";
import type { IntentInfo, KnowledgeBase } from "../knowledge/load.js";
import { KnowledgeError } from "./errors.js";

/**
 * The edits an editor makes to a draft, as changes to the knowledge documents (the same YAML and
 * TSV files the folder and the versions hold), pure: each takes the documents the draft would
 * publish and gives the documents it changes (null: removed). A changed FAQ file is edited in place
 * (yaml's Document), so the version's diff shows the fields that changed and nothing else.
 */
export type DocumentPatch = Record<string, string | null>;

/** What an editor may set on an FAQ: everything but its id and intent, which name it. */
export type FaqFields = Omit<Faq, "id" | "intent">;

/** The documents a draft publishes: the newest version's, with the draft's changes on top. */
export function applyPatch(docs: KnowledgeDocuments, patch: DocumentPatch): Map<string, string> {
  const out = new Map(docs);
  for (const [name, text] of Object.entries(patch)) {
    if (text === null) out.delete(name);
    else out.set(name, text);
  }
  return out;
}

/**
 * A draft's changes after `patch`, against `published` (the newest version): a document changed
 * back to its published text is no change any more.
 */
export function mergePatch(published: KnowledgeDocuments, changes: DocumentPatch, patch: DocumentPatch): DocumentPatch {
  const out: DocumentPatch = { ...changes, ...patch };
  for (const [name, text] of Object.entries(out)) {
    const was = published.get(name);
    if ((text === null && was === undefined) || text === was) delete out[name];
  }
  return out;
}

/**
 * The documents the draft changes that a version published after it started changed too: the
 * draft was written against text that is no longer there, so publishing it would undo a colleague's
 * change unseen.
 */
export function draftConflicts(base: KnowledgeDocuments, published: KnowledgeDocuments, changes: DocumentPatch): string[] {
  return Object.keys(changes)
    .filter((name) => base.get(name) !== published.get(name))
    .sort();
}

// Written the way the seed files are: questions quoted, short lists in brackets, answers as blocks.
const WRITE = { lineWidth: 0, flowCollectionPadding: false, defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN" } as const;
const FLOW_LISTS = new Set(["tags", "legalBasis", "related"]);
const FIELD_ORDER = ["id", "intent", "domain", "tags", "flow", "legalBasis", "related", "effective", "expires", "questions", "answer"] as const;

function setField(doc: Document, path: string[], value: unknown): void {
  if (value === undefined) {
    doc.deleteIn(path);
    return;
  }
  const key = path[0] as string;
  if (typeof value === "string" && path[0] === "answer") {
    const node = new Scalar(value.endsWith("\n") ? value : `${value}\n`);
    node.type = Scalar.BLOCK_LITERAL;
    doc.setIn(path, node);
    return;
  }
  const node = doc.createNode(value, { flow: FLOW_LISTS.has(key) });
  // Short list items unquoted, as the seed writes them (quoted anyway where YAML needs it).
  if (FLOW_LISTS.has(key) && isSeq(node)) for (const item of node.items) if (isScalar(item)) item.type = Scalar.PLAIN;
  doc.setIn(path, node);
}

/** One FAQ as YAML text: `before` edited where the fields differ, or written afresh. */
export function faqText(faq: Faq, before?: string): string {
  const doc = before === undefined ? parseDocument("{}") : parseDocument(before);
  const old = (doc.toJS() ?? {}) as Record<string, unknown>;
  for (const field of FIELD_ORDER) {
    const value = faq[field];
    if (field === "questions" || field === "answer") {
      const pair = value as Record<"zh" | "en", unknown>;
      for (const lang of ["zh", "en"] as const) {
        const was = (old[field] as Record<string, unknown> | undefined)?.[lang];
        // An answer's trailing newline is the block's, not the editor's.
        const same = field === "answer" ? String(was ?? "").trimEnd() === String(pair[lang]).trimEnd() : isDeepStrictEqual(was, pair[lang]);
        if (!same) setField(doc, [field, lang], pair[lang]);
      }
      continue;
    }
    // Empty lists are the schema's defaults: a file without the field says the same.
    const empty = Array.isArray(value) && value.length === 0 && old[field] === undefined;
    if (!empty && !isDeepStrictEqual(old[field], value)) setField(doc, [field], value);
  }
  return doc.toString(WRITE);
}

function faqOf(kb: KnowledgeBase, faqId: string): { faq: Faq; file: string } {
  const faq = kb.faqs.find((f) => f.id === faqId);
  const file = kb.faqFiles.get(faqId);
  if (!faq || !file) throw new KnowledgeError("KNOWLEDGE_NOT_FOUND", `FAQ ${faqId}`);
  return { faq, file };
}

/** An FAQ's fields replaced by the editor's. */
export function editFaq(docs: KnowledgeDocuments, kb: KnowledgeBase, faqId: string, fields: FaqFields): DocumentPatch {
  const { faq, file } = faqOf(kb, faqId);
  return { [file]: faqText({ ...fields, id: faq.id, intent: faq.intent }, docs.get(file)) };
}

/** Question variants added to an FAQ (the inbox's and the spreadsheet's way); ones it has are skipped. */
export function addQuestions(docs: KnowledgeDocuments, kb: KnowledgeBase, faqId: string, questions: { zh: readonly string[]; en: readonly string[] }, answer?: { zh?: string; en?: string }): DocumentPatch {
  const { faq, file } = faqOf(kb, faqId);
  const more = (lang: "zh" | "en") => [...faq.questions[lang], ...questions[lang].map((q) => q.trim()).filter((q, i, all) => q !== "" && !faq.questions[lang].includes(q) && all.indexOf(q) === i)];
  return { [file]: faqText({ ...faq, questions: { zh: more("zh"), en: more("en") }, answer: { zh: answer?.zh ?? faq.answer.zh, en: answer?.en ?? faq.answer.en } }, docs.get(file)) };
}

const tsvField = (s: string) => s.replace(/[\t\r\n]+/g, " ").trim();

/** A new intent (a row of intents.tsv) and its FAQ, in `<domain>/<intent with dashes>.yaml`. */
export function addFaq(docs: KnowledgeDocuments, kb: KnowledgeBase, intent: IntentInfo, fields: FaqFields): DocumentPatch {
  if (kb.intents.some((i) => i.id === intent.id)) throw new KnowledgeError("KNOWLEDGE_CONFLICT", `intent ${intent.id} exists already`);
  if (fields.domain !== intent.domain) throw new KnowledgeError("KNOWLEDGE_BAD_INPUT", `the FAQ's domain '${fields.domain}' is not the intent's '${intent.domain}'`);
  const id = `faq-${intent.id.replace(/[._]/g, "-")}`;
  const file = `${intent.domain}/${intent.id.replace(/[._]/g, "-")}.yaml`;
  if (docs.has(file) || kb.faqs.some((f) => f.id === id)) throw new KnowledgeError("KNOWLEDGE_CONFLICT", `${file} exists already`);
  const intents = (docs.get("intents.tsv") ?? "").replace(/\n*$/, "\n");
  const row = [intent.id, intent.domain, intent.zh, intent.en].map(tsvField).join("\t");
  return { "intents.tsv": `${intents}${row}\n`, [file]: faqText({ ...fields, id, intent: intent.id }) };
}

/**
 * An intent retired: its FAQ file and its row of intents.tsv removed, and the other FAQs' "related"
 * lists no longer naming it. The versions keep it: a rollback brings it back.
 */
export function retireFaq(docs: KnowledgeDocuments, kb: KnowledgeBase, faqId: string, keep: ReadonlySet<string>): DocumentPatch {
  const { faq, file } = faqOf(kb, faqId);
  if (keep.has(faq.intent)) throw new KnowledgeError("KNOWLEDGE_BAD_INPUT", `intent ${faq.intent} is one the desk's own dialogue relies on; edit its FAQ instead`);
  const patch: DocumentPatch = { [file]: null };
  const lines = (docs.get("intents.tsv") ?? "").split("\n");
  patch["intents.tsv"] = lines.filter((line, i) => i === 0 || line.split("\t")[0] !== faq.intent).join("\n");
  for (const other of kb.faqs) {
    const otherFile = kb.faqFiles.get(other.id);
    if (other.id === faq.id || !otherFile || !other.related.includes(faq.intent)) continue;
    patch[otherFile] = faqText({ ...other, related: other.related.filter((r) => r !== faq.intent) }, docs.get(otherFile));
  }
  return patch;
}

/** The `id:` of an FAQ file's text, without parsing the rest (a draft's changed files, by FAQ). */
export const faqIdIn = (text: string | undefined): string | undefined => text?.match(/^id:\s*["']?([a-z0-9][a-z0-9.-]*)/m)?.[1];
const intentIn = (text: string | undefined) => text?.match(/^intent:\s*["']?([a-z_.]+)/m)?.[1];
const rowId = (line: string) => line.split("\t")[0];

/**
 * One FAQ's file back as published, with its intent's row of intents.tsv: put back where it was
 * for a retired FAQ, taken out for one the draft added. Other files the change touched (a related
 * list) stay as they are: each is a change of its own the editor sees and can revert.
 */
export function restoreFaq(docs: KnowledgeDocuments, published: KnowledgeDocuments, file: string): DocumentPatch {
  const was = published.get(file);
  const intent = intentIn(docs.get(file) ?? was);
  const patch: DocumentPatch = { [file]: was ?? null };
  if (!intent) return patch;
  const lines = (docs.get("intents.tsv") ?? "").split("\n");
  const has = lines.some((l) => rowId(l) === intent);
  if (was === undefined && has) {
    patch["intents.tsv"] = lines.filter((l, i) => i === 0 || rowId(l) !== intent).join("\n");
  } else if (was !== undefined && !has) {
    const before = (published.get("intents.tsv") ?? "").split("\n");
    const at = before.findIndex((l) => rowId(l) === intent);
    if (at > 0) {
      // After the nearest row above it that is still there.
      const above = before.slice(0, at).reverse().find((l) => lines.some((m) => rowId(m) === rowId(l)));
      const index = above ? lines.findIndex((l) => rowId(l) === rowId(above)) + 1 : 1;
      patch["intents.tsv"] = [...lines.slice(0, index), before[at] as string, ...lines.slice(index)].join("\n");
    }
  }
  return patch;
}
