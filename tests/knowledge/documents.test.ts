import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { documentChanges, documentKind, readKnowledgeFolder, sameDocuments, writeKnowledgeFolder } from "../../src/knowledge/documents.js";
import { inputsHash } from "../../src/nlu/artifact.js";
import { knowledgeBaseFrom, loadKnowledgeBase } from "../../src/knowledge/load.js";
import { projectRoot } from "../testing/nlu.js";

const tmp = mkdtempSync(join(tmpdir(), "kb-docs-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const kbDir = join(projectRoot, "knowledge-base");
const outOfScope = join(projectRoot, "bot", "out-of-scope.yaml");

describe("the knowledge base as documents", () => {
  it("reads the folder, writes it elsewhere and reads back the same bytes, with the same model hash", () => {
    const docs = readKnowledgeFolder(kbDir, outOfScope);
    expect(docs.get("intents.tsv")).toContain("pension.benefit.calculation");
    expect([...docs.keys()].filter((n) => documentKind(n) === "faq").length).toBeGreaterThan(80);
    expect(docs.has("../bot/out-of-scope.yaml")).toBe(true);
    writeKnowledgeFolder(docs, join(tmp, "copy"));
    const back = readKnowledgeFolder(join(tmp, "copy", "knowledge-base"), join(tmp, "copy", "bot", "out-of-scope.yaml"));
    expect(sameDocuments(docs, back)).toBe(true);
    expect([...back]).toEqual([...docs]);
    expect(inputsHash(knowledgeBaseFrom(back))).toBe(inputsHash(loadKnowledgeBase(kbDir, outOfScope)));
  });

  it("names what a change adds, removes and changes", () => {
    const before = new Map([["a.yaml", "1"], ["b.yaml", "2"], ["c.yaml", "3"]]);
    const after = new Map([["a.yaml", "1"], ["b.yaml", "2!"], ["d.yaml", "4"]]);
    expect(documentChanges(before, after)).toEqual({ added: ["d.yaml"], removed: ["c.yaml"], changed: ["b.yaml"] });
    expect(sameDocuments(before, new Map(before))).toBe(true);
    expect(sameDocuments(before, after)).toBe(false);
  });

  it("knows each document by its name, and writes none outside the folder it is given", () => {
    expect(["intents.tsv", "card/card-lost.yaml", "../bot/out-of-scope.yaml", "../bot/anchors.yaml", "../bot/policy.ts", "notes.txt"].map(documentKind)).toEqual([
      "intents",
      "faq",
      "out-of-scope",
      "anchors",
      undefined,
      undefined,
    ]);
    expect(() => writeKnowledgeFolder(new Map([["../../escape.yaml", "x"]]), join(tmp, "out"))).toThrow(/leaves the export folder/);
  });

  it("refuses a set without its intent list or out-of-scope examples, saying which is missing", () => {
    const docs = readKnowledgeFolder(kbDir, outOfScope);
    const without = (name: string) => new Map([...docs].filter(([n]) => n !== name));
    expect(() => knowledgeBaseFrom(without("intents.tsv"))).toThrow(/intents\.tsv: missing: the intent list/);
    expect(() => knowledgeBaseFrom(without("../bot/out-of-scope.yaml"))).toThrow(/missing: the out-of-scope examples/);
    expect(() => knowledgeBaseFrom(without("card/card-lost.yaml"))).toThrow(/no FAQ for intent\(s\): card\.lost/);
  });
});
