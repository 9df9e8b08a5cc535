import type { AgentClient } from "./agent-client.js";
import type { ChatClient } from "./chat-client.js";

/**
 * The citizen asks for a person, the agent takes the first offer: the chat both are then in. The
 * citizen and the agent may be connected to different instances.
 */
export async function handedOver(citizen: ChatClient, agent: AgentClient, ask = "我要转人工"): Promise<string> {
  const ack = await citizen.send(ask);
  if (!ack.ok) throw new Error(`the request for a person was refused: ${ack.error.code}`);
  await agent.until(() => agent.received["agent:offer"].length > 0, 10_000);
  const { chatId } = agent.received["agent:offer"][0]!;
  const accepted = await agent.call("agent:accept", { chatId });
  if (!accepted.ok) throw new Error(`the offer could not be accepted: ${accepted.error.code}`);
  return chatId;
}
