import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatClient } from "../../bench/lib/chat-client.js";
import type { KnowledgeDocuments } from "../../src/knowledge/documents.js";
import { startTestServer, type TestServer } from "../testing/server.js";

const QUESTION = "社保卡丢了怎么挂失";
const MARK = "【2026年12月起】";
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    // Six citizens asking as fast as answers come: the flood guards are not what is tested here.
    env: { KNOWLEDGE_POLL_MS: "100", CHAT_RATE_LIMIT: "1000", CHAT_RATE_WINDOW_MS: "1000", LIMIT_CONVERSATION_MESSAGES: "1000000/1s" },
  });
});
afterAll(async () => {
  await server.stop();
  server.cleanup();
});

const readyz = async () => (await (await fetch(`${server.url}/readyz`)).json()) as { version: number; model: string };
async function until(check: () => Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
/** The served version's documents with one FAQ's file changed. */
async function withChange(name: string, change: (text: string) => string): Promise<KnowledgeDocuments> {
  const latest = await server.app.storage.knowledgeVersions.latest();
  const docs = new Map(latest?.documents);
  docs.set(name, change(docs.get(name) as string));
  return docs;
}

describe("publishing while citizens chat", () => {
  it("swaps every conversation to the new version at once, without a restart and without a failed message", async () => {
    const before = await readyz();
    expect(before.version).toBe(1);
    const clients = await Promise.all(Array.from({ length: 6 }, () => ChatClient.connect(server.url)));
    const answers: string[] = [];
    let publishedAt = 0;
    let stop = false;
    const chatting = clients.map(async (client) => {
      while (!stop) {
        answers.push((await client.ask(QUESTION)).text);
        await new Promise((r) => setTimeout(r, 10));
      }
    });
    await new Promise((r) => setTimeout(r, 500));
    // An answer corrected: the questions are the same, so the model is too and nothing retrains.
    const documents = await withChange("card/card-lost.yaml", (t) => t.replace("  zh: |\n    发现社保卡丢失", `  zh: |\n    ${MARK}发现社保卡丢失`));
    publishedAt = performance.now();
    await server.app.storage.knowledgeVersions.publish({ documents, author: "li.editor", note: "挂失说明更新", publishedAt: new Date().toISOString(), origin: "editor" });
    await until(async () => (await readyz()).version === 2, 10_000);
    const servedMs = performance.now() - publishedAt;
    const swappedAt = answers.length;
    await new Promise((r) => setTimeout(r, 500));
    stop = true;
    await Promise.all(chatting);

    expect(clients.flatMap((c) => c.errors)).toEqual([]);
    const old = answers.filter((a) => !a.includes(MARK));
    const fresh = answers.filter((a) => a.startsWith(MARK));
    expect(old.length + fresh.length).toBe(answers.length);
    expect(old.length).toBeGreaterThan(0);
    expect(fresh.length).toBeGreaterThan(0);
    // Once the swap is seen, no conversation gets the old answer again (one turn may have started before it).
    expect(answers.slice(swappedAt + clients.length).every((a) => a.startsWith(MARK))).toBe(true);
    expect((await readyz()).model).toBe(before.model);
    expect(servedMs).toBeLessThan(10_000);
    for (const c of clients) c.close();
  }, 60_000);

  it("keeps serving what it has when a published version cannot be served", async () => {
    const serving = (await readyz()).version;
    const documents = await withChange("card/card-lost.yaml", (t) => t.replace(/^domain: card$/m, "domain: card\nflow: card.nonexistent"));
    const bad = await server.app.storage.knowledgeVersions.publish({ documents, author: "li.editor", note: "坏的", publishedAt: new Date().toISOString(), origin: "editor" });
    await new Promise((r) => setTimeout(r, 600));
    expect((await readyz()).version).toBe(serving);
    const client = await ChatClient.connect(server.url);
    expect((await client.ask(QUESTION)).text).toContain(MARK);
    client.close();
    expect(bad.version).toBe(serving + 1);
  }, 30_000);
});
