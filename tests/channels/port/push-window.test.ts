import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RenderedPart } from "../../../src/channels/port/render-reply.js";
import { PushChannel } from "../../../src/channels/port/push-channel.js";
import { wechatCapabilities } from "../../../src/channels/wechat/wechat-capabilities.js";
import { Jobs } from "../../../src/jobs/jobs.js";
import { LocalDelayedJobs } from "../../../src/jobs/local-delayed-jobs.js";
import { FieldCipher } from "../../../src/security/field-cipher.js";
import type { Storage } from "../../../src/storage/ports.js";
import { createSqliteStorage } from "../../../src/storage/sqlite/sqlite-storage.js";

const NOW = new Date("2026-12-08T04:00:00Z");
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();

/** WeChat lets the desk write to a follower for 48 hours after they last wrote: later sends are not tried. */
describe("a push channel's window (WeChat's 48 hours), on a real SQLite store", () => {
  let dir: string;
  let storage: Storage;
  const cipher = new FieldCipher(randomBytes(32));
  const sent: string[] = [];
  const problems: string[] = [];
  let channel: PushChannel;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "push-window-"));
    storage = createSqliteStorage(join(dir, "desk.sqlite"));
    channel = new PushChannel({
      channel: "wechat",
      capabilities: wechatCapabilities,
      jobKind: "wechat-send",
      // The channel's API at its boundary: what would have been sent to whom.
      sender: { send: async (to: string, part: RenderedPart) => void sent.push(`${to}:${part.text}`), retryable: () => false },
      receive: async () => {},
      jobs: new Jobs(new LocalDelayedJobs({ onError: () => {}, store: storage.delayedJobs })),
      conversations: storage.conversations,
      messages: storage.messages,
      transcript: { citizenView: (m) => ({ id: m.id, seq: m.seq, role: m.role, text: m.text, createdAt: m.createdAt }) },
      cipher,
      clock: () => NOW,
      onError: (_error, what) => problems.push(what),
    });
  });
  afterAll(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A follower who last wrote `hours` ago, and an agent's message to them now. */
  async function followerWhoWrote(openId: string, hours: number): Promise<{ conversationId: string; messageId: string }> {
    const { conversation } = await storage.conversations.findOrCreateByKey({ id: `c-${openId}`, channel: "wechat", key: `k-${openId}`, locale: "zh", createdAt: hoursAgo(hours), updatedAt: hoursAgo(hours) });
    await channel.remember(conversation.id, openId);
    const common = { conversationId: conversation.id, textSealed: null, meta: {} };
    await storage.messages.append({ ...common, id: `q-${openId}`, role: "citizen", text: "养老金什么时候到账", clientId: `wechat:${openId}`, createdAt: hoursAgo(hours) });
    const reply = await storage.messages.append({ ...common, id: `a-${openId}`, role: "agent", text: "已为您查询，本月15日发放。", clientId: null, createdAt: NOW.toISOString() });
    return { conversationId: conversation.id, messageId: reply.id };
  }

  it("sends within the window, and past it sends nothing and says why, once", async () => {
    const run = channel.job()!.run;
    const recent = await followerWhoWrote("oRecent", 47);
    await run(recent.messageId, { conversationId: recent.conversationId, attempt: "1", sent: "0" });
    expect(sent).toEqual(["oRecent:已为您查询，本月15日发放。"]);
    expect(problems).toEqual([]);

    const late = await followerWhoWrote("oLate", 49);
    await run(late.messageId, { conversationId: late.conversationId, attempt: "1", sent: "0" });
    expect(sent).toHaveLength(1);
    expect(problems).toEqual(["a wechat message not sent: outside the channel's window"]);
  });
});
