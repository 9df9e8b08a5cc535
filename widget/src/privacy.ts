import type { MessageView } from "../../src/protocol/events.js";
import type { StringKey } from "./i18n.js";

/** The kinds of answer a guided application may ask for that are personal data, and their line. */
const askingLine = new Map<string, StringKey>([
  ["bank_card", "privacyBankCard"],
  ["id_number", "privacyIdNumber"],
  ["mobile", "privacyMobile"],
  ["person_name", "privacyPersonName"],
]);

/**
 * The privacy line under the input follows the conversation: while the newest bot message asks
 * for personal data (a guided application's question), it says what this step needs and how it is
 * kept; otherwise the general warning. `messages` in conversation order.
 */
export function privacyLine(messages: readonly Pick<MessageView, "role" | "asking">[]): StringKey {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]!;
    if (message.role !== "bot") continue;
    return (message.asking !== undefined && askingLine.get(message.asking)) || "privacy";
  }
  return "privacy";
}
