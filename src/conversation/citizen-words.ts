import type { ChatMessageInput } from "../domain/message.js";
import { personName } from "../dialog/validators/person-name.js";
import type { MessageMeta } from "../storage/ports.js";
import { type Masking, maskNumbers } from "../transcript/transcript.js";

const NAMES = personName();

/**
 * A citizen's message as it is stored and shown to staff: numbers masked (ID, phone, card), and a
 * name the citizen gives masked as well ("我叫演示张三" → "我叫演***"), when they introduce it or
 * answer a question asking for it. The original is sealed whenever anything changed.
 */
export function citizenMasking(askedForName: boolean, now: Date): Masking {
  return (text) => {
    const numbers = maskNumbers(text);
    const ctx = { now, locale: "zh" as const };
    const answer = askedForName ? NAMES.validate(text, ctx) : undefined;
    const found = answer?.ok ? answer : NAMES.extract(text, ctx);
    if (!found?.ok || found.value.length < 2) return numbers;
    const masked = numbers.masked.split(found.value).join(found.display);
    return { masked, changed: masked !== text };
  };
}

/** What a pressed button meant, kept with the citizen's message. */
export function pressedMeta(input: ChatMessageInput): MessageMeta {
  const qr = input.quickReply;
  if (!qr) return {};
  if ("intent" in qr) return { intent: qr.intent };
  if (qr.action === "handoff") return { decision: `handoff_${qr.command}` };
  if (qr.action === "rephrase") return { decision: "rephrase_asked" };
  if (qr.action === "survey") return {};
  return { decision: qr.action === "agent" ? "handoff" : `flow_${qr.command}` };
}
