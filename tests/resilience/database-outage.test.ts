import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatClient } from "../testing/chat-client.js";
import { mongoUri } from "../testing/mongo-uri.js";
import { PrivateFerretDb } from "../testing/private-ferretdb.js";
import { startTestServer, type TestServer } from "../testing/server.js";

/**
 * The desk on MongoDB loses its database for 10 s (frozen: it stops answering, as a partitioned or
 * stalled primary does) while citizens write. They get a clear answer (their message acknowledged
 * late, or refused with a code they can act on), nothing is half-written, and the desk serves
 * again by itself once the database answers. The figures are printed.
 */
describe.runIf(mongoUri !== undefined)("the database unreachable for 10 s", () => {
  let db: PrivateFerretDb;
  let desk: TestServer;
  const clients: { close(): void }[] = [];

  beforeAll(async () => {
    db = await PrivateFerretDb.start();
    desk = await startTestServer({ env: { MONGODB_URI: `${db.uri}outage`, DEMO_STAFF: "false", DEMO_STATUS_STEP_MS: "0" } });
  }, 120_000);
  afterAll(async () => {
    for (const c of clients) c.close();
    db?.thaw();
    await desk?.stop();
    db?.stop();
  });

  it("answers clearly during the outage, loses nothing acknowledged, writes nothing by halves, and recovers by itself", async () => {
    const citizen = await ChatClient.connect(desk.url);
    clients.push(citizen);
    expect((await citizen.ask("社保卡丢了怎么办")).text).toContain("挂失");

    db.freeze();
    const frozenAt = Date.now();
    const during: { text: string; outcome: string; ms: number; id?: string }[] = [];
    // A message every half second, each waiting for its own answer, as several tabs or citizens would.
    const sends: Promise<void>[] = [];
    const writing = (async () => {
      for (let i = 0; Date.now() - frozenAt < 9_500; i++) {
        const text = `停库期间的消息 ${i}`;
        const started = Date.now();
        sends.push(
          citizen.send(text).then((ack) => void during.push({ text, outcome: ack.ok ? "ok" : ack.error.code, ms: Date.now() - started, ...(ack.ok ? { id: ack.message.id } : {}) })),
        );
        await new Promise((r) => setTimeout(r, 500));
      }
    })();
    // The load balancer and the operator are told: /readyz says which dependency is down.
    await new Promise((r) => setTimeout(r, 1_000));
    const readiness = await fetch(`${desk.url}/readyz`);
    expect(readiness.status).toBe(503);
    expect(((await readiness.json()) as { down?: string[] }).down).toContain("database");
    await new Promise((r) => setTimeout(r, Math.max(0, 10_000 - (Date.now() - frozenAt))));
    db.thaw();
    const thawedAt = Date.now();
    await writing;
    await Promise.all(sends);

    // Served again without a restart: ready, and the next question is answered.
    const readyAgain = Date.now();
    while ((await fetch(`${desk.url}/readyz`)).status !== 200) {
      if (Date.now() - readyAgain > 30_000) throw new Error("not ready again within 30 s");
      await new Promise((r) => setTimeout(r, 200));
    }
    let recovered = 0;
    while (!recovered) {
      if (Date.now() - thawedAt > 30_000) throw new Error("no recovery within 30 s");
      const ack = await citizen.send("养老金怎么领取");
      if (ack.ok) recovered = Date.now();
      else await new Promise((r) => setTimeout(r, 200));
    }
    await citizen.until(() => citizen.replies.some((m) => m.replyTo !== undefined && m.text.includes("养老")), 10_000);

    // Every message acknowledged is answered once the turns held up by the outage have run.
    const ids = during.flatMap((d) => (d.id ? [d.id] : []));
    await citizen.until(() => ids.every((id) => citizen.replies.some((m) => m.replyTo === id)), 20_000);
    // Every message acknowledged is stored once, and answered (none stored without its turn finished).
    const stored = await desk.app.storage.messages.listRecent(citizen.session.conversationId, 200);
    const acked = during.filter((d) => d.outcome === "ok").map((d) => d.text);
    for (const text of acked) {
      const copies = stored.filter((m) => m.text === text);
      expect(copies, text).toHaveLength(1);
      expect(stored.some((m) => m.role === "bot" && m.meta.replyTo === copies[0]?.id), `${text} answered`).toBe(true);
    }
    // What was refused was refused with a code, and is not stored.
    for (const refused of during.filter((d) => d.outcome !== "ok")) {
      expect(refused.outcome).toMatch(/^CHAT_/);
      expect(stored.some((m) => m.text === refused.text)).toBe(false);
    }
    const slowest = Math.max(...during.map((d) => d.ms));
    console.log(
      `database frozen 10 s: ${during.length} messages sent meanwhile, ${acked.length} acknowledged (slowest answer ${(slowest / 1000).toFixed(1)} s), ${during.length - acked.length} refused (${[...new Set(during.filter((d) => d.outcome !== "ok").map((d) => d.outcome))].join(", ") || "none"}); served again ${((recovered - thawedAt) / 1000).toFixed(1)} s after it answered; ${acked.length}/${acked.length} acknowledged found, each once and answered`,
    );
  });
});
