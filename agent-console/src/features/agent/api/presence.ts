import { type AgentSocket, request } from "../../../lib/socket";

export function setPresence(socket: AgentSocket, presence: "online" | "away") {
  return request(socket, "agent:presence", { presence });
}
