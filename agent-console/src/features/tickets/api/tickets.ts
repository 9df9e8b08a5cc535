import { type AgentSocket, request } from "../../../lib/socket";

export function fetchTickets(socket: AgentSocket) {
  return request(socket, "agent:tickets", {});
}

export function replyToTicket(socket: AgentSocket, ticketId: string, text: string) {
  return request(socket, "agent:ticket-reply", { ticketId, text });
}
