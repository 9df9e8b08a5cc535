import type { TopicContext } from "../dialog/follow-up.js";
import type { MessageRecord } from "../storage/ports.js";

/** Bot turns since the last answer after which a short question no longer leans on it. */
const REACH = 3;

/**
 * What the conversation was last about, from its recent messages (oldest first, the message being
 * answered last): the intent of the latest FAQ answer within reach and the citizen's question it
 * answered. When that answer was itself a follow-up, its question is read with the one before
 * ("养老保险交多少" → "那灵活就业人员呢" → "要什么材料"). Pure.
 */
export function topicContext(recent: readonly MessageRecord[]): TopicContext | undefined {
  const byId = new Map(recent.map((m) => [m.id, m]));
  const question = (answer: MessageRecord, depth: number): string | undefined => {
    const asked = answer.meta.replyTo ? byId.get(answer.meta.replyTo) : undefined;
    if (asked?.role !== "citizen") return undefined;
    // "那失业金呢" answered as "失业金是怎么计算的": that question is what the next words lean on.
    if (answer.meta.askedAs) return answer.meta.askedAs;
    if (!answer.meta.inContext || depth === 0) return asked.text;
    const before = recent.slice(0, recent.indexOf(asked)).findLast((m) => m.role === "bot" && isAnswer(m));
    const earlier = before ? question(before, depth - 1) : undefined;
    return earlier ? `${earlier}，${asked.text}` : asked.text;
  };
  let turns = 0;
  for (let i = recent.length - 1; i >= 0 && turns < REACH; i--) {
    const m = recent[i] as MessageRecord;
    if (m.role !== "bot") continue;
    turns++;
    if (!isAnswer(m)) continue;
    const q = question(m, 2);
    return q && m.meta.intent ? { intent: m.meta.intent, question: q } : undefined;
  }
  return undefined;
}

/** An FAQ answer, or a computed one (a calculator's result) that follow-ups lean on just the same. */
const isAnswer = (m: MessageRecord) =>
  (m.meta.decision === "faq" || m.meta.decision === "faq_in_flow" || m.meta.decision === "flow_done") && m.meta.intent !== undefined;
