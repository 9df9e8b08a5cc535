import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AgentClient, createAgent } from "../testing/agent-client.js";
import { ChatClient } from "../testing/chat-client.js";
import { startTestServer, type TestServer } from "../testing/server.js";

let server: TestServer;
const open: { close(): void }[] = [];

beforeAll(async () => {
  server = await startTestServer({ env: { OFFER_TIMEOUT_MS: "60000", DEMO_STAFF: "false" } });
});
afterAll(async () => {
  for (const c of open) c.close();
  await server.stop();
  server.cleanup();
});

describe("what a citizen is told while their chat is offered to an agent", () => {
  it("is the desk's measured answer time (half the timeout before any), and the offer keeps its real deadline", async () => {
    const account = await createAgent(server.app, "est.agent", { capacity: 5 });
    const agent = await AgentClient.signInAndConnect(server.url, account);
    open.push(agent);

    // Nothing measured yet: half the 60 s offer timeout.
    const first = await ChatClient.connect(server.url);
    open.push(first);
    await first.ask("转人工");
    await first.until(() => first.handoff.some((h) => h.state === "offered"));
    expect(first.handoff.find((h) => h.state === "offered")?.etaSec).toBe(30);
    await agent.until(() => agent.received["agent:offer"].length === 1);
    const offer = agent.received["agent:offer"][0]!;

    // The agent reloads the console: the same offer, the same deadline, not a fresh countdown.
    await new Promise((r) => setTimeout(r, 1100));
    const again = await AgentClient.signInAndConnect(server.url, account);
    open.push(again);
    const resent = again.hello.offers.find((o) => o.chatId === offer.chatId);
    expect(resent?.expiresAt).toBe(offer.expiresAt);

    // Answered in about a second: that is what the next citizen is told.
    expect((await agent.call("agent:accept", { chatId: offer.chatId })).ok).toBe(true);
    const second = await ChatClient.connect(server.url);
    open.push(second);
    await second.ask("转人工");
    await second.until(() => second.handoff.some((h) => h.state === "offered"));
    expect(second.handoff.find((h) => h.state === "offered")?.etaSec).toBe(5);
  });
});
