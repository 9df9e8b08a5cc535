import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MessageView } from "../../src/domain/message.js";
import { FieldCipher } from "../../src/security/field-cipher.js";
import type { Storage } from "../../src/storage/ports.js";
import { createSqliteStorage } from "../../src/storage/sqlite/sqlite-storage.js";
import { Transcript } from "../../src/transcript/transcript.js";

let dir: string;
let storage: Storage;
let delivered: { conversationId: string; message: MessageView }[];
let transcript: Transcript;
const cipher = new FieldCipher(Buffer.alloc(32, 3));

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "transcript-"));
  storage = createSqliteStorage(join(dir, "desk.sqlite"));
  const at = "2026-12-07T02:00:00.000Z";
  await storage.conversations.create({ id: "c1", channel: "web", key: "c1", locale: "zh", createdAt: at, updatedAt: at });
  delivered = [];
  transcript = new Transcript({
    messages: storage.messages,
    cipher,
    clock: () => new Date(at),
    outbox: { message: (conversationId, message) => delivered.push({ conversationId, message }), handoff() {}, typing() {} },
  });
});
afterEach(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("Transcript: the one writer of a conversation's messages", () => {
  it("masks a person's numbers, seals the original, stores, then delivers the masked view", async () => {
    const m = await transcript.write({ conversationId: "c1", role: "agent", text: "卡号 6222021234567890123 已冻结" });
    expect(m.text).not.toContain("6222021234567890123");
    expect(cipher.decrypt(m.textSealed as string)).toBe("卡号 6222021234567890123 已冻结");
    expect(await storage.messages.get(m.id)).toEqual(m);
    expect(delivered).toEqual([{ conversationId: "c1", message: expect.objectContaining({ id: m.id, text: m.text, role: "agent" }) }]);
  });

  it("keeps the bot's own words as they are and seals nothing", async () => {
    const m = await transcript.write({ conversationId: "c1", role: "bot", text: "拨打 12333 咨询", meta: { decision: "status_update" } });
    expect(m).toMatchObject({ text: "拨打 12333 咨询", textSealed: null, meta: { decision: "status_update" } });
  });

  it("does not deliver the citizen's own words (the channel acknowledges them), nor anything asked to stay quiet", async () => {
    await transcript.write({ conversationId: "c1", role: "citizen", text: "你好" });
    await transcript.write({ conversationId: "c1", role: "bot", text: "您好", push: false });
    expect(delivered).toEqual([]);
  });

  it("shows words meant for the citizen's eyes to them in full, and masked to everyone else", async () => {
    const m = await transcript.write({ conversationId: "c1", role: "bot", text: "身份证 1101**********7777", privateText: "身份证 110101199003077777" });
    expect(m.meta.citizenSeesSealed).toBe(true);
    expect(transcript.citizenView(m).text).toBe("身份证 110101199003077777");
    expect(delivered[0]?.message.text).toBe("身份证 110101199003077777");
    expect((await storage.messages.get(m.id))?.text).toBe("身份证 1101**********7777");
  });

  it("stores and delivers a message with a client id once, however often it is sent, also when the copies race", async () => {
    const entry = { conversationId: "c1", role: "agent" as const, text: "稍等", clientId: "k1" };
    const [a, b] = await Promise.all([transcript.writeOnce(entry), transcript.writeOnce(entry)]);
    const again = await transcript.writeOnce(entry);
    expect([a.fresh, b.fresh].sort()).toEqual([false, true]);
    expect(a.message.id).toBe(b.message.id);
    expect(again).toEqual({ message: a.message, fresh: false });
    expect(delivered).toHaveLength(1);
    expect(await storage.messages.listRecent("c1", 10)).toHaveLength(1);
  });
});

describe("Transcript: text integrity for every writer", () => {
  it("stores an agent's lone surrogate as U+FFFD, so what is shown is what is read back", async () => {
    const m = await transcript.write({ conversationId: "c1", role: "agent", text: "前\uD800后" });
    expect(m.text).toBe("前\uFFFD后");
    expect((await storage.messages.get(m.id))?.text).toBe("前\uFFFD后");
    expect(delivered.at(-1)?.message.text).toBe("前\uFFFD后");
  });
});
