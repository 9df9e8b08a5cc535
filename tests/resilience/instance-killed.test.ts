import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { AgentClient } from "../testing/agent-client.js";
import { ChatClient } from "../testing/chat-client.js";
import { handedOver } from "../testing/handed-over.js";
import { type DeskProcess, startDeskProcess } from "../testing/desk-process.js";
import { describeWithRedisServer, PrivateRedis } from "../testing/private-redis.js";

/**
 * Two desk processes in Redis mode on one data folder; the one a citizen is connected to is killed
 * with SIGKILL mid-conversation, while an agent on the other has their chat. The citizen reconnects
 * to the survivor with their token and carries on: their history is there, the agent still has the
 * chat, nothing acknowledged is lost. The seconds it takes are printed.
 */
describeWithRedisServer("one of two instances killed (kill -9) mid-conversation", () => {
  let redis: PrivateRedis;
  let dataDir: string;
  let doomed: DeskProcess;
  let survivor: DeskProcess;
  const clients: { close(): void }[] = [];

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    dataDir = mkdtempSync(join(tmpdir(), "desk-killed-"));
    const env = { REDIS_URL: redis.url, REDIS_PREFIX: "killed", DEMO_STATUS_STEP_MS: "0", CITIZEN_GRACE_MS: "60000" };
    // The first creates the data folder's secrets and demo agents; the second starts on them.
    doomed = await startDeskProcess(dataDir, env);
    survivor = await startDeskProcess(dataDir, env);
  }, 120_000);
  afterAll(async () => {
    for (const c of clients) c.close();
    await doomed?.kill();
    await survivor?.stop();
    await redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("lets the citizen carry on through the other instance with their history, their agent and every acknowledged message", async () => {
    const { accounts } = JSON.parse(readFileSync(join(dataDir, "demo-staff.json"), "utf8")) as { accounts: { username: string; password: string }[] };
    const agent = await AgentClient.signInAndConnect(survivor.url, accounts.find((a) => a.username === "agent1")!);
    clients.push(agent);
    const citizen = await ChatClient.connect(doomed.url);
    clients.push(citizen);
    const acked: string[] = [];
    const say = async (text: string) => {
      const ack = await citizen.send(text);
      if (ack.ok) acked.push(text);
    };
    await say("社保卡丢了怎么办");
    await citizen.until(() => citizen.replies.some((m) => m.role === "bot"), 8000);
    const chatId = await handedOver(citizen, agent);
    acked.push("我要转人工");
    await agent.call("agent:message", { chatId, clientId: "killed-agent-1", text: "您好，我是王芳" });
    await citizen.until(() => citizen.replies.some((m) => m.text === "您好，我是王芳"), 8000);
    await say("卡是昨天丢的");
    await agent.until(() => agent.received["agent:chat-message"].some((m) => m.message.text === "卡是昨天丢的"), 8000);

    const killedAt = Date.now();
    await doomed.kill();
    citizen.close();
    // The widget reconnects (to whichever instance the proxy picks: here, the survivor) with its token.
    const back = await ChatClient.connect(survivor.url, { token: citizen.session.token });
    clients.push(back);
    const reconnectedAt = Date.now();
    expect(back.session.conversationId).toBe(citizen.session.conversationId);
    expect(back.session.resumed).toBe(true);
    const history = back.session.messages.map((m) => m.text);
    for (const text of [...acked, "您好，我是王芳"]) expect(history).toContain(text);

    // The agent still has the chat: words go both ways through the survivor.
    const after = await back.send("能加急办理吗");
    expect(after.ok).toBe(true);
    await agent.until(() => agent.received["agent:chat-message"].some((m) => m.message.text === "能加急办理吗"), 8000);
    const reply = await agent.call("agent:message", { chatId, clientId: "killed-agent-2", text: "可以，我帮您登记" });
    expect(reply.ok).toBe(true);
    await back.until(() => back.replies.some((m) => m.text === "可以，我帮您登记"), 8000);
    console.log(
      `instance killed: the citizen was back in ${((reconnectedAt - killedAt) / 1000).toFixed(1)} s with ${history.length} messages of history; ${acked.length}/${acked.length} acknowledged messages found; the agent kept the chat`,
    );
  });
});
