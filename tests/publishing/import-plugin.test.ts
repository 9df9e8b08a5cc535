import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import writeExcelFile from "write-excel-file/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AuditLog } from "../../src/audit/audit-log.js";
import { errorHandler } from "../../src/http/errors.js";
import { readKnowledgeFolder } from "../../src/knowledge/documents.js";
import { type KnowledgeBase, knowledgeBaseFrom } from "../../src/knowledge/load.js";
import { KnowledgeError } from "../../src/publishing/errors.js";
import type { ImportChange } from "../../src/publishing/import-change.js";
import { importPlugin } from "../../src/publishing/import-plugin.js";
import { staffGuard } from "../../src/staff/guard.js";
import { staffPlugin } from "../../src/staff/plugin.js";
import type { Storage } from "../../src/storage/ports.js";
import { createSqliteStorage } from "../../src/storage/sqlite/sqlite-storage.js";
import { projectRoot } from "../testing/nlu.js";
import { StaffSignIns } from "../testing/staff-sign-in.js";
import { staffAccounts } from "../testing/staff.js";

/**
 * The import routes on a Fastify server of their own, with the real staff guard and sign-in, the
 * app's 64 KB body limit and error handler, over the real knowledge base. The drafts are a small
 * stand-in that records what it is given: an open draft "d-1" (the published FAQs plus one variant
 * an editor added), a submitted "d-2" that takes no changes, and nothing else.
 */

const published = knowledgeBaseFrom(readKnowledgeFolder(join(projectRoot, "knowledge-base"), join(projectRoot, "bot", "out-of-scope.yaml")));
const DRAFT_VARIANT = "社保卡掉在地铁里了";
const draft: KnowledgeBase = {
  ...published,
  faqs: published.faqs.map((f) => (f.id === "faq-card-lost" ? { ...f, questions: { ...f.questions, zh: [...f.questions.zh, DRAFT_VARIANT] } } : f)),
};

let dir: string;
let storage: Storage;
let audit: AuditLog;
let http: FastifyInstance;
const tokens = { editor: "", agent: "" };
let editorId = "";
const asked: (string | undefined)[] = [];
const applied: { draftId: string; staffId: string; changes: ImportChange[] }[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "import-plugin-"));
  storage = createSqliteStorage(join(dir, "desk.sqlite"));
  const staff = staffAccounts(storage, () => new Date());
  audit = staff.audit;
  http = Fastify({ bodyLimit: 64 * 1024 });
  http.setErrorHandler(errorHandler());
  await http.register(staffPlugin, { accounts: staff.accounts, audit, agentSecondFactor: "per-account" });
  await http.register(importPlugin, {
    allowed: staffGuard(staff.accounts, audit),
    audit,
    knowledgeOf: async (draftId) => {
      asked.push(draftId);
      if (draftId === undefined) return published;
      if (draftId === "d-1" || draftId === "d-2") return draft;
      throw new KnowledgeError("KNOWLEDGE_NOT_FOUND", `draft ${draftId}`);
    },
    applyToDraft: async (draftId, staffMember, changes) => {
      if (draftId !== "d-1") throw new KnowledgeError("KNOWLEDGE_CONFLICT", `draft ${draftId} is submitted: it takes no changes`);
      applied.push({ draftId, staffId: staffMember.id, changes });
    },
  });
  // A route outside the plugin, to see that the import's body limit stays with the import.
  http.post("/elsewhere", async () => ({ ok: true }));
  const url = await http.listen({ port: 0, host: "127.0.0.1" });

  const signIns = new StaffSignIns(url);
  for (const role of ["editor", "agent"] as const) {
    const password = `pw-${role}-correct-horse`;
    const account = await staff.accounts.create({ username: `import.${role}`, displayName: role, password, languages: ["zh"], skills: ["card"], capacity: 3, roles: [role] });
    if (role === "editor") editorId = account.id;
    tokens[role] = (await signIns.signIn(account.username, password)).body.token as string;
  }
});

afterAll(async () => {
  await http.close();
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  asked.length = 0;
  applied.length = 0;
});

const csvFile = (text: string, name = "questions.csv") => ({ name, base64: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]).toString("base64") });

async function post(path: string, body: unknown, role: keyof typeof tokens | null = "editor", headers: Record<string, string> = {}) {
  const response = await http.inject({
    method: "POST",
    url: path,
    headers: { ...(role ? { authorization: `Bearer ${tokens[role]}` } : {}), "content-type": "application/json", ...headers },
    payload: typeof body === "string" ? body : JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers, their shape checked by the assertions
  return { status: response.statusCode, body: response.json() as Record<string, any> };
}

const importRecords = () => audit.list({ action: "knowledge.edit", limit: 10 });

// Row 2 fine; row 3 an unknown intent; row 4 fine, with a new English answer.
const MIXED = [
  "意图,语言,问题,答案",
  "card.lost,中文,社保卡掉在地铁里了,",
  "card.lots,中文,社保卡掉在出租车上了,",
  "card.password,英文,My PIN got locked after three wrong tries,Take your ID card to a bank branch to reset the PIN.",
].join("\n");

describe("POST /api/v1/knowledge/import/preview", () => {
  it("previews each row against the newest version, or against a draft", async () => {
    const against = await post("/api/v1/knowledge/import/preview", { file: csvFile(MIXED), locale: "en" });
    expect(against).toMatchObject({
      status: 200,
      body: {
        valid: 2,
        invalid: 1,
        rows: [
          { row: 2, intent: "card.lost", lang: "zh", question: DRAFT_VARIANT, errors: [] },
          { row: 3, intent: "card.lots", errors: [{ code: "UNKNOWN_INTENT", message: 'There is no intent "card.lots". Did you mean "card.lost"?' }] },
          { row: 4, intent: "card.password", lang: "en", answer: "Take your ID card to a bank branch to reset the PIN.", errors: [] },
        ],
      },
    });
    // The draft already has the variant row 2 brings.
    const inDraft = await post("/api/v1/knowledge/import/preview", { file: csvFile(MIXED), draftId: "d-1" });
    expect(inDraft.body).toMatchObject({ valid: 1, invalid: 2 });
    expect(inDraft.body.rows[0].errors).toEqual([{ code: "ALREADY_A_VARIANT", message: `已经是 FAQ“faq-card-lost”的问法：“${DRAFT_VARIANT}”。` }]);
    expect(asked).toEqual([undefined, "d-1"]);
    expect(await post("/api/v1/knowledge/import/preview", { file: csvFile(MIXED), draftId: "d-9" })).toMatchObject({ status: 404, body: { error: "KNOWLEDGE_NOT_FOUND" } });
  });

  it("reads an .xlsx, and a file far above the server's usual 64 KB body limit, which stays for other routes", async () => {
    const sheet = [["FAQ", "问题"], ...Array.from({ length: 800 }, (_, i) => ["faq-card-lost", `社保卡第${i}次丢了，要去哪里挂失，需要带什么材料，能不能让家里人代办`])];
    const bytes = await writeExcelFile(sheet).toBuffer();
    const xlsx = await post("/api/v1/knowledge/import/preview", { file: { name: "问法.xlsx", base64: bytes.toString("base64") } });
    expect(xlsx).toMatchObject({ status: 200, body: { valid: 800, invalid: 0 } });
    const big = csvFile(sheet.map((r) => r.join(",")).join("\n"));
    expect(big.base64.length).toBeGreaterThan(64 * 1024);
    expect(await post("/api/v1/knowledge/import/preview", { file: big })).toMatchObject({ status: 200, body: { valid: 800 } });
    expect(await post("/elsewhere", { file: big })).toMatchObject({ status: 413, body: { error: "PAYLOAD_TOO_LARGE" } });
  });

  it("refuses bad input with a clear error: not base64, no file, a field it does not know", async () => {
    const notBase64 = await post("/api/v1/knowledge/import/preview", { file: { name: "q.csv", base64: "不是base64!" } });
    expect(notBase64).toMatchObject({ status: 400, body: { error: "KNOWLEDGE_BAD_INPUT" } });
    expect(notBase64.body.message).toContain("file.base64: not base64");
    expect(await post("/api/v1/knowledge/import/preview", { file: { name: "q.csv", base64: "abc" } })).toMatchObject({ status: 400, body: { error: "KNOWLEDGE_BAD_INPUT" } });
    expect(await post("/api/v1/knowledge/import/preview", {})).toMatchObject({ status: 400, body: { error: "KNOWLEDGE_BAD_INPUT" } });
    expect(await post("/api/v1/knowledge/import/preview", { file: csvFile(MIXED), draft: "d-1" })).toMatchObject({ status: 400, body: { error: "KNOWLEDGE_BAD_INPUT" } });
    expect(await post("/api/v1/knowledge/import/preview", "{not json")).toMatchObject({ status: 400 });
  });

  it("refuses a file over 2 MB by name, and a body far over it before reading it", async () => {
    const over = { name: "big.csv", base64: Buffer.alloc(2 * 1024 * 1024 + 10_000, 0x41).toString("base64") };
    const refused = await post("/api/v1/knowledge/import/preview", { file: over }, "editor", { "accept-language": "en" });
    expect(refused).toMatchObject({ status: 413, body: { error: "KNOWLEDGE_IMPORT_TOO_LARGE" } });
    expect(refused.body.message).toBe("The file is too large or has too many rows. (big.csv is 2.0 MB; at most 2.0 MB)");
    const far = { name: "huge.csv", base64: Buffer.alloc(3 * 1024 * 1024, 0x41).toString("base64") };
    expect(await post("/api/v1/knowledge/import/preview", { file: far })).toMatchObject({ status: 413, body: { error: "PAYLOAD_TOO_LARGE" } });
  });

  it("says a GBK file must be saved as CSV UTF-8, and refuses a file that is not a spreadsheet", async () => {
    const gbk = { name: "问法.csv", base64: Buffer.from([0xd2, 0xe2, 0xcd, 0xbc, 0x2c, 0xce, 0xca, 0xcc, 0xe2, 0x0a]).toString("base64") };
    const refused = await post("/api/v1/knowledge/import/preview", { file: gbk });
    expect(refused).toMatchObject({ status: 400, body: { error: "KNOWLEDGE_IMPORT_ENCODING" } });
    expect(refused.body.message).toContain("CSV UTF-8（逗号分隔）");
    // In the console's language when it says one, whatever the browser's Accept-Language.
    const inEnglish = await post("/api/v1/knowledge/import/preview", { file: gbk, locale: "en" }, "editor", { "accept-language": "zh-CN" });
    expect(inEnglish.body.message).toContain("Save As → “CSV UTF-8 (Comma delimited)”");
    const pdf = { name: "scan.pdf", base64: Buffer.from("%PDF-1.7").toString("base64") };
    expect(await post("/api/v1/knowledge/import/preview", { file: pdf })).toMatchObject({ status: 400, body: { error: "KNOWLEDGE_IMPORT_UNREADABLE" } });
    expect(await post("/api/v1/knowledge/import/preview", { file: csvFile("名称\nx\n") })).toMatchObject({ status: 400, body: { error: "KNOWLEDGE_IMPORT_COLUMNS" } });
    expect(await post("/api/v1/knowledge/import/preview", { file: { name: "empty.csv", base64: "" } })).toMatchObject({ status: 400, body: { error: "KNOWLEDGE_IMPORT_EMPTY" } });
  });

  it("is for editors only", async () => {
    expect(await post("/api/v1/knowledge/import/preview", { file: csvFile(MIXED) }, "agent")).toMatchObject({ status: 403, body: { error: "ACCESS_FORBIDDEN" } });
    expect(await post("/api/v1/knowledge/import/preview", { file: csvFile(MIXED) }, null)).toMatchObject({ status: 401, body: { error: "ACCESS_SIGNED_OUT" } });
    expect(asked).toEqual([]);
  });
});

describe("POST /api/v1/knowledge/drafts/:id/import", () => {
  it("refuses a file with any wrong row, naming the rows, and changes nothing", async () => {
    const before = (await importRecords()).length;
    const refused = await post("/api/v1/knowledge/drafts/d-1/import", { file: csvFile(MIXED) });
    expect(refused).toMatchObject({
      status: 409,
      body: { error: "KNOWLEDGE_IMPORT_ROW_ERRORS", valid: 1, invalid: 2, rows: [{ row: 2, errors: [{ code: "ALREADY_A_VARIANT" }] }, { row: 3, errors: [{ code: "UNKNOWN_INTENT" }] }] },
    });
    expect(refused.body.message).toContain("未导入任何内容");
    expect(applied).toEqual([]);
    expect((await importRecords()).length).toBe(before);
  });

  it("imports only the valid rows when asked, through the drafts, and audits the counts", async () => {
    const done = await post("/api/v1/knowledge/drafts/d-1/import", { file: csvFile(MIXED), validRowsOnly: true });
    expect(done).toEqual({ status: 200, body: { imported: 1, skipped: 2 } });
    expect(applied).toEqual([
      {
        draftId: "d-1",
        staffId: editorId,
        changes: [{ faqId: "faq-card-password", questions: { zh: [], en: ["My PIN got locked after three wrong tries"] }, answer: { en: "Take your ID card to a bank branch to reset the PIN." } }],
      },
    ]);
    const [record] = await importRecords();
    expect(record).toMatchObject({ actor: editorId, action: "knowledge.edit", target: "draft d-1", detail: { import: "questions.csv", imported: "1", skipped: "2", faqs: "1" } });
  });

  it("imports a file whose rows are all right without being asked", async () => {
    const file = csvFile("intent,question\ncard.lost,社保卡落在公交车上了\ncard.lost,lost my card on the bus\n");
    expect(await post("/api/v1/knowledge/drafts/d-1/import", { file })).toEqual({ status: 200, body: { imported: 2, skipped: 0 } });
    expect(applied[0]?.changes).toEqual([{ faqId: "faq-card-lost", questions: { zh: ["社保卡落在公交车上了"], en: ["lost my card on the bus"] } }]);
  });

  it("refuses when no row is valid even if asked for the valid ones, an unknown draft, and a draft that takes no changes", async () => {
    const before = (await importRecords()).length;
    const wrong = csvFile("intent,question\ncard.lots,社保卡落在公交车上了\n");
    expect(await post("/api/v1/knowledge/drafts/d-1/import", { file: wrong, validRowsOnly: true })).toMatchObject({ status: 409, body: { error: "KNOWLEDGE_IMPORT_ROW_ERRORS", valid: 0 } });
    const fine = csvFile("intent,question\ncard.lost,社保卡落在公交车上了\n");
    expect(await post("/api/v1/knowledge/drafts/d-9/import", { file: fine })).toMatchObject({ status: 404, body: { error: "KNOWLEDGE_NOT_FOUND" } });
    expect(await post("/api/v1/knowledge/drafts/d-2/import", { file: fine })).toMatchObject({ status: 409, body: { error: "KNOWLEDGE_CONFLICT" } });
    expect(await post("/api/v1/knowledge/drafts/d-1/import", { file: fine, validRowsOnly: "yes" })).toMatchObject({ status: 400, body: { error: "KNOWLEDGE_BAD_INPUT" } });
    expect(await post("/api/v1/knowledge/drafts/d-1/import", { file: fine }, "agent")).toMatchObject({ status: 403 });
    expect(applied).toEqual([]);
    expect((await importRecords()).length).toBe(before);
  });
});
