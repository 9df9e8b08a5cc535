import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_CITIZENS } from "../../src/records/demo/index.js";
import { AgentClient, createAgent } from "../testing/agent-client.js";
import { ChatClient } from "../testing/chat-client.js";
import { handedOver } from "../testing/handed-over.js";
import { deleteKeys, describeRedis, redisUrl, uniquePrefix } from "../testing/redis.js";
import { startTwoInstances, type TestServer } from "../testing/server.js";

const prefix = uniquePrefix("two-cit").replaceAll(":", "-");

/**
 * Redis mode's shared pieces seen from the people using them: a citizen connected to one instance,
 * their agent to the other, and a back-office status change raised on either.
 */
describeRedis("a citizen on one instance, their agent on the other", () => {
  let a: TestServer;
  let b: TestServer;
  let instances: Awaited<ReturnType<typeof startTwoInstances>>;
  const clients: { close(): void }[] = [];

  beforeAll(async () => {
    const env = { REDIS_URL: redisUrl, REDIS_PREFIX: prefix, DEMO_STAFF: "false", DEMO_STATUS_STEP_MS: "0" };
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

  it("relays a handoff both ways across instances, and tells the citizen once of a status change raised on either", async () => {
    const account = await createAgent(a.app, "two.agent", { displayName: "赵强" });
    const agent = await AgentClient.signInAndConnect(b.url, account);
    clients.push(agent);
    const citizen = await ChatClient.connect(a.url);
    clients.push(citizen);

    // The request made on A is offered to the agent on B; accepting it tells the citizen on A.
    const chatId = await handedOver(citizen, agent);
    await citizen.until(() => citizen.handoff.some((h) => h.state === "connected" && h.agentName === "赵强"), 8000);

    // Words both ways, each side on its own instance.
    const sent = await agent.call("agent:message", { chatId, clientId: "two-instances-1", text: "您好，我是赵强" });
    if (!sent.ok) throw new Error(JSON.stringify(sent.error));
    await citizen.until(() => citizen.replies.some((m) => m.role === "agent" && m.text === "您好，我是赵强"), 8000);
    const ack = await citizen.send("我的失业金申请怎么样了");
    expect(ack.ok).toBe(true);
    await agent.until(() => agent.received["agent:chat-message"].some((m) => m.message.text === "我的失业金申请怎么样了"), 8000);

    // The citizen's application moves on in the back office, through B and then through A: each
    // change reaches the citizen on A, once.
    const person = DEMO_CITIZENS.unemployedEligible;
    const app = await b.app.records.submitApplication({
      kind: "unemployment.apply",
      idNumber: person.idNumber,
      values: { name: person.name, idNumber: person.idNumber, mobile: person.mobile, bankCard: "6222020200112233445" },
      status: "submitted",
      note: { zh: "已提交", en: "Submitted" },
      at: new Date(),
    });
    await a.app.storage.applicationLinks.link(app.number, citizen.session.conversationId, new Date().toISOString());
    await b.app.records.updateStatus(app.number, "accepted", { zh: "已受理", en: "Accepted" }, new Date());
    await a.app.records.updateStatus(app.number, "under_review", { zh: "审核中", en: "Under review" }, new Date());
    const notices = () => citizen.replies.filter((m) => m.text.includes(app.number));
    await citizen.until(() => notices().length >= 2, 8000);
    await new Promise((r) => setTimeout(r, 500));
    expect(notices()).toHaveLength(2);
    // The agent (on B) sees them too, as they come: they are part of the conversation.
    await agent.until(() => agent.received["agent:chat-message"].filter((m) => m.message.text.includes(app.number)).length === 2, 8000);
  });
});
