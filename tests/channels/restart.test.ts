import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { ChatClient } from "../testing/chat-client.js";
import { startTestServer, type TestServer } from "../testing/server.js";

const servers: TestServer[] = [];
afterAll(() => servers[0]?.cleanup());

describe("restart on the same data folder", () => {
  it("keeps every message and the conversation token across a stop and a start", async () => {
    const first = await startTestServer();
    servers.push(first);
    const c = await ChatClient.connect(first.url);
    const questions = ["养老保险交满多少年才能领", "异地就医怎么备案", "工伤认定要多久"];
    for (const q of questions) await c.ask(q);
    // Acknowledged just before the stop: its turn finishes before the server goes away.
    const acked = await c.send("失业金一个月多少钱");
    expect(acked.ok).toBe(true);
    await first.stop();

    // Sent while the server is down: never acknowledged, so the client sends it again later.
    const lateId = randomUUID();
    const unacked = await Promise.race([c.send("社保卡怎么激活", { clientId: lateId }), new Promise((r) => setTimeout(() => r("no ack"), 300))]);
    expect(unacked).toBe("no ack");
    c.close();

    const second = await startTestServer({ dataDir: first.dataDir });
    const again = await ChatClient.connect(second.url, { token: c.session.token });
    const history = again.session.messages;
    expect(again.session.resumed).toBe(true);
    expect(history.filter((m) => m.role === "citizen").map((m) => m.text)).toEqual([...questions, "失业金一个月多少钱"]);
    expect(history.filter((m) => m.role === "bot").length).toBe(4);
    expect(history.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);

    // The resend (same clientId, as the widget's outbox does) is stored once and answered.
    const reply = await again.ask("社保卡怎么激活", { clientId: lateId });
    expect(reply.faqId).toBe("faq-card-activate");
    await again.send("社保卡怎么激活", { clientId: lateId });
    const rows = await second.app.storage.messages.listRecent(again.session.conversationId, 100);
    expect(rows.filter((m) => m.clientId === lateId).length).toBe(1);
    again.close();
    await second.stop();
  });
});
