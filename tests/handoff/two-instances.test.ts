import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { AgentClient, createAgent } from "../testing/agent-client.js";
import { ChatClient } from "../testing/chat-client.js";
import { deleteKeys, describeRedis, redisUrl, uniquePrefix } from "../testing/redis.js";
import { startTwoInstances, type TestServer } from "../testing/server.js";

const prefix = uniquePrefix("two").replaceAll(":", "-");
const CAPACITY = 3;
const AGENTS = 4;
const CHATS = 50;

describeRedis("two server instances sharing one Redis", () => {
  let a: TestServer;
  let b: TestServer;
  let instances: Awaited<ReturnType<typeof startTwoInstances>>;
  const clients: { close(): void }[] = [];

  beforeAll(async () => {
    const env = { REDIS_URL: redisUrl, REDIS_PREFIX: prefix, DEMO_STAFF: "false", OFFER_TIMEOUT_MS: "5000", AGENT_GRACE_MS: "5000" };
    instances = await startTwoInstances(env);
    ({ a, b } = instances);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await instances.stop();
    const redis = new Redis(redisUrl);
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it("serves 50 simultaneous handoffs without ever pushing an agent over capacity", async () => {
    const servers = [a, b];
    const agents: AgentClient[] = [];
    for (let i = 0; i < AGENTS; i++) {
      const account = await createAgent(a.app, `cap.agent${i}`, { capacity: CAPACITY });
      // Agents alternate between the instances.
      const agent = await AgentClient.signInAndConnect(servers[i % 2]!.url, account);
      clients.push(agent);
      agents.push(agent);
    }
    // Each agent takes every offer, answers, and closes the chat a moment later; it counts what it holds.
    const holding = new Map<AgentClient, Set<string>>(agents.map((x) => [x, new Set()]));
    let maxHeld = 0;
    let closed = 0;
    const failures: string[] = [];
    for (const agent of agents) {
      agent.socket.on("agent:offer", (offer) => {
        void (async () => {
          const held = holding.get(agent)!;
          held.add(offer.chatId);
          maxHeld = Math.max(maxHeld, held.size);
          const ok = await agent.call("agent:accept", { chatId: offer.chatId });
          if (!ok.ok) {
            held.delete(offer.chatId);
            failures.push(ok.error.code);
            return;
          }
          await agent.call("agent:message", { chatId: offer.chatId, clientId: `m-${offer.chatId}`, text: "您好" });
          await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
          // The chat is given up when the agent closes it: the server frees the slot at once, and
          // another instance may offer the next chat before this close is acknowledged.
          const closing = agent.call("agent:close", { chatId: offer.chatId, wrapUp: "resolved" });
          held.delete(offer.chatId);
          const done = await closing;
          if (done.ok) closed++;
          else failures.push(done.error.code);
        })();
      });
    }

    // Watch the shared state while it runs: no agent ever holds more than its capacity.
    let maxLoad = 0;
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        for (const s of await a.app.desk.routingLoads()) maxLoad = Math.max(maxLoad, s);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();

    const citizens = await Promise.all(
      Array.from({ length: CHATS }, (_, i) => ChatClient.connect(servers[i % 2]!.url)),
    );
    clients.push(...citizens);
    const acks = await Promise.all(citizens.map((c) => c.send("转人工")));
    expect(acks.every((x) => x.ok)).toBe(true);

    try {
      await agents[0]!.until(() => closed === CHATS, 60_000);
    } catch (error) {
      throw new Error(`${(error as Error).message}: ${closed} closed, failures ${failures.join(",")}`);
    } finally {
      watching = false;
      await watcher;
    }
    expect(failures).toEqual([]);
    expect(maxHeld).toBeLessThanOrEqual(CAPACITY);
    expect(maxLoad).toBeLessThanOrEqual(CAPACITY);
    expect(maxLoad).toBe(CAPACITY);
    // Every citizen, on either instance, got their agent's words.
    await Promise.all(citizens.map((c) => c.until(() => c.replies.some((m) => m.role === "agent"), 10_000)));
    const rows = await Promise.all(citizens.map((c) => a.app.storage.handoffs.open(c.session.conversationId)));
    expect(rows.every((r) => r === undefined)).toBe(true);
  }, 90_000);
});
