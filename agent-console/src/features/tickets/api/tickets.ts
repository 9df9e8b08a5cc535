import { type AgentSocket, request } from "../../../lib/socket";

export function fetchTickets(socket: AgentSocket) {
  return request(socket, "agent:tickets", {});
}

export function replyToTicket(socket: AgentSocket, ticketId: string, text: string) {
  return request(socket, "agent:ticket-reply", { ticketId, text });
}

/** The full number a citizen left to be called back on (null when the message gives none). */
export function fetchCallbackNumber(socket: AgentSocket, ticketId: string) {
  return request(socket, "agent:ticket-callback", { ticketId });
}
