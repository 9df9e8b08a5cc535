import type { MessageRecord } from "../../src/storage/ports.js";
import { ChatClient } from "./chat-client.js";
import type { TestServer } from "./server.js";

/**
 * A new conversation on a test server: each question gives back the bot's reply as stored, whose
 * meta says what it answered and how. The client joins `clients`, for closing after the tests.
 */
export async function storedReplies(server: TestServer, clients: ChatClient[], locale: "zh" | "en" = "zh"): Promise<(text: string) => Promise<MessageRecord>> {
  const c = await ChatClient.connect(server.url, { locale });
  clients.push(c);
  return async (text: string) => {
    const reply = await c.ask(text);
    const stored = await server.app.storage.messages.get(reply.id);
    if (!stored) throw new Error(`reply ${reply.id} was not stored`);
    return stored;
  };
}
