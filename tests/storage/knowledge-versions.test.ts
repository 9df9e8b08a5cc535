import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { createSqliteStorage } from "../../src/storage/sqlite/sqlite-storage.js";

const dir = mkdtempSync(join(tmpdir(), "kb-versions-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = "2026-12-07T09:00:00.000Z";

describe("sqlite adapter: knowledge versions", () => {
  it("keeps every version whole, newest first, each text stored once, and survives a restart", async () => {
    const file = join(dir, "desk.sqlite");
    const s = createSqliteStorage(file);
    expect(await s.knowledgeVersions.latest()).toBeUndefined();
    const v1docs = new Map([["intents.tsv", "id\tdomain\tzh\ten\n"], ["card/card-lost.yaml", "id: faq-card-lost\n"], ["../bot/out-of-scope.yaml", "examples: {}\n"]]);
    const v1 = await s.knowledgeVersions.publish({ documents: v1docs, author: "knowledge-base/", note: "seed", publishedAt: at, origin: "folder" });
    expect(v1.version).toBe(1);
    const v2docs = new Map([...v1docs, ["card/card-lost.yaml", "id: faq-card-lost\n# 挂失 changed\n"]]);
    const v2 = await s.knowledgeVersions.publish({ documents: v2docs, author: "li.editor", note: "挂失电话更新", publishedAt: at, origin: "editor" });
    expect(v2.version).toBe(2);
    await s.close();

    const again = createSqliteStorage(file);
    expect((await again.knowledgeVersions.latest())?.documents).toEqual(v2docs);
    expect((await again.knowledgeVersions.get(1))?.documents).toEqual(v1docs);
    expect(await again.knowledgeVersions.get(3)).toBeUndefined();
    expect((await again.knowledgeVersions.latest("folder"))?.version).toBe(1);
    expect(await again.knowledgeVersions.latest("import")).toBeUndefined();
    expect(await again.knowledgeVersions.list(10)).toEqual([
      { version: 2, author: "li.editor", note: "挂失电话更新", publishedAt: at, origin: "editor" },
      { version: 1, author: "knowledge-base/", note: "seed", publishedAt: at, origin: "folder" },
    ]);
    expect(await again.knowledgeVersions.list(1)).toHaveLength(1);
    await again.close();
    // Four distinct texts for six documents: the two unchanged ones are shared by both versions.
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT COUNT(*) FROM knowledge_texts").pluck().get()).toBe(4);
    db.close();
  });

  it("gives publications made at the same moment distinct numbers", async () => {
    const s = createSqliteStorage(join(dir, "race.sqlite"));
    const docs = new Map([["intents.tsv", "x"]]);
    const published = await Promise.all(
      Array.from({ length: 20 }, (_, i) => s.knowledgeVersions.publish({ documents: docs, author: `e${i}`, note: "", publishedAt: at, origin: "editor" })),
    );
    expect(published.map((p) => p.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    await s.close();
  });

  it("keeps the regression guard's questions, each text once, oldest first", async () => {
    const s = createSqliteStorage(join(dir, "guard.sqlite"));
    const q = (text: string, intent: string, addedAt: string) => ({ text, intent, addedBy: "li.editor", addedAt });
    expect(await s.regressionQuestions.add(q("社保卡秘码锁了", "card.password", "2026-12-07T09:00:00Z"))).toBe(true);
    expect(await s.regressionQuestions.add(q("帮我写个请假条", "none", "2026-12-07T09:01:00Z"))).toBe(true);
    expect(await s.regressionQuestions.add(q("社保卡秘码锁了", "card.lost", "2026-12-07T09:02:00Z"))).toBe(false);
    expect((await s.regressionQuestions.list()).map((x) => [x.text, x.intent])).toEqual([
      ["社保卡秘码锁了", "card.password"],
      ["帮我写个请假条", "none"],
    ]);
    expect(await s.regressionQuestions.remove("帮我写个请假条")).toBe(true);
    expect(await s.regressionQuestions.remove("帮我写个请假条")).toBe(false);
    expect(await s.regressionQuestions.list()).toHaveLength(1);
    await s.close();
  });
});
