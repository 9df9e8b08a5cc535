import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgent } from "../testing/agent-client.js";
import { StaffSignIns } from "../testing/staff-sign-in.js";
import { startTestServer, type TestServer } from "../testing/server.js";

let server: TestServer;
const tokens: Record<"li" | "wang" | "supervisor" | "agent", string> = { li: "", wang: "", supervisor: "", agent: "" };
const ids: Record<string, string> = {};

beforeAll(async () => {
  // Review required: a second editor approves before anything is published.
  server = await startTestServer({ env: { DEMO_STAFF: "false", KNOWLEDGE_POLL_MS: "0", KNOWLEDGE_REVIEW: "required" } });
  const signIns = new StaffSignIns(server.url);
  const roles = { li: "editor", wang: "editor", supervisor: "supervisor", agent: "agent" } as const;
  for (const [who, role] of Object.entries(roles) as [keyof typeof tokens, (typeof roles)[keyof typeof roles]][]) {
    const account = await createAgent(server.app, `drafts.${who}`, { roles: [role] });
    ids[who] = account.id;
    tokens[who] = (await signIns.signIn(account.username, account.password)).body.token as string;
  }
});
afterAll(async () => {
  await server.stop();
  server.cleanup();
});

async function call(who: keyof typeof tokens, method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${tokens[who]}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers, their shape checked by the assertions
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}
const readyz = async () => (await (await fetch(`${server.url}/readyz`)).json()) as { version: number };
async function until<T>(read: () => Promise<T>, ok: (t: T) => boolean, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`not within ${ms} ms: ${JSON.stringify(value).slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const MARK = "【2027年起】";

describe("drafts: edit, review, try, publish", () => {
  let draft = "";

  it("collects an edited answer in a draft, with its diff, and answers with it in the try box before it is published", async () => {
    const created = await call("li", "POST", "/api/v1/knowledge/drafts", { title: "挂失说明更新" });
    expect(created.status).toBe(201);
    draft = created.body.draft.id;
    expect(created.body.draft).toMatchObject({ status: "open", baseVersion: 1, changes: [], reviewRequired: true });

    const faq = (await call("li", "GET", `/api/v1/knowledge/drafts/${draft}/faqs/faq-card-lost`)).body.faq;
    const { id: _id, intent: _intent, ...fields } = faq;
    const edited = await call("li", "PUT", `/api/v1/knowledge/drafts/${draft}/faqs/faq-card-lost`, {
      faq: { ...fields, answer: { ...fields.answer, zh: `${MARK}**请先挂失**。\n${fields.answer.zh}` }, effective: "2020-01-01" },
      revision: created.body.draft.revision,
    });
    expect(edited.status).toBe(200);
    const [change] = edited.body.draft.changes;
    expect(change).toMatchObject({ file: "card/card-lost.yaml", faqId: "faq-card-lost", kind: "changed" });
    expect(change.patch).toContain(`+    ${MARK}**请先挂失**。`);
    expect(change.patch).toContain('+effective: "2020-01-01"');
    // Only what changed: the questions are untouched in the file.
    expect(change.patch).not.toMatch(/^[-+] {4}- "/m);

    // A stale revision is refused: someone else's edit would be overwritten unseen.
    const stale = await call("li", "PUT", `/api/v1/knowledge/drafts/${draft}/faqs/faq-card-lost`, { faq: fields, revision: created.body.draft.revision });
    expect(stale).toMatchObject({ status: 409, body: { error: "KNOWLEDGE_CONFLICT" } });

    // The same questions: the serving model understands, the draft's answers answer, at once.
    const tried = await call("li", "POST", `/api/v1/knowledge/drafts/${draft}/try`, { text: "社保卡丢了怎么挂失" });
    expect(tried.status).toBe(200);
    expect(tried.body).toMatchObject({ ready: true, intent: "card.lost", locale: "zh" });
    expect(tried.body.reply.text).toContain(MARK);
    // Citizens still get the published answer.
    const asked = (await (await fetch(`${server.url}/api/v1/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "社保卡丢了怎么挂失" }) })).json()) as { reply: { text: string } };
    expect(asked.reply.text).not.toContain(MARK);
  });

  it("refuses edits that would not load, naming the field, and changes nothing", async () => {
    const before = (await call("li", "GET", `/api/v1/knowledge/drafts/${draft}`)).body.draft;
    const faq = (await call("li", "GET", `/api/v1/knowledge/drafts/${draft}/faqs/faq-card-password`)).body.faq;
    const { id: _id, intent: _intent, ...fields } = faq;
    const bad = [
      { ...fields, questions: { zh: ["只有一个问题"], en: fields.questions.en } },
      { ...fields, flow: "no.such.flow" },
      { ...fields, effective: "2027-02-01", expires: "2027-01-01" },
      { ...fields, effective: "2027-02-30" },
      { ...fields, related: ["no.such.intent"] },
      { ...fields, domain: "pension" },
    ];
    for (const faqFields of bad) {
      const refused = await call("li", "PUT", `/api/v1/knowledge/drafts/${draft}/faqs/faq-card-password`, { faq: faqFields });
      expect(refused.status, JSON.stringify(faqFields).slice(0, 80)).toBe(400);
      expect(refused.body.error).toBe("KNOWLEDGE_BAD_INPUT");
    }
    const after = (await call("li", "GET", `/api/v1/knowledge/drafts/${draft}`)).body.draft;
    expect(after.revision).toBe(before.revision);
    expect(after.changes.map((c: { file: string }) => c.file)).toEqual(["card/card-lost.yaml"]);
    expect(await call("li", "PUT", `/api/v1/knowledge/drafts/not-a-uuid/faqs/faq-card-lost`, { faq: fields })).toMatchObject({ status: 400 });
  });

  it("needs a second editor's approval of the draft as it is, then publishes it and the desk answers with it", async () => {
    expect(await call("li", "POST", `/api/v1/knowledge/drafts/${draft}/publish`, { note: "挂失" })).toMatchObject({ status: 409, body: { error: "KNOWLEDGE_CONFLICT" } });
    expect((await call("li", "POST", `/api/v1/knowledge/drafts/${draft}/submit`, { text: "请王老师看一下" })).body.draft.status).toBe("in_review");
    // The editor who wrote it cannot approve it; a supervisor cannot review; an agent cannot even read it.
    expect(await call("li", "POST", `/api/v1/knowledge/drafts/${draft}/review`, { verdict: "approve" })).toMatchObject({ status: 409 });
    expect(await call("supervisor", "POST", `/api/v1/knowledge/drafts/${draft}/review`, { verdict: "approve" })).toMatchObject({ status: 403 });
    expect(await call("agent", "GET", `/api/v1/knowledge/drafts/${draft}`)).toMatchObject({ status: 403 });
    expect(await call("wang", "POST", `/api/v1/knowledge/drafts/${draft}/review`, { verdict: "request_changes" })).toMatchObject({ status: 400 });
    const asked = await call("wang", "POST", `/api/v1/knowledge/drafts/${draft}/review`, { verdict: "request_changes", text: "加上解挂的说明" });
    expect(asked.body.draft.status).toBe("open");
    expect(await call("wang", "POST", `/api/v1/knowledge/drafts/${draft}/comments`, { text: "其余没问题" })).toMatchObject({ status: 201 });

    // Approved, then changed: the approval no longer holds.
    const approved = await call("wang", "POST", `/api/v1/knowledge/drafts/${draft}/review`, { verdict: "approve", text: "可以" });
    expect(approved.body.draft).toMatchObject({ status: "approved" });
    expect(approved.body.draft.allowed).not.toContain("approve");
    const faq = (await call("li", "GET", `/api/v1/knowledge/drafts/${draft}/faqs/faq-card-lost`)).body.faq;
    const { id: _id, intent: _intent, ...fields } = faq;
    const changed = await call("li", "PUT", `/api/v1/knowledge/drafts/${draft}/faqs/faq-card-lost`, { faq: { ...fields, tags: [...fields.tags, "解除挂失"] } });
    expect(changed.body.draft.status).toBe("in_review");
    expect(await call("li", "POST", `/api/v1/knowledge/drafts/${draft}/publish`, {})).toMatchObject({ status: 409 });
    await call("wang", "POST", `/api/v1/knowledge/drafts/${draft}/review`, { verdict: "approve" });

    expect(await call("supervisor", "POST", `/api/v1/knowledge/drafts/${draft}/publish`, {})).toMatchObject({ status: 403 });
    const publishing = await call("li", "POST", `/api/v1/knowledge/drafts/${draft}/publish`, { note: "挂失说明（2027）" });
    expect(publishing.status).toBe(202);
    const done = await until(
      async () => (await call("li", "GET", `/api/v1/knowledge/drafts/${draft}`)).body.draft,
      (d) => d.status !== "publishing",
      30_000,
    );
    expect(done).toMatchObject({ status: "published", outcome: { kind: "published", version: 2 } });
    await until(readyz, (r) => r.version === 2, 10_000);
    const asked2 = (await (await fetch(`${server.url}/api/v1/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "社保卡丢了怎么挂失" }) })).json()) as { reply: { text: string } };
    expect(asked2.reply.text).toContain(MARK);
    const versions = (await call("supervisor", "GET", "/api/v1/knowledge/versions")).body.versions;
    expect(versions[0]).toMatchObject({ version: 2, author: "drafts.li", note: "挂失说明（2027）", origin: "editor" });
    // The list says which version last changed each FAQ, and filters on it and on any day's status.
    const all = (await call("supervisor", "GET", "/api/v1/knowledge/faqs")).body.faqs as { id: string; changed: { version: number; author: string } }[];
    expect(all.filter((f) => f.changed.version === 2).map((f) => f.id)).toEqual(["faq-card-lost"]);
    expect(all.find((f) => f.id === "faq-card-lost")?.changed).toMatchObject({ version: 2, author: "drafts.li" });
    expect((await call("supervisor", "GET", "/api/v1/knowledge/faqs?changedSince=2099-01-01")).body.faqs).toEqual([]);
    const onDay = (await call("supervisor", "GET", "/api/v1/knowledge/faqs?on=2019-12-31&status=not_yet")).body.faqs;
    expect(onDay.map((f: { id: string }) => f.id)).toEqual(["faq-card-lost"]);
    expect(await call("supervisor", "GET", "/api/v1/knowledge/faqs?on=tomorrow")).toMatchObject({ status: 400 });
    // A published draft is done.
    expect(await call("li", "POST", `/api/v1/knowledge/drafts/${draft}/comments`, { text: "再改" })).toMatchObject({ status: 409 });
  });

  it("creates a new intent with its FAQ, retires another (not one the dialogue relies on), and audits every step", async () => {
    const created = await call("li", "POST", "/api/v1/knowledge/drafts", { title: "补卡费用" });
    const id = created.body.draft.id;
    const fields = {
      domain: "card",
      tags: ["工本费"],
      legalBasis: [],
      related: ["card.replace"],
      questions: { zh: ["补社保卡要交钱吗", "社保卡工本费多少钱", "换卡收不收费", "补办社保卡费用是多少", "社保卡重新做一张要花钱吗"], en: ["Is there a fee to replace the card?", "how much does a new social security card cost"] },
      answer: { zh: "首次申领免费；补换卡按当地标准收取工本费，部分地区免收。", en: "The first card is free; a replacement may cost a small fee set locally." },
    };
    const added = await call("li", "POST", `/api/v1/knowledge/drafts/${id}/faqs`, { intent: { id: "card.fee", zh: "补换卡工本费", en: "card replacement fee" }, faq: fields });
    expect(added.status).toBe(201);
    expect(added.body.draft.changes.map((c: { file: string; kind: string }) => `${c.kind} ${c.file}`)).toEqual(["added card/card-fee.yaml", "changed intents.tsv"]);
    expect(await call("li", "POST", `/api/v1/knowledge/drafts/${id}/faqs`, { intent: { id: "card.fee", zh: "x", en: "x" }, faq: fields })).toMatchObject({ status: 409 });
    const inDraft = await call("li", "GET", `/api/v1/knowledge/drafts/${id}/faqs/faq-card-fee`);
    expect(inDraft.body).toMatchObject({ changed: true, faq: { intent: "card.fee", related: ["card.replace"] } });

    expect(await call("li", "POST", `/api/v1/knowledge/drafts/${id}/faqs/faq-agent-request/retire`, {})).toMatchObject({ status: 400 });
    const retired = await call("li", "POST", `/api/v1/knowledge/drafts/${id}/faqs/faq-card-electronic/retire`, {});
    expect(retired.status).toBe(200);
    const kinds = retired.body.draft.changes.map((c: { file: string; kind: string }) => `${c.kind} ${c.file}`);
    expect(kinds).toContain("removed card/card-electronic.yaml");
    // FAQs that named it as related no longer do.
    expect(kinds.filter((k: string) => k.startsWith("changed ") && k.endsWith(".yaml")).length).toBeGreaterThan(0);
    const intents = retired.body.draft.changes.find((c: { file: string }) => c.file === "intents.tsv").patch as string;
    expect(intents).toMatch(/^-card\.electronic\t/m);
    expect(intents).toMatch(/^\+card\.fee\tcard\t补换卡工本费\tcard replacement fee$/m);

    // The new questions need the draft's own model: the try box says it is training.
    const tried = await call("li", "POST", `/api/v1/knowledge/drafts/${id}/try`, { text: "补社保卡要多少钱" });
    expect([200, 202]).toContain(tried.status);
    if (tried.status === 202) expect(tried.body).toMatchObject({ ready: false, training: { startedAt: expect.any(String) } });

    // Reverting the retirement brings the file back out of the draft.
    const reverted = await call("li", "POST", `/api/v1/knowledge/drafts/${id}/faqs/faq-card-electronic/revert`, {});
    expect(reverted.body.draft.changes.map((c: { file: string }) => c.file)).not.toContain("card/card-electronic.yaml");
    expect((await call("li", "DELETE", `/api/v1/knowledge/drafts/${id}`)).body.draft.status).toBe("discarded");

    const audit = await server.app.storage.audit.list({ limit: 200 });
    const mine = audit.filter((r) => r.actor === ids.li).map((r) => `${r.action} ${r.detail.step ?? r.detail.outcome ?? ""}`.trim());
    expect(mine).toEqual(expect.arrayContaining(["knowledge.edit create", "knowledge.edit edit", "knowledge.edit submit", "knowledge.edit new intent", "knowledge.edit retire", "knowledge.edit revert", "knowledge.edit discard", "knowledge.publish"]));
    expect(audit.some((r) => r.actor === ids.wang && r.action === "knowledge.review" && r.detail.step === "approve")).toBe(true);
  });

  it("imports a spreadsheet's valid rows into a draft through the app, refusing a file with bad rows unless asked", async () => {
    const { draft } = (await call("li", "POST", "/api/v1/knowledge/drafts", { title: "导入问法" })).body;
    const csv = "intent,lang,question\ncard.lost,zh,社保卡落在共享单车篮子里了\ncard.nothing,zh,这一行的意图不存在\ncard.lost,zh,社保卡丢了\n";
    const file = { name: "问法.csv", base64: Buffer.from(csv).toString("base64") };
    const preview = await call("li", "POST", "/api/v1/knowledge/import/preview", { file, draftId: draft.id });
    expect(preview.body).toMatchObject({ valid: 1, invalid: 2 });
    expect(await call("li", "POST", `/api/v1/knowledge/drafts/${draft.id}/import`, { file })).toMatchObject({ status: 409 });
    expect((await call("li", "GET", `/api/v1/knowledge/drafts/${draft.id}`)).body.draft.changes).toEqual([]);
    expect(await call("agent", "POST", `/api/v1/knowledge/drafts/${draft.id}/import`, { file, validRowsOnly: true })).toMatchObject({ status: 403 });
    const imported = await call("li", "POST", `/api/v1/knowledge/drafts/${draft.id}/import`, { file, validRowsOnly: true });
    expect(imported.body).toMatchObject({ imported: 1, skipped: 2 });
    const after = (await call("li", "GET", `/api/v1/knowledge/drafts/${draft.id}`)).body.draft;
    expect(after.changes).toHaveLength(1);
    expect(after.changes[0].patch).toContain('+    - "社保卡落在共享单车篮子里了"');
  });
});
