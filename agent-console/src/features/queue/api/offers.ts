import { type AgentSocket, request } from "../../../lib/socket";

export function acceptOffer(socket: AgentSocket, chatId: string) {
  return request(socket, "agent:accept", { chatId });
}

export function declineOffer(socket: AgentSocket, chatId: string) {
  return request(socket, "agent:decline", { chatId });
}
