import { type AgentSocket, request } from "../../../lib/socket";

/** Tells the desk the agent is leaving: their chats go back to the queue at once. */
export function signOut(socket: AgentSocket) {
  return request(socket, "agent:sign-out", {});
}

export function setPresence(socket: AgentSocket, presence: "online" | "away") {
  return request(socket, "agent:presence", { presence });
}
