import { afterEach, describe, expect, it } from "vitest";
import { type DeskBench, deskBench, plainRequest } from "./harness.js";

let bench: DeskBench;
afterEach(async () => bench.dispose());

describe("the dispatcher: offers, lapses and restarts", () => {
  it("an offer nobody answers lapses: withdrawn from that agent, offered to the next, never back to the first", async () => {
    bench = await deskBench({ offerTimeoutMs: 40 });
    const { agent: slow, chatId } = await bench.offeredChat("slow");
    const next = await bench.newAgent("next");
    await bench.desk.presence.agentConnected(next, "online");

    await bench.until(() => bench.staffEvents("agent:offer", next.id).length === 1);
    expect(bench.staffEvents("agent:offer-withdrawn", slow.id)).toEqual([{ chatId, reason: "timeout" }]);
    expect(bench.staffEvents("agent:offer", slow.id)).toHaveLength(1);
  });

  it("a restarted desk puts open chats back in line with their arrival time; an active one waits again", async () => {
    bench = await deskBench();
    const { agent, chatId } = await bench.offeredChat("li");
    await bench.desk.chats.accept(agent, chatId);
    const arrivedAt = (await bench.storage.handoffs.get(chatId))?.arrivedAt;

    // A second desk on the same storage, with an empty routing state (a restarted single server).
    const { HandoffDesk } = await import("../../../src/handoff/desk.js");
    const { InProcessRoutingState } = await import("../../../src/routing/state/in-process.js");
    const { LocalDelayedJobs } = await import("../../../src/jobs/local-delayed-jobs.js");
    const state = new InProcessRoutingState();
    const { Jobs } = await import("../../../src/jobs/jobs.js");
    const jobs = new Jobs(new LocalDelayedJobs());
    const restarted = new HandoffDesk({ ...bench.deps, state, jobs });
    jobs.start();
    await restarted.start(60_000);
    await restarted.settled();
    expect(await bench.storage.handoffs.get(chatId)).toMatchObject({ status: "queued", agentId: null, arrivedAt });
    expect((await state.placement(chatId))?.arrivedAt).toBe(Date.parse(arrivedAt as string));
    restarted.stop();
    await jobs.close();
  });

  it("publishes a waiting citizen's status only when it changes", async () => {
    bench = await deskBench();
    const conversation = await bench.newConversation();
    await bench.desk.requests.request(conversation, plainRequest);
    await bench.until(() => bench.handoffStatuses(conversation).length >= 1);
    const count = bench.handoffStatuses(conversation).length;
    // Routing rounds that change nothing for this citizen (an unknown agent signs out) send nothing.
    await bench.desk.presence.agentSignedOut("nobody");
    await bench.desk.presence.agentSignedOut("nobody");
    await bench.desk.settled();
    expect(bench.handoffStatuses(conversation)).toHaveLength(count);
    // One that does (an agent comes online: now there is an estimate) sends the new status.
    const agent = await bench.newAgent("wang", { capacity: 0 });
    await bench.desk.presence.agentConnected(agent, "online");
    await bench.until(() => bench.handoffStatuses(conversation).length === count + 1);
    expect(bench.handoffStatuses(conversation).at(-1)?.waitingForAgents).toBeUndefined();
  });
});
