import { handoffResponses } from "../../bot/responses.js";
import type { StaffRecord } from "../storage/ports.js";
import { type DeskDeps, ignoreRouting, localeOf } from "./desk-deps.js";
import type { Dispatcher } from "./dispatcher.js";
import type { HandoffRequests } from "./requests.js";
import type { StatusBoard } from "./status-board.js";

type PresenceDeps = Pick<
  DeskDeps,
  "storage" | "transcript" | "staff" | "state" | "jobs" | "clock" | "agentGraceMs" | "citizenGraceMs" | "isAgentConnected" | "isCitizenConnected"
>;

/**
 * Who is there: agents online, away or gone, and citizens whose page closed while they waited. A
 * dropped socket is given a grace period before anything is taken away (a reload, a tunnel), and
 * whatever an agent who is really gone held goes back to the queue with its arrival time kept.
 */
export class Presence {
  constructor(
    private readonly deps: PresenceDeps,
    private readonly board: StatusBoard,
    private readonly dispatcher: Dispatcher,
    private readonly requests: HandoffRequests,
  ) {}

  // ------------------------------------------------------------------ agents

  /** An agent's first socket connected (sign-in, reload, reconnect within the grace period). */
  async agentConnected(staff: StaffRecord, presence: "online" | "away"): Promise<void> {
    await this.deps.jobs.cancel("agent-grace", staff.id);
    if (presence === "online") await this.setPresence(staff, "online");
    else await this.deps.state.agentAway(staff.id).catch(ignoreRouting);
  }

  /** The agent's last socket closed: their chats wait for them for the grace period. */
  async agentDisconnected(agentId: string): Promise<void> {
    await this.deps.state.agentAway(agentId).catch(ignoreRouting);
    await this.deps.jobs.schedule("agent-grace", agentId, {}, this.deps.agentGraceMs);
  }

  async setPresence(staff: StaffRecord, presence: "online" | "away"): Promise<void> {
    if (presence === "online") {
      await this.deps.state.agentOnline(
        { id: staff.id, capacity: staff.capacity, languages: staff.languages, skills: staff.skills },
        this.deps.clock().getTime(),
      );
      this.dispatcher.route();
    } else {
      await this.deps.state.agentAway(staff.id).catch(ignoreRouting);
    }
  }

  /** Online or away, as the shared routing state has it now. */
  async presenceOf(agentId: string): Promise<"online" | "away"> {
    const agent = (await this.deps.state.agentStates()).find((a) => a.id === agentId);
    return agent?.online ? "online" : "away";
  }

  /** Signing out: chats and offers go back to the queue at once. */
  async agentSignedOut(agentId: string): Promise<void> {
    await this.deps.jobs.cancel("agent-grace", agentId);
    await this.requeueAgent(agentId);
  }

  /** The agent-grace job: still no socket, so the agent's chats go back to the queue. */
  async agentGraceEnded(agentId: string): Promise<void> {
    if (await this.deps.isAgentConnected(agentId)) return;
    await this.requeueAgent(agentId);
  }

  private async requeueAgent(agentId: string): Promise<void> {
    const { storage, state, jobs } = this.deps;
    for (const chatId of await state.agentOffline(agentId)) {
      await jobs.cancel("offer-timeout", chatId);
      const h = await storage.handoffs.get(chatId);
      if (!h) continue;
      if (h.status === "active") {
        await storage.handoffs.update(chatId, { status: "queued", agentId: null });
        await this.deps.transcript.write({
          conversationId: h.conversationId,
          role: "system",
          text: handoffResponses.requeued[await localeOf(storage, h.conversationId)],
          meta: { decision: "requeued", handoffId: chatId },
        });
        this.deps.staff.agent(agentId, "agent:chat-ended", { chatId, reason: "requeued" });
      }
      this.board.forget(chatId);
    }
    this.dispatcher.route();
  }

  // ------------------------------------------------------------------ citizens

  /**
   * A tab of the conversation closed. When it was the last (on any instance), a chat still waiting
   * for an agent leaves the queue if they are not back within the grace period, so no agent is
   * offered a conversation nobody is reading.
   */
  async citizenAway(conversationId: string): Promise<void> {
    if (await this.deps.isCitizenConnected(conversationId)) return;
    const open = await this.deps.storage.handoffs.open(conversationId);
    if (open?.status !== "queued") return;
    await this.deps.jobs.schedule("citizen-gone", conversationId, {}, this.deps.citizenGraceMs);
  }

  /** A tab of the conversation connected: whatever it was waiting for, it is still waiting. */
  async citizenBack(conversationId: string): Promise<void> {
    await this.deps.jobs.cancel("citizen-gone", conversationId);
  }

  /** The citizen-gone job: nobody came back to the page, so the chat leaves the queue. */
  async citizenGone(conversationId: string): Promise<void> {
    if (await this.deps.isCitizenConnected(conversationId)) return;
    const open = await this.deps.storage.handoffs.open(conversationId);
    if (open?.status !== "queued") return;
    await this.requests.cancel(conversationId, await localeOf(this.deps.storage, conversationId), "left");
  }
}
