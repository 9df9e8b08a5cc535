import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readKnowledgeFolder } from "../../src/knowledge/documents.js";
import { createSqliteStorage } from "../../src/storage/sqlite/sqlite-storage.js";
import { createAgent } from "../testing/agent-client.js";
import { projectRoot } from "../testing/nlu.js";
import { startTestServer, type TestServer } from "../testing/server.js";
import { smallKnowledgeDocuments } from "../testing/small-kb.js";
import { StaffSignIns } from "../testing/staff-sign-in.js";

let server: TestServer;
let token = "";

beforeAll(async () => {
  // The desk serves a three-FAQ knowledge base (published after the folder's), so its models train in seconds.
  const dataDir = mkdtempSync(join(tmpdir(), "desk-guard-"));
  const storage = createSqliteStorage(join(dataDir, "desk.sqlite"));
  const at = new Date().toISOString();
  await storage.knowledgeVersions.publish({ documents: readKnowledgeFolder(join(projectRoot, "knowledge-base"), join(projectRoot, "bot", "out-of-scope.yaml")), author: "knowledge-base/", note: "seed", publishedAt: at, origin: "folder" });
  await storage.knowledgeVersions.publish({ documents: smallKnowledgeDocuments(), author: "kb:import", note: "small", publishedAt: at, origin: "import" });
  await storage.close();
  server = await startTestServer({ dataDir, env: { DEMO_STAFF: "false", KNOWLEDGE_POLL_MS: "0" } });
  const account = await createAgent(server.app, "guard.editor", { roles: ["editor"] });
  token = (await new StaffSignIns(server.url).signIn(account.username, account.password)).body.token as string;
});
afterAll(async () => {
  await server.stop();
  server.cleanup();
});

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers, their shape checked by the assertions
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}
async function settled(id: string) {
  const end = Date.now() + 120_000;
  for (;;) {
    const { draft } = (await call("GET", `/api/v1/knowledge/drafts/${id}`)).body;
    if (draft.status !== "publishing") return draft;
    if (Date.now() > end) throw new Error("still publishing after 120 s");
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("the regression guard on an editor's publication", () => {
  it("refuses a draft that makes the model forget a topic, lists what regressed, publishes nothing; the draft stays open", async () => {
    const { draft } = (await call("POST", "/api/v1/knowledge/drafts", { title: "挂失问法" })).body;
    const { faq } = (await call("GET", `/api/v1/knowledge/drafts/${draft.id}/faqs/faq-card-lost`)).body;
    const { id: _id, intent: _intent, ...fields } = faq;
    // Card-loss questions replaced by questions about pension payment dates: card loss is forgotten.
    const zh = ["养老金每个月几号发", "退休金什么时候到账", "养老金这个月怎么还没发", "养老金发放日期是哪天", "退休工资几号打卡上"];
    const edited = await call("PUT", `/api/v1/knowledge/drafts/${draft.id}/faqs/faq-card-lost`, { faq: { ...fields, questions: { zh, en: ["when is the pension paid", "pension payment day"] } } });
    expect(edited.status).toBe(200);
    expect((await call("POST", `/api/v1/knowledge/drafts/${draft.id}/publish`, { note: "bad" })).status).toBe(202);
    const done = await settled(draft.id);
    expect(done.status).toBe("open");
    expect(done.outcome.kind).toBe("refused");
    expect(done.outcome.verdict.after).toBeLessThan(done.outcome.verdict.before - 0.01);
    expect(done.outcome.verdict.regressed.some((r: { expected: string }) => r.expected === "card.lost")).toBe(true);
    expect(done.notes.at(-1)).toMatchObject({ kind: "refused" });
    expect((await call("GET", "/api/v1/knowledge/versions")).body.versions[0].version).toBe(2);
    const audit = await server.app.storage.audit.list({ action: "knowledge.publish", limit: 10 });
    expect(audit[0]?.detail).toMatchObject({ outcome: "refused" });
  }, 180_000);
});
