import { afterEach, describe, expect, it } from "vitest";
import { type DeskBench, deskBench, plainRequest } from "./harness.js";

let bench: DeskBench;
afterEach(async () => bench.dispose());

describe("HandoffRequests: a citizen asking for a person", () => {
  it("queues the chat and offers it to the online agent; asking again repeats where it stands", async () => {
    bench = await deskBench();
    const agent = await bench.newAgent("li");
    await bench.desk.presence.agentConnected(agent, "online");
    const conversation = await bench.newConversation();

    const outcome = await bench.desk.requests.request(conversation, plainRequest);
    expect(outcome.kind).toBe("queued");
    await bench.until(() => bench.staffEvents("agent:offer", agent.id).length === 1);
    const offer = bench.staffEvents("agent:offer", agent.id)[0]!;
    expect(offer.chatId).toBe(outcome.status.handoffId);

    const again = await bench.desk.requests.request(conversation, plainRequest);
    expect(again.kind).toBe("already");
    expect(again.status).toMatchObject({ handoffId: offer.chatId, state: "offered", position: 1 });
    expect(bench.handoffStatuses(conversation).at(-1)).toEqual(again.status);
  });

  it("keeps a citizen in line with no number while nobody is online, and the first agent to come gets the chat", async () => {
    bench = await deskBench();
    const conversation = await bench.newConversation();
    const outcome = await bench.desk.requests.request(conversation, plainRequest);
    expect(outcome.kind).toBe("waiting");
    expect(outcome.status).toMatchObject({ state: "queued", position: 1, waitingForAgents: true });
    expect(outcome.status.etaSec).toBeUndefined();

    const agent = await bench.newAgent("wang");
    await bench.desk.presence.agentConnected(agent, "online");
    await bench.until(() => bench.staffEvents("agent:offer", agent.id).length === 1);
  });

  it("outside service hours says when agents are back, in the service's time zone, and queues nothing", async () => {
    bench = await deskBench({ hours: "mon-fri 14:00-17:30" });
    const conversation = await bench.newConversation();
    const outcome = await bench.desk.requests.request(conversation, plainRequest);
    expect(outcome.kind).toBe("unavailable");
    // Monday 10:00 in Shanghai: back at 14:00 the same day.
    expect(outcome.status.backAt).toBe("2026-12-07T06:00:00.000Z");
    expect(outcome.text).toContain("14:00");
    expect(await bench.storage.handoffs.open(conversation)).toBeUndefined();
    expect(await bench.desk.requests.currentStatus(conversation)).toBeUndefined();
  });

  it("leaving the queue while offered withdraws the offer from the agent and tells the citizen", async () => {
    bench = await deskBench();
    const { agent, conversation, chatId } = await bench.offeredChat("zhao");

    const words = await bench.desk.requests.cancel(conversation, "zh");
    expect(words?.meta.decision).toBe("handoff_cancelled");
    expect(bench.staffEvents("agent:offer-withdrawn", agent.id)).toEqual([{ chatId: chatId, reason: "cancelled" }]);
    expect(bench.handoffStatuses(conversation).at(-1)).toEqual({ handoffId: chatId, state: "cancelled" });
    expect(bench.messagesTo(conversation).at(-1)?.id).toBe(words?.id);
    expect((await bench.storage.handoffs.get(chatId))?.status).toBe("cancelled");
    // The agent's slot is free again: nothing is held for a chat that left.
    await expect(bench.desk.chats.accept(agent, chatId)).rejects.toMatchObject({ code: "HANDOFF_OFFER_GONE" });
  });

  it("takes one survey per closed chat, masks personal data in its comment, and refuses it for a chat still open", async () => {
    bench = await deskBench();
    const { agent, conversation, chatId } = await bench.offeredChat("sun");
    await expect(bench.desk.requests.survey(conversation, chatId, 5, "")).rejects.toMatchObject({ code: "HANDOFF_SURVEY_CLOSED" });
    await bench.desk.chats.accept(agent, chatId);
    await bench.desk.chats.close(agent, chatId, "resolved", undefined);

    await bench.desk.requests.survey(conversation, chatId, 4, "很好，回电13812345678");
    const stored = await bench.storage.handoffs.get(chatId);
    expect(stored?.surveyRating).toBe(4);
    expect(stored?.surveyComment).not.toContain("13812345678");
    await expect(bench.desk.requests.survey(conversation, chatId, 1, "")).rejects.toMatchObject({ code: "HANDOFF_SURVEY_CLOSED" });
    await expect(bench.desk.requests.survey("someone-else", chatId, 1, "")).rejects.toMatchObject({ code: "HANDOFF_SURVEY_CLOSED" });
  });
});
