import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { OfferView } from "../../src/protocol/agent-events.js";
import { AgentClient, createAgent } from "../testing/agent-client.js";
import { ChatClient } from "../testing/chat-client.js";
import { startTestServer, type TestServer } from "../testing/server.js";
import { labelSets, parseSamples, type Sample, total } from "./prometheus-text.js";

const TOKEN = "metrics-test-token-0123456789abcdef";

/**
 * /metrics on a real desk: a citizen's chat and a handoff through real sockets move the figures,
 * each by what happened; the queue and the agents are read at scrape time; nobody's words or ids
 * become a label; and the endpoint answers only loopback, METRICS_ALLOW and the token.
 */
describe("/metrics", () => {
  let server: TestServer;
  const open: { close(): void }[] = [];

  beforeAll(async () => {
    server = await startTestServer({
      env: { DEMO_STAFF: "false", METRICS_TOKEN: TOKEN, METRICS_ALLOW: "10.1.0.0/16" },
    });
  });
  afterAll(async () => {
    for (const c of open) c.close();
    await server.stop();
    await server.cleanup();
  });

  const scrape = async (): Promise<{ text: string; samples: Sample[] }> => {
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    return { text, samples: parseSamples(text) };
  };
  const agent = async (username: string) => {
    const a = await AgentClient.signInAndConnect(server.url, await createAgent(server.app, username));
    open.push(a);
    return a;
  };
  const offerTo = async (a: AgentClient): Promise<OfferView> => {
    await a.until(() => a.received["agent:offer"].length > 0, 8000);
    return a.received["agent:offer"][0] as OfferView;
  };

  it("counts a chat and a handoff by what happened, reads the queue and agents at scrape, labels nothing personal", async () => {
    const before = (await scrape()).samples;
    const c = await ChatClient.connect(server.url);
    open.push(c);
    const ann = await agent("ann.metrics");

    // Two turns the bot answers, and one refused before it reaches the desk (not a message received).
    await c.ask("社保卡丢了怎么办");
    const empty = await c.send("   ");
    expect(empty.ok).toBe(false);
    await c.ask("我要转人工，太慢了");

    // Ann declines: the chat waits in line, as the scrape reads it from the routing state.
    const first = await offerTo(ann);
    expect((await ann.call("agent:decline", { chatId: first.chatId })).ok).toBe(true);
    await server.app.desk.settled();
    const waiting = (await scrape()).samples;
    expect(total(waiting, "desk_queue_length")).toBe(1);
    expect(total(waiting, "desk_handoff_chats", { status: "waiting" })).toBe(1);
    expect(total(waiting, "desk_agents", { status: "online" })).toBe(1);

    // Bo takes it, and the two talk.
    const bo = await agent("bo.metrics");
    const offer = await offerTo(bo);
    expect(offer.chatId).toBe(first.chatId);
    expect((await bo.call("agent:accept", { chatId: offer.chatId })).ok).toBe(true);
    expect(
      (
        await bo.call("agent:message", {
          chatId: offer.chatId,
          clientId: "metrics-agent-0001",
          text: "您好，我来帮您",
        })
      ).ok,
    ).toBe(true);
    expect((await c.send("好的，谢谢")).ok).toBe(true);
    await bo.until(() => bo.received["agent:chat-message"].length > 0);
    // Refusals on the console and over HTTP are counted by their code too.
    expect((await ann.call("agent:accept", { chatId: offer.chatId })).ok).toBe(false);
    await fetch(`${server.url}/api/v1/ask`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });

    await vi.waitFor(
      async () => {
        const after = (await scrape()).samples;
        const moved = (name: string, labels: Record<string, string> = {}) =>
          total(after, name, labels) - total(before, name, labels);
        expect(moved("desk_messages_received_total", { channel: "web", role: "citizen" })).toBe(3);
        expect(moved("desk_messages_received_total", { channel: "console", role: "agent" })).toBe(1);
        expect(moved("desk_bot_replies_total")).toBe(2);
        expect(moved("desk_bot_replies_total", { decision: "handoff" })).toBe(1);
        expect(moved("desk_turn_seconds_count", { channel: "web", outcome: "answered" })).toBe(2);
        expect(moved("desk_turn_seconds_count", { channel: "web", outcome: "to_desk" })).toBe(1);
        expect(moved("desk_nlu_understanding_seconds_count")).toBeGreaterThanOrEqual(2);
        expect(moved("desk_offers_total", { outcome: "made" })).toBe(2);
        expect(moved("desk_offers_total", { outcome: "declined" })).toBe(1);
        expect(moved("desk_offers_total", { outcome: "accepted" })).toBe(1);
        expect(moved("desk_queue_wait_seconds_count")).toBe(1);
        expect(moved("desk_errors_total", { surface: "chat", code: "CHAT_TEXT_EMPTY" })).toBe(1);
        expect(moved("desk_errors_total", { surface: "agent" })).toBe(1);
        expect(moved("desk_errors_total", { surface: "http", code: "BAD_REQUEST" })).toBe(1);
        expect(total(after, "desk_queue_length")).toBe(0);
        expect(total(after, "desk_handoff_chats", { status: "active" })).toBe(1);
        expect(total(after, "desk_agents", { status: "online" })).toBe(2);
        expect(total(after, "desk_socket_connections", { namespace: "/" })).toBe(1);
        expect(total(after, "desk_socket_connections", { namespace: "/agent" })).toBe(2);
      },
      { timeout: 5000, interval: 50 },
    );

    const { text, samples } = await scrape();
    // The labels each figure is reported with, and the process's own figures beside them.
    expect(
      new Set(labelSets(samples, "desk_messages_received_total").map((l) => Object.keys(l).sort().join())),
    ).toEqual(new Set(["channel,role"]));
    expect(
      labelSets(samples, "desk_turn_seconds_bucket").every(
        (l) => l.channel === "web" && l.le !== undefined && l.outcome !== undefined,
      ),
    ).toBe(true);
    expect(
      labelSets(samples, "desk_agents")
        .map((l) => l.status)
        .sort(),
    ).toEqual(["away", "offline", "online"]);
    expect(
      labelSets(samples, "desk_handoff_chats")
        .map((l) => l.status)
        .sort(),
    ).toEqual(["active", "offered", "waiting"]);
    for (const name of [
      "nodejs_eventloop_lag_seconds",
      "nodejs_eventloop_lag_p99_seconds",
      "process_cpu_user_seconds_total",
      "nodejs_heap_size_used_bytes",
    ]) {
      expect(
        samples.some((s) => s.name === name),
        name,
      ).toBe(true);
    }
    // Nothing that names a conversation, a chat, a person or their words.
    for (const secret of [
      c.session.conversationId,
      offer.chatId,
      ann.hello.agent.id,
      "社保卡",
      "ann.metrics",
      "您好",
    ]) {
      expect(text.includes(secret), secret).toBe(false);
    }
  });

  it("answers loopback, an allowed address and the token; anyone else gets the 404 of a path that does not exist", async () => {
    const http = server.app.http;
    const get = (remoteAddress: string, headers: Record<string, string> = {}) =>
      http.inject({ url: "/metrics", remoteAddress, headers });
    const missing = await http.inject({ url: "/no-such-page", remoteAddress: "203.0.113.7" });

    const outsider = await get("203.0.113.7");
    expect(outsider.statusCode).toBe(404);
    expect(outsider.body).toBe(missing.body.replace("/no-such-page", "/metrics"));
    expect(outsider.body).not.toContain("desk_");
    expect(
      (await get("203.0.113.7", { authorization: "Bearer not-the-token-at-all-0000000" })).statusCode,
    ).toBe(404);
    expect((await get("10.2.0.1")).statusCode).toBe(404);
    // Through a proxy the desk does not trust (no TRUSTED_PROXY), loopback is not enough: its client is unknown.
    expect((await get("127.0.0.1", { "x-forwarded-for": "203.0.113.7" })).statusCode).toBe(404);

    expect((await get("127.0.0.1")).statusCode).toBe(200);
    expect((await get("::1")).statusCode).toBe(200);
    expect((await get("10.1.200.3")).statusCode).toBe(200);
    const withToken = await get("203.0.113.7", { authorization: `Bearer ${TOKEN}` });
    expect(withToken.statusCode).toBe(200);
    expect(withToken.body).toContain("desk_messages_received_total");
  });

  it("does not count the warm-up rehearsal's turns: they are nobody's", async () => {
    const warmed = await startTestServer({ env: { WARM_UP_TURNS: "5" } });
    try {
      const samples = parseSamples((await warmed.app.http.inject({ url: "/metrics" })).body);
      expect(total(samples, "desk_messages_received_total")).toBe(0);
      expect(total(samples, "desk_bot_replies_total")).toBe(0);
      expect(total(samples, "desk_nlu_understanding_seconds_count")).toBe(0);
    } finally {
      await warmed.stop();
      await warmed.cleanup();
    }
  });
});
