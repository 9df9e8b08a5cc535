import { afterEach, describe, expect, it } from "vitest";
import { type DeskBench, deskBench, plainRequest } from "./harness.js";

let bench: DeskBench;
afterEach(async () => bench.dispose());

describe("Presence: agents and citizens coming and going", () => {
  it("an agent whose socket stays away past the grace period loses their chats to the queue, arrival kept, citizen told", async () => {
    bench = await deskBench({ agentGraceMs: 30 });
    const { agent, conversation, chatId } = await bench.offeredChat("li");
    await bench.desk.chats.accept(agent, chatId);
    const arrivedAt = (await bench.storage.handoffs.get(chatId))?.arrivedAt;

    bench.connectedAgents.delete(agent.id);
    await bench.desk.presence.agentDisconnected(agent.id);
    expect(await bench.desk.presence.presenceOf(agent.id)).toBe("away");
    await bench.until(() => bench.staffEvents("agent:chat-ended", agent.id).length === 1);
    expect(bench.staffEvents("agent:chat-ended", agent.id)).toEqual([{ chatId: chatId, reason: "requeued" }]);
    const h = await bench.storage.handoffs.get(chatId);
    expect(h).toMatchObject({ status: "queued", agentId: null, arrivedAt });
    expect(bench.messagesTo(conversation).at(-1)?.role).toBe("system");
  });

  it("an agent back within the grace period keeps their chats", async () => {
    bench = await deskBench({ agentGraceMs: 40 });
    const { agent, chatId } = await bench.offeredChat("wang");
    await bench.desk.chats.accept(agent, chatId);

    await bench.desk.presence.agentDisconnected(agent.id);
    await bench.desk.presence.agentConnected(agent, "online");
    await new Promise((r) => setTimeout(r, 80));
    expect(bench.staffEvents("agent:chat-ended", agent.id)).toEqual([]);
    expect((await bench.storage.handoffs.get(chatId))?.status).toBe("active");
  });

  it("signing out hands chats back at once", async () => {
    bench = await deskBench();
    const { agent, chatId } = await bench.offeredChat("zhao");
    await bench.desk.presence.agentSignedOut(agent.id);
    expect((await bench.storage.handoffs.get(chatId))?.status).toBe("queued");
    await expect(bench.desk.chats.accept(agent, chatId)).rejects.toMatchObject({ code: "HANDOFF_OFFER_GONE" });
  });

  it("a waiting citizen whose last tab closed leaves the queue after the grace period; one with another tab open stays", async () => {
    bench = await deskBench({ citizenGraceMs: 30 });
    const gone = await bench.newConversation();
    const stays = await bench.newConversation();
    await bench.desk.requests.request(gone, plainRequest);
    await bench.desk.requests.request(stays, plainRequest);

    bench.connectedCitizens.delete(gone);
    await bench.desk.presence.citizenAway(gone);
    // A tab of `stays` closed, but another is still open.
    await bench.desk.presence.citizenAway(stays);
    // Out of the queue, then told so (the words come after the handoff is closed).
    await bench.until(() => bench.messagesTo(gone).length > 0);
    expect(await bench.storage.handoffs.open(gone)).toBeUndefined();
    expect(bench.messagesTo(gone).at(-1)).toMatchObject({ role: "bot" });
    await new Promise((r) => setTimeout(r, 60));
    expect((await bench.storage.handoffs.open(stays))?.status).toBe("queued");
  });

  it("a citizen who comes back within the grace period keeps their place", async () => {
    bench = await deskBench({ citizenGraceMs: 40 });
    const conversation = await bench.newConversation();
    await bench.desk.requests.request(conversation, plainRequest);
    bench.connectedCitizens.delete(conversation);
    await bench.desk.presence.citizenAway(conversation);
    bench.connectedCitizens.add(conversation);
    await bench.desk.presence.citizenBack(conversation);
    await new Promise((r) => setTimeout(r, 80));
    expect((await bench.storage.handoffs.open(conversation))?.status).toBe("queued");
  });
});
