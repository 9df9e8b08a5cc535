import { describe, expect, it } from "vitest";
import { startingKnowledge } from "../../src/publishing/starting-version.js";
import type { KnowledgeOrigin, KnowledgeVersion } from "../../src/storage/ports.js";

const folder = new Map([["intents.tsv", "v1"], ["card/card-lost.yaml", "lost"]]);
const changedFolder = new Map([...folder, ["card/card-lost.yaml", "lost, new hotline"]]);
const version = (n: number, origin: KnowledgeOrigin, documents: Map<string, string>): KnowledgeVersion => ({
  version: n,
  origin,
  documents,
  author: origin === "editor" ? "li.editor" : "knowledge-base/",
  note: "",
  publishedAt: "2026-12-07T09:00:00Z",
});

describe("startingKnowledge", () => {
  it("seeds an empty store from the folder", () => {
    expect(startingKnowledge(folder, undefined, undefined)).toEqual({ kind: "seed" });
  });

  it("serves the newest version while the folder is as it was last read", () => {
    const v1 = version(1, "folder", folder);
    expect(startingKnowledge(folder, v1, v1)).toEqual({ kind: "latest", version: v1 });
    const v2 = version(2, "editor", changedFolder);
    expect(startingKnowledge(folder, v2, v1)).toEqual({ kind: "latest", version: v2 });
  });

  it("reads a changed folder in as the next version when nobody published since it was last read", () => {
    const v1 = version(1, "folder", folder);
    expect(startingKnowledge(changedFolder, v1, v1)).toEqual({ kind: "folder" });
  });

  it("keeps what editors published over a changed folder, and says how to bring the folder in", () => {
    const v1 = version(1, "folder", folder);
    const v2 = version(2, "editor", folder);
    const start = startingKnowledge(changedFolder, v2, v1);
    expect(start).toMatchObject({ kind: "latest", version: v2 });
    expect(start.kind === "latest" && start.warning).toMatch(/changed since version 1 .* version 2 was published after \(editor, by li\.editor\).*kb:import/);
    // Imported already: the folder is what is served, nothing to warn about.
    expect(startingKnowledge(changedFolder, version(3, "import", changedFolder), v1)).toEqual({ kind: "latest", version: expect.objectContaining({ version: 3 }) });
  });
});
