import { afterAll, beforeAll, expect, it } from "vitest";
import { AgentClient, createAgent } from "../testing/agent-client.js";
import { ChatClient } from "../testing/chat-client.js";
import { handedOver } from "../testing/handed-over.js";
import { describeWithRedisServer, PrivateRedis } from "../testing/private-redis.js";
import { startTwoInstances, type TestServer } from "../testing/server.js";

/**
 * Two instances in Redis mode lose their Redis mid-chat (killed, then started again on its files,
 * as a crash and a restart by its supervisor): the chat goes on by itself, nothing acknowledged is
 * lost. The seconds it takes are printed.
 */
describeWithRedisServer("Redis killed and restarted under two instances", () => {
  let redis: PrivateRedis;
  let a: TestServer;
  let b: TestServer;
  let instances: Awaited<ReturnType<typeof startTwoInstances>> | undefined;
  const clients: { close(): void }[] = [];

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    const env = { REDIS_URL: redis.url, REDIS_PREFIX: "restart", DEMO_STAFF: "false", DEMO_STATUS_STEP_MS: "0", ...(process.env.DEBUG_RESTART ? { LOG_LEVEL: "warn" } : {}) };
    instances = await startTwoInstances(env);
    ({ a, b } = instances);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await instances?.stop();
    await redis?.stop();
  });

  it("keeps a chat between a citizen on one and an agent on the other going, losing nothing acknowledged", async () => {
    const account = await createAgent(a.app, "restart.agent", { displayName: "周敏" });
    const agent = await AgentClient.signInAndConnect(b.url, account);
    clients.push(agent);
    const citizen = await ChatClient.connect(a.url);
    clients.push(citizen);
    const chatId = await handedOver(citizen, agent);

    const acked: string[] = [];
    let n = 0;
    /** The agent writes; true once the desk acknowledged it (false if refused, or no answer in 3 s). */
    const say = async (text: string) => {
      const answer = await Promise.race([
        agent.call("agent:message", { chatId, clientId: `restart-agent-${++n}`, text }),
        new Promise<undefined>((r) => setTimeout(() => r(undefined), 3000)),
      ]);
      if (answer?.ok) acked.push(text);
      if (process.env.DEBUG_RESTART) console.log(Date.now() - down, text, JSON.stringify(answer), agent.socket.connected, citizen.socket.connected);
      return answer?.ok === true;
    };
    let down = Date.now();
    expect(await say("重启前的消息")).toBe(true);
    await citizen.until(() => citizen.replies.some((m) => m.text === "重启前的消息"), 8000);

    await redis.kill();
    down = Date.now();
    // While Redis is away the agent keeps writing: refused with a clear "busy" (the session cannot be
    // checked), or acknowledged and stored; never left unanswered, never disconnected.
    const during = await Promise.race([
      agent.call("agent:message", { chatId, clientId: "restart-agent-during", text: "Redis 停止时的消息" }),
      new Promise<undefined>((r) => setTimeout(() => r(undefined), 3000)),
    ]);
    expect(during).toBeDefined();
    if (during?.ok) acked.push("Redis 停止时的消息");
    else expect(during?.error.code).toBe("HANDOFF_INTERNAL");
    expect(agent.socket.connected).toBe(true);
    await new Promise((r) => setTimeout(r, 1000));
    await redis.up();
    const upAt = Date.now();

    // Recovered: a new message from the agent reaches the citizen, and one from the citizen the agent.
    let recoveredAt = 0;
    for (let i = 0; !recoveredAt; i++) {
      if (Date.now() - down > 30_000) throw new Error("no recovery within 30 s");
      const text = `恢复检查 ${i}`;
      if (await say(text).catch(() => false)) {
        try {
          await citizen.until(() => citizen.replies.some((m) => m.text === text), 2000);
          recoveredAt = Date.now();
        } catch {
          // not yet
        }
      } else await new Promise((r) => setTimeout(r, 200));
    }
    const fromCitizen = await citizen.send("恢复后市民的消息");
    expect(fromCitizen.ok).toBe(true);
    await agent.until(() => agent.received["agent:chat-message"].some((m) => m.message.text === "恢复后市民的消息"), 10_000);
    console.log(
      `Redis restart: down ${((upAt - down) / 1000).toFixed(1)} s; chat relayed again ${((recoveredAt - upAt) / 1000).toFixed(1)} s after it was back; ${acked.length} agent messages acknowledged, all found after recovery`,
    );

    // Nothing the agent was told was sent is missing from the conversation.
    const stored = (await a.app.storage.messages.listRecent(citizen.session.conversationId, 100)).map((m) => m.text);
    for (const text of acked) expect(stored).toContain(text);
    // And each reached the citizen, live or when it came back.
    await citizen.until(() => acked.every((t) => citizen.replies.some((m) => m.text === t)), 10_000);
  });
});
