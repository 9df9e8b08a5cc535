import { afterEach, describe, expect, it } from "vitest";
import { type DeskBench, deskBench, plainRequest } from "./harness.js";

let bench: DeskBench;
afterEach(async () => bench.dispose());

describe("LiveChat: a chat in an agent's hands", () => {
  it("accepting tells the citizen who joined, in the transcript and the status, and records how long the answer took", async () => {
    bench = await deskBench();
    const { agent, conversation, chatId } = await bench.offeredChat();
    bench.clock.advance(8_000);
    const context = await bench.desk.chats.accept(agent, chatId);
    expect(context).toMatchObject({ chatId, conversationId: conversation, language: "zh", reason: "explicit" });
    expect(bench.messagesTo(conversation).at(-1)).toMatchObject({ role: "system", text: expect.stringContaining("li") });
    expect(bench.handoffStatuses(conversation).at(-1)).toEqual({ handoffId: chatId, state: "connected", agentName: "li" });

    // The next citizen offered to a busy desk is told the answer time measured here (8 s, rounded to 5).
    const other = await bench.newConversation();
    await bench.desk.requests.request(other, plainRequest);
    await bench.until(() => bench.handoffStatuses(other).some((s) => s.state === "offered"));
    expect(bench.handoffStatuses(other).find((s) => s.state === "offered")?.etaSec).toBe(10);
  });

  it("stores an agent's reply masked with the original sealed, delivers it once, and answers a resend with the first copy", async () => {
    bench = await deskBench();
    const { agent, conversation, chatId } = await bench.offeredChat();
    await bench.desk.chats.accept(agent, chatId);
    const before = bench.messagesTo(conversation).length;

    const first = await bench.desk.chats.message(agent, chatId, "c-1", "请拨打 13812345678 联系我们");
    const again = await bench.desk.chats.message(agent, chatId, "c-1", "请拨打 13812345678 联系我们");
    expect(again).toEqual(first);
    expect(first.text).not.toContain("13812345678");
    expect(bench.messagesTo(conversation).length).toBe(before + 1);
    const stored = await bench.storage.messages.get(first.id);
    expect(stored?.textSealed && bench.cipher.decrypt(stored.textSealed)).toBe("请拨打 13812345678 联系我们");
    expect(stored?.meta).toMatchObject({ handoffId: chatId, agentId: agent.id, agentName: "li" });
  });

  it("refuses every step on a chat the agent does not hold", async () => {
    bench = await deskBench();
    const { agent, chatId } = await bench.offeredChat();
    const stranger = await bench.newAgent("stranger");
    await bench.desk.presence.agentConnected(stranger, "online");
    // Offered, not yet accepted: not theirs to write in.
    await expect(bench.desk.chats.message(agent, chatId, "c-1", "hi")).rejects.toMatchObject({ code: "HANDOFF_NOT_ASSIGNED" });
    await bench.desk.chats.accept(agent, chatId);
    await expect(bench.desk.chats.accept(stranger, chatId)).rejects.toMatchObject({ code: "HANDOFF_OFFER_GONE" });
    await expect(bench.desk.chats.message(stranger, chatId, "c-2", "hi")).rejects.toMatchObject({ code: "HANDOFF_NOT_ASSIGNED" });
    await expect(bench.desk.chats.close(stranger, chatId, "resolved", undefined)).rejects.toMatchObject({ code: "HANDOFF_NOT_ASSIGNED" });
    await expect(bench.desk.chats.context(stranger, chatId)).rejects.toMatchObject({ code: "HANDOFF_NOT_ASSIGNED" });
    await expect(bench.desk.chats.context(agent, "no-such-chat")).rejects.toMatchObject({ code: "HANDOFF_UNKNOWN_CHAT" });
  });

  it("transfers to a named colleague (offered at once, note masked) and refuses one who is full", async () => {
    bench = await deskBench();
    const { agent, conversation, chatId } = await bench.offeredChat();
    await bench.desk.chats.accept(agent, chatId);
    const full = await bench.newAgent("full", { capacity: 0 });
    await bench.desk.presence.agentConnected(full, "online");
    await expect(bench.desk.chats.transfer(agent, chatId, { toAgentId: full.id }, "")).rejects.toMatchObject({ code: "HANDOFF_AGENT_UNAVAILABLE" });

    const colleague = await bench.newAgent("chen");
    await bench.desk.presence.agentConnected(colleague, "online");
    await bench.desk.chats.transfer(agent, chatId, { toAgentId: colleague.id }, "身份证 110101199003077777 已核实");
    expect(bench.staffEvents("agent:chat-ended", agent.id).at(-1)).toEqual({ chatId, reason: "transferred" });
    const offer = bench.staffEvents("agent:offer", colleague.id).at(-1);
    expect(offer?.chatId).toBe(chatId);
    expect(offer?.transferNote).not.toContain("110101199003077777");
    expect(bench.messagesTo(conversation).at(-1)?.role).toBe("system");
  });

  it("closing asks the citizen for a rating and gives the agent the chat's summary; the handle time feeds the estimates", async () => {
    bench = await deskBench();
    const { agent, conversation, chatId } = await bench.offeredChat();
    await bench.desk.chats.accept(agent, chatId);
    bench.clock.advance(120_000);
    await bench.desk.chats.close(agent, chatId, "resolved", "办结");
    expect(bench.messagesTo(conversation).at(-1)).toMatchObject({ role: "system", survey: { handoffId: chatId } });
    expect(bench.handoffStatuses(conversation).at(-1)).toEqual({ handoffId: chatId, state: "ended" });
    const ended = bench.staffEvents("agent:chat-ended", agent.id).at(-1);
    expect(ended).toMatchObject({ chatId, reason: "closed", summary: { wrapUp: "resolved", durationSec: 120 } });
    expect(await bench.desk.chats.recentlyClosed(agent)).toEqual([ended?.summary]);
  });

  it("a reconnecting agent's snapshot keeps the offer's real deadline, not a fresh countdown", async () => {
    bench = await deskBench({ offerTimeoutMs: 60_000 });
    const { agent, chatId } = await bench.offeredChat();
    const announced = bench.staffEvents("agent:offer", agent.id)[0]!;
    bench.clock.advance(25_000);
    const snapshot = await bench.desk.chats.snapshot(agent);
    expect(snapshot.offers).toEqual([announced]);
    expect(Date.parse(announced.expiresAt) - bench.clock.now().getTime()).toBe(35_000);
    expect(snapshot.queue.map((q) => q.chatId)).toEqual([chatId]);
  });
});
