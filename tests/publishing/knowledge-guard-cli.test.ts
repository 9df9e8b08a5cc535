import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { writeKnowledgeFolder } from "../../src/knowledge/documents.js";
import { createSqliteStorage } from "../../src/storage/sqlite/sqlite-storage.js";
import { projectRoot } from "../testing/nlu.js";
import { smallKnowledgeDocuments } from "../testing/small-kb.js";

const tmp = mkdtempSync(join(tmpdir(), "kb-guard-"));
const dataDir = join(tmp, "data");
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function kb(command: "import" | "regression", args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/kb.ts", command, ...args], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "development", DATA_DIR: dataDir, ...env },
    encoding: "utf8",
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

/** The small knowledge base with the card-PIN FAQ's questions changed. */
function withPinQuestions(zh: string[], en: string[]): Map<string, string> {
  const docs = smallKnowledgeDocuments();
  const faq = parse(docs.get("card/card-password.yaml") as string) as { questions: { zh: string[]; en: string[] } };
  docs.set("card/card-password.yaml", stringify({ ...faq, questions: { zh, en } }));
  return docs;
}

beforeAll(async () => {
  // The store serves the small knowledge base (models for it train in seconds).
  const storage = createSqliteStorage(join(dataDir, "desk.sqlite"));
  await storage.knowledgeVersions.publish({ documents: smallKnowledgeDocuments(), author: "knowledge-base/", note: "small", publishedAt: new Date().toISOString(), origin: "folder" });
  await storage.close();
});

describe("npm run kb:regression and the regression guard of kb:import", () => {
  it("keeps the editors' questions, refusing unknown intents and repeats", () => {
    expect(kb("regression", ["--add", "社保卡的密码输错好几次给锁住了", "--intent", "card.password"])).toMatchObject({ code: 0, out: "added: 社保卡的密码输错好几次给锁住了 -> card.password\n" });
    expect(kb("regression", ["--add", "社保卡的密码输错好几次给锁住了", "--intent", "card.password"])).toMatchObject({ code: 2, err: expect.stringContaining("already") });
    expect(kb("regression", ["--add", "帮我订张机票", "--intent", "travel.booking"])).toMatchObject({ code: 2, err: expect.stringContaining("unknown intent 'travel.booking' in version 1") });
    expect(kb("regression", ["--add", "帮我订张机票"])).toMatchObject({ code: 2, err: expect.stringContaining("needs --intent") });
    expect(kb("regression", ["--add", "帮我订张机票", "--intent", "none"]).code).toBe(0);
    expect(kb("regression", ["--list"]).out).toMatch(/card\.password\t社保卡的密码输错好几次给锁住了\t\(cli, .*\)\nnone\t帮我订张机票/);
    expect(kb("regression", ["--remove", "帮我订张机票"]).code).toBe(0);
    expect(kb("regression", ["--remove", "帮我订张机票"])).toMatchObject({ code: 2, err: expect.stringContaining("is not in the regression set") });
  });

  it("refuses an import whose model understands less, naming the questions it lost, and publishes one that keeps up", async () => {
    // The card-PIN FAQ's questions replaced by pension ones (a paste into the wrong FAQ): its model
    // no longer knows what a locked PIN is.
    writeKnowledgeFolder(withPinQuestions(["养老金每月几号到账", "退休金什么时候发", "养老金发放日期", "这个月养老金怎么还没到", "养老金到账时间"], ["when is my pension paid", "pension payment day"]), join(tmp, "bad"));
    const refused = kb("import", ["--from", join(tmp, "bad")], { KNOWLEDGE_MAX_DROP: "0" });
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("nothing imported: the regression guard refuses it");
    expect(refused.err).toMatch(/社保卡的密码输错好几次给锁住了 {2}\(card\.password, now [a-z.]+\)/);
    // One more way to ask about a PIN: nothing is lost.
    const pin = parse(smallKnowledgeDocuments().get("card/card-password.yaml") as string) as { questions: { zh: string[]; en: string[] } };
    writeKnowledgeFolder(withPinQuestions([...pin.questions.zh, "社保卡的交易密码想改一个"], pin.questions.en), join(tmp, "good"));
    const published = kb("import", ["--from", join(tmp, "good")], { KNOWLEDGE_MAX_DROP: "0.01" });
    expect(published).toMatchObject({ code: 0, out: expect.stringContaining("published version 2") });
    expect(published.out).toMatch(/regression guard: \d+ guard questions understood right: [\d.]+% before, [\d.]+% after/);
    const storage = createSqliteStorage(join(dataDir, "desk.sqlite"));
    expect((await storage.knowledgeVersions.list(5)).map((v) => v.version)).toEqual([2, 1]);
    await storage.close();
  }, 120_000);
});
