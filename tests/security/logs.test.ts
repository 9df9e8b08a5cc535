import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { DEMO_CITIZENS } from "../../src/records/demo/index.js";
import { AgentClient, createAgent } from "../testing/agent-client.js";
import { ChatClient } from "../testing/chat-client.js";
import { nluPaths, projectRoot } from "../testing/nlu.js";

/** What a citizen may type into the chat: an 18-digit PRC ID (check digit X), a mobile number, a bank card (Luhn-valid). */
const TYPED = { idNumber: "11010519491231002X", phone: "13800138000", card: "6222021234567890128" };

describe("logs", () => {
  it("never contain personal data or link capabilities, at the most verbose level; each request's lines carry its id", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "logs-"));
    const stream = new PassThrough();
    let logged = "";
    stream.on("data", (chunk) => {
      logged += chunk.toString();
    });
    const config = loadConfig(
      { DATA_DIR: dataDir, MODELS_DIR: nluPaths.modelsDir, PORT: "0", LOG_LEVEL: "trace", DEMO_STATUS_STEP_MS: "0", CHAT_RATE_LIMIT: "1000" },
      projectRoot,
    );
    const app = await createApp(config, () => {}, { logStream: stream });
    const url = await app.start();
    const zhao = DEMO_CITIZENS.cardHolder;
    try {
      const c = await ChatClient.connect(url);
      await c.ask("我要开参保证明");
      await c.ask(`参保证明，我叫${zhao.name}，身份证${zhao.idNumber}，手机13912345678`);
      const issued = await c.ask("确认提交");
      const link = issued.links?.[0]?.url as string;
      await fetch(link);
      await fetch(`${url}/verify?code=ZZZZ-ZZZZ-ZZZZ-ZZZZ`);
      await fetch(`${url}/api/v1/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: `身份证${zhao.idNumber}` }) });
      c.close();

      // The three typed to the bot, refused as too long, then to an agent after a handoff, and
      // repeated by the agent: through every path a message takes (the socket, the turn, the desk).
      const typed = `我的身份证号是${TYPED.idNumber}，电话${TYPED.phone}，银行卡号${TYPED.card}`;
      const citizen = await ChatClient.connect(url);
      await citizen.ask(typed);
      expect((await citizen.send(`${typed}${"。".repeat(config.chat.maxText)}`)).ok).toBe(false);
      const agent = await AgentClient.signInAndConnect(url, await createAgent(app, "logs.agent"));
      await citizen.ask("我要转人工");
      await agent.until(() => agent.received["agent:offer"].length > 0);
      const chatId = agent.received["agent:offer"][0]?.chatId as string;
      expect((await agent.call("agent:accept", { chatId })).ok).toBe(true);
      expect((await citizen.send(typed)).ok).toBe(true);
      await agent.until(() => agent.received["agent:chat-message"].length > 0);
      await agent.call("agent:message", { chatId, clientId: "logs-agent-0001", text: `您的卡号是${TYPED.card}吗？手机${TYPED.phone}` });
      await citizen.until(() => citizen.replies.some((m) => m.role === "agent"));
      await agent.call("agent:close", { chatId, wrapUp: "resolved", note: `已核对身份证${TYPED.idNumber}` });
      citizen.close();
      agent.close();
      await app.close();
      expect(logged.length).toBeGreaterThan(0);
      expect(logged).toContain("/certificates/");
      for (const secret of [zhao.idNumber, zhao.name, "13912345678", new URL(link).searchParams.get("sig") as string, "ZZZZ-ZZZZ", ...Object.values(TYPED)]) {
        expect(logged.includes(secret), secret).toBe(false);
      }
      // Every line a request logs names it (reqId), so the lines of one request can be found together.
      const lines = logged
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as { req?: unknown; res?: unknown; reqId?: string });
      const requestLines = lines.filter((l) => l.req !== undefined || l.res !== undefined);
      expect(requestLines.length).toBeGreaterThan(5);
      expect(requestLines.filter((l) => !l.reqId)).toEqual([]);
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
