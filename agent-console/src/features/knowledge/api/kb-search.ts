import type { Locale } from "../../../lib/protocol";
import { type AgentSocket, request } from "../../../lib/socket";

export function searchKnowledge(socket: AgentSocket, query: string, locale: Locale) {
  return request(socket, "agent:kb-search", { query, locale });
}

export type KbResult = Extract<Awaited<ReturnType<typeof searchKnowledge>>, { ok: true }>["results"][number];
