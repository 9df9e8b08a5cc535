import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { KnowledgeLoadError } from "../../src/knowledge/errors.js";
import { loadKnowledgeBase } from "../../src/knowledge/load.js";

const root = join(import.meta.dirname, "..", "..");
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "kb-"));
  cpSync(join(root, "knowledge-base"), join(dir, "knowledge-base"), { recursive: true });
  cpSync(join(root, "bot", "out-of-scope.yaml"), join(dir, "out-of-scope.yaml"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const load = () => loadKnowledgeBase(join(dir, "knowledge-base"), join(dir, "out-of-scope.yaml"));
const cardLost = () => join(dir, "knowledge-base", "card", "card-lost.yaml");
function edit(file: string, change: (doc: Record<string, unknown>) => void) {
  const doc = parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  change(doc);
  writeFileSync(file, stringify(doc));
}
function loadError(): KnowledgeLoadError {
  try {
    load();
  } catch (error) {
    if (error instanceof KnowledgeLoadError) return error;
    throw error;
  }
  throw new Error("expected the knowledge base to fail to load");
}

describe("knowledge base loading", () => {
  it("loads the real knowledge base: every intent has an FAQ with zh and en questions and answers", () => {
    const kb = load();
    const intents = kb.intents.filter((i) => i.id !== "none").map((i) => i.id);
    expect(new Set(kb.faqs.map((f) => f.intent))).toEqual(new Set(intents));
    for (const f of kb.faqs) {
      expect(f.questions.zh.length).toBeGreaterThanOrEqual(5);
      expect(f.questions.en.length).toBeGreaterThanOrEqual(2);
    }
  });

  it("refuses a file whose answer is missing, naming the file and the field", () => {
    edit(cardLost(), (doc) => {
      (doc.answer as Record<string, unknown>).zh = undefined;
    });
    const error = loadError();
    expect(error.file).toBe(cardLost());
    expect(error.message).toContain("card-lost.yaml");
    expect(error.message).toContain("answer.zh");
  });

  it("refuses a file with an unknown intent id, naming it", () => {
    edit(cardLost(), (doc) => {
      doc.intent = "card.teleport";
    });
    const error = loadError();
    expect(error.message).toContain("card-lost.yaml");
    expect(error.message).toContain("unknown intent id 'card.teleport'");
  });

  it("refuses broken YAML and a domain that does not match the intent", () => {
    writeFileSync(cardLost(), "id: [unclosed\n");
    expect(loadError().message).toMatch(/card-lost\.yaml: not valid YAML/);
    cpSync(join(root, "knowledge-base", "card", "card-lost.yaml"), cardLost());
    edit(cardLost(), (doc) => {
      doc.domain = "pension";
    });
    expect(loadError().message).toContain("field 'domain'");
  });

  it("refuses a knowledge base that leaves an intent without an FAQ", () => {
    rmSync(cardLost());
    expect(loadError().message).toContain("no FAQ for intent(s): card.lost");
  });
});

describe("the shipped knowledge base", () => {
  it("covers all 84 intents, and every policy answer names its legal basis", () => {
    const kb = loadKnowledgeBase(join(root, "knowledge-base"), join(root, "bot", "out-of-scope.yaml"));
    expect(new Set(kb.faqs.map((f) => f.intent)).size).toBe(84);
    const policy = kb.faqs.filter((f) => !["smalltalk", "control"].includes(f.domain));
    expect(policy.filter((f) => f.legalBasis.length === 0).map((f) => f.intent)).toEqual([]);
    // New topics are written to the standard of the first ones: enough ways of asking in both languages.
    const thin = kb.faqs.filter((f) => f.questions.zh.length < 40 || f.questions.en.length < 12).map((f) => f.intent);
    expect(thin).toEqual([]);
  });
});
