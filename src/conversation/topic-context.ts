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
    const before = recent.slice(0, recent.indexOf(asked)).findLast((m) => m.role === "bot" && leftOn(m) !== undefined);
    const earlier = before ? question(before, depth - 1) : undefined;
    return earlier ? `${earlier}，${asked.text}` : asked.text;
  };
  let turns = 0;
  for (let i = recent.length - 1; i >= 0 && turns < REACH; i--) {
    const m = recent[i] as MessageRecord;
    if (m.role !== "bot") continue;
    turns++;
    const on = leftOn(m);
    if (!on) continue;
    const q = question(m, 2);
    if (!q) return undefined;
    if (!("offered" in on)) return { intent: on.intent, question: q };
    // Offered among others, the topic answered just before is the likelier: the citizen is still
    // on it ("去年的还能补打吗" after an answer on receipts), and asked this of it.
    const asked = recent.findIndex((x) => x.id === m.meta.replyTo);
    const before = topicContext(recent.slice(0, asked));
    if (before && on.offered.includes(before.intent)) return { intent: before.intent, question: `${before.question}，${q}` };
    return { intent: on.offered[0] as string, question: q };
  }
  return undefined;
}

/**
 * What a bot message leaves the conversation on: an FAQ answer's intent, or a computed one's (a
 * calculator's result), which follow-ups lean on just the same; or the choices of a question back
 * ("您想问的是下面哪一个？"), tentatively: a citizen who types on rather than choose ("怎么绑定") is
 * still on the question they asked.
 */
function leftOn(m: MessageRecord): { intent: string } | { offered: string[] } | undefined {
  const { decision, intent, quickReplies } = m.meta;
  if ((decision === "faq" || decision === "faq_in_flow" || decision === "flow_done") && intent !== undefined) return { intent };
  if (decision !== "clarify") return undefined;
  const offered = (quickReplies ?? []).flatMap(({ payload }) => ("intent" in payload ? [payload.intent] : []));
  return offered.length > 0 ? { offered } : undefined;
}
