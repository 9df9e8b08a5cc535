import { randomUUID } from "node:crypto";
import { fill } from "../../bot/flow-responses.js";
import { handoffResponses } from "../../bot/responses.js";
import type { TicketView } from "../protocol/agent-events.js";
import type { Locale } from "../domain/locale.js";
import { findMobile } from "../nlu/entities/phone.js";
import { maskPersonalData } from "../security/masking.js";
import type { StaffRecord, TicketRecord } from "../storage/ports.js";
import type { DeskDeps } from "./desk-deps.js";
import { HandoffError } from "./errors.js";
import { ticketView } from "./views.js";

type TicketDeps = Pick<DeskDeps, "storage" | "cipher" | "transcript" | "clock" | "newId">;

/**
 * Messages left for an agent when nobody could answer live, and the agents' answers to them, which
 * land in the citizen's conversation like any other reply.
 */
export class Tickets {
  private readonly newId: () => string;

  constructor(private readonly deps: TicketDeps) {
    this.newId = deps.newId ?? randomUUID;
  }

  /** Stores the citizen's message (masked, the original sealed); returns the bot's receipt. */
  async leave(conversationId: string, text: string, locale: Locale): Promise<{ ticketId: string; text: string }> {
    const { masked, changed } = maskPersonalData(text);
    const id = this.newId();
    await this.deps.storage.tickets.create({
      id,
      conversationId,
      language: locale,
      text: masked,
      textSealed: changed ? this.deps.cipher.encrypt(text) : null,
      hasCallback: findMobile(text) !== undefined,
      status: "open",
      createdAt: this.deps.clock().toISOString(),
      answeredBy: null,
      answeredAt: null,
    });
    return { ticketId: id, text: fill(handoffResponses.ticketReceived[locale], { ticket: id.slice(0, 8).toUpperCase() }) };
  }

  /** Open tickets, oldest first, as the console lists them. */
  async list(): Promise<TicketView[]> {
    const open = await this.deps.storage.tickets.list("open", 100);
    return open.map((t) => ticketView(t, t.hasCallback ?? this.callbackNumber(t) !== null));
  }

  /**
   * The phone number a left message gives to be called back on, in full, for the agent who
   * handles it; null when it gives none. (Reading it is to be recorded in the audit log.)
   */
  async callback(_staff: StaffRecord, ticketId: string): Promise<string | null> {
    const ticket = await this.deps.storage.tickets.get(ticketId);
    if (!ticket) throw new HandoffError("HANDOFF_UNKNOWN_TICKET");
    return this.callbackNumber(ticket);
  }

  /** Answers a left message: stored in its conversation and delivered if the citizen is there. */
  async reply(staff: StaffRecord, ticketId: string, text: string): Promise<void> {
    const ticket = await this.deps.storage.tickets.get(ticketId);
    const at = this.deps.clock().toISOString();
    if (!ticket || !(await this.deps.storage.tickets.markAnswered(ticketId, staff.id, at))) {
      throw new HandoffError("HANDOFF_UNKNOWN_TICKET");
    }
    await this.deps.transcript.write({
      conversationId: ticket.conversationId,
      role: "agent",
      text,
      meta: { agentId: staff.id, agentName: staff.displayName, decision: "ticket_reply" },
    });
  }

  private callbackNumber(ticket: TicketRecord): string | null {
    if (!ticket.textSealed) return null;
    return findMobile(this.deps.cipher.decrypt(ticket.textSealed)) ?? null;
  }
}
