import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgent } from "../testing/agent-client.js";
import { StaffSignIns } from "../testing/staff-sign-in.js";
import { startTestServer, type TestServer } from "../testing/server.js";

let server: TestServer;
const tokens: Record<"editor" | "supervisor" | "agent", string> = { editor: "", supervisor: "", agent: "" };

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_STAFF: "false", KNOWLEDGE_POLL_MS: "0" } });
  const signIns = new StaffSignIns(server.url);
  for (const role of ["editor", "supervisor", "agent"] as const) {
    const account = await createAgent(server.app, `kb.${role}`, { roles: [role] });
    tokens[role] = (await signIns.signIn(account.username, account.password)).body.token as string;
  }
});
afterAll(async () => {
  await server.stop();
  server.cleanup();
});

/** A route called as one of the roles; the JSON answer read loosely, as the assertions check its shape. */
async function call(role: keyof typeof tokens, method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${tokens[role]}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers, their shape checked by the assertions
  return { status: response.status, body: (response.status === 204 ? {} : await response.json()) as Record<string, any> };
}
const readyz = async () => (await (await fetch(`${server.url}/readyz`)).json()) as { version: number };

describe("the editors' knowledge routes", () => {
  it("lists the FAQs with search and filters, and shows one with its file", async () => {
    const all = await call("editor", "GET", "/api/v1/knowledge/faqs");
    expect(all.status).toBe(200);
    expect(all.body.version).toBe(1);
    expect(all.body.faqs.length).toBeGreaterThan(80);
    expect(all.body.domains).toContain("pension");
    const lost = all.body.faqs.find((f: { id: string }) => f.id === "faq-card-lost");
    expect(lost).toMatchObject({ intent: "card.lost", domain: "card", file: "card/card-lost.yaml", status: "in_effect", effective: null, expires: null });
    expect(lost.variants.zh).toBeGreaterThan(20);

    const found = await call("supervisor", "GET", `/api/v1/knowledge/faqs?q=${encodeURIComponent("挂失")}&domain=card`);
    expect(found.body.faqs.map((f: { id: string }) => f.id)).toContain("faq-card-lost");
    expect(found.body.faqs.every((f: { domain: string }) => f.domain === "card")).toBe(true);
    expect((await call("editor", "GET", "/api/v1/knowledge/faqs?q=lost%20my%20card&lang=zh")).body.faqs).toEqual([]);
    expect((await call("editor", "GET", "/api/v1/knowledge/faqs?status=expired")).body.faqs).toEqual([]);
    expect(await call("editor", "GET", "/api/v1/knowledge/faqs?status=old")).toMatchObject({ status: 400, body: { error: "KNOWLEDGE_BAD_INPUT" } });

    const one = await call("editor", "GET", "/api/v1/knowledge/faqs/faq-card-lost");
    expect(one.body).toMatchObject({ version: 1, file: "card/card-lost.yaml", status: "in_effect", faq: { id: "faq-card-lost", intent: "card.lost" } });
    expect(one.body.text).toMatch(/^id: faq-card-lost\n/);
    expect(await call("editor", "GET", "/api/v1/knowledge/faqs/faq-nothing")).toMatchObject({ status: 404, body: { error: "KNOWLEDGE_NOT_FOUND" } });
    // Agents search the FAQs in their console, but the editors' list is not theirs.
    expect(await call("agent", "GET", "/api/v1/knowledge/faqs")).toMatchObject({ status: 403, body: { error: "ACCESS_FORBIDDEN" } });
  });

  it("shows the versions and what each changed, and rolls back to any in one step, audited", async () => {
    const v1 = await server.app.storage.knowledgeVersions.get(1);
    const docs = new Map(v1?.documents);
    docs.set("card/card-lost.yaml", (docs.get("card/card-lost.yaml") as string).replace("  zh: |\n    发现社保卡丢失", "  zh: |\n    【更新】发现社保卡丢失"));
    await server.app.storage.knowledgeVersions.publish({ documents: docs, author: "kb:import", note: "挂失说明", publishedAt: new Date().toISOString(), origin: "import" });

    const list = await call("supervisor", "GET", "/api/v1/knowledge/versions");
    expect(list.body.serving).toBe(1);
    expect(list.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const changes = await call("editor", "GET", "/api/v1/knowledge/versions/2/changes");
    expect(changes.body).toMatchObject({ version: 2, previous: 1, added: [], removed: [], changed: [{ name: "card/card-lost.yaml" }] });
    expect(changes.body.changed[0].patch).toContain("-    发现社保卡丢失");
    expect(changes.body.changed[0].patch).toContain("+    【更新】发现社保卡丢失");
    expect((await call("editor", "GET", "/api/v1/knowledge/versions/1/changes")).body.added.length).toBeGreaterThan(80);
    expect(await call("editor", "GET", "/api/v1/knowledge/versions/9/changes")).toMatchObject({ status: 404 });
    expect(await call("editor", "GET", "/api/v1/knowledge/versions/x/changes")).toMatchObject({ status: 400 });

    // A supervisor reads but does not publish; an editor rolls back, and the desk serves it at once.
    expect(await call("supervisor", "POST", "/api/v1/knowledge/versions/1/rollback", {})).toMatchObject({ status: 403 });
    expect(await call("editor", "POST", "/api/v1/knowledge/versions/2/rollback", {})).toMatchObject({ status: 409, body: { error: "KNOWLEDGE_CONFLICT" } });
    const rolled = await call("editor", "POST", "/api/v1/knowledge/versions/1/rollback", { note: "更新有误" });
    expect(rolled).toMatchObject({ status: 201, body: { version: { version: 3, origin: "editor", note: "rollback to version 1: 更新有误" } } });
    const v3 = await server.app.storage.knowledgeVersions.get(3);
    expect(v3?.documents).toEqual(v1?.documents);
    const deadline = Date.now() + 10_000;
    while ((await readyz()).version !== 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect((await readyz()).version).toBe(3);
    expect(await server.app.storage.audit.list({ action: "knowledge.publish", limit: 5 })).toEqual([
      expect.objectContaining({ target: "version 3", detail: { rollbackTo: "1" } }),
    ]);
  });

  it("keeps the regression guard's questions: editors add and remove them, each change audited", async () => {
    const q = { text: "社保卡密码连着输错被锁了咋办", intent: "card.password" };
    expect(await call("editor", "POST", "/api/v1/knowledge/regression", q)).toMatchObject({ status: 201, body: { question: q } });
    expect(await call("editor", "POST", "/api/v1/knowledge/regression", q)).toMatchObject({ status: 409 });
    expect(await call("editor", "POST", "/api/v1/knowledge/regression", { text: "订机票", intent: "travel.booking" })).toMatchObject({ status: 400, body: { error: "KNOWLEDGE_BAD_INPUT" } });
    expect(await call("editor", "POST", "/api/v1/knowledge/regression", { text: "", intent: "none" })).toMatchObject({ status: 400 });
    expect(await call("supervisor", "POST", "/api/v1/knowledge/regression", { text: "x", intent: "none" })).toMatchObject({ status: 403 });
    expect((await call("supervisor", "GET", "/api/v1/knowledge/regression")).body.questions).toEqual([expect.objectContaining(q)]);
    expect(await call("editor", "DELETE", "/api/v1/knowledge/regression", { text: q.text })).toMatchObject({ status: 204 });
    expect(await call("editor", "DELETE", "/api/v1/knowledge/regression", { text: q.text })).toMatchObject({ status: 404 });
    const audited = await server.app.storage.audit.list({ action: "knowledge.guard", limit: 5 });
    expect(audited.map((r) => r.detail)).toEqual([{ added: q.text }, { removed: q.text }]);
  });
});
