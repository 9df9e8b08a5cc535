/**
 * Which citizen messages are questions to the bot, and whether the bot answered each: the units of
 * the automatic answer rate (answer-rate.ts), of resolution and of the handoff rate. The rules are
 * written out in answer-rate.ts (E_DEFINITION); this file applies them to the stored log.
 */
import type { MessageDecision } from "../domain/decision.js";
import type { HandoffRecord } from "../storage/handoff-ports.js";
import type { MessageRecord } from "../storage/ports.js";
import { type DeskLog, ms } from "./desk-log.js";
import type { Fact } from "./grouping.js";

/**
 * A reply with one of these decisions is the bot taking a turn on a question. "handoff_waiting" and
 * "handoff_unavailable" are the same "handoff" turn when nobody is online or it is out of hours;
 * "faq_in_flow" is an FAQ answered inside a guided application. "smalltalk" is left out on purpose
 * (see SMALLTALK_WHY); "rephrase" only ever replies to a pressed button, which is not a question.
 */
const QUESTION_TURNS: ReadonlySet<MessageDecision> = new Set<MessageDecision>([
  "faq",
  "faq_in_flow",
  "clarify",
  "fallback",
  "handoff",
  "handoff_waiting",
  "handoff_unavailable",
]);
const ANSWERS: ReadonlySet<MessageDecision> = new Set<MessageDecision>(["faq", "faq_in_flow"]);

/**
 * A message sent again (double tap, a resend after a slow network) within this long, with the
 * same words, is the same question. A retry with the same clientId is already stored once.
 */
export const RESEND_WINDOW_MS = 60_000;

export type QuestionOutcome = "answered" | "thumbs_down" | "asked_for_person" | "not_answered";

export interface Question extends Fact {
  /** The citizen's message (the first copy when it was sent more than once). */
  message: MessageRecord;
  /** The bot's reply that decides the outcome (a resend's, when the first copy got none). */
  reply: MessageRecord;
  outcome: QuestionOutcome;
}

export interface QuestionLog {
  questions: Question[];
  /** Questions with no reply yet: neither answered nor not, so outside E. */
  pending: MessageRecord[];
  /** Greetings, thanks… the bot replied to as smalltalk: outside E. */
  smalltalk: number;
  /** Typed "转人工"/pressed "talk to a person": a request for a person, not a question. */
  personRequests: number;
}

interface Candidate {
  message: MessageRecord;
  reply: MessageRecord | undefined;
}

/** The questions of every conversation in the log, in conversation then seq order. */
export function readQuestions(log: DeskLog): QuestionLog {
  const down = thumbsDown(log);
  const replies = new Map<string, MessageRecord>();
  for (const m of log.messages) {
    // The first reply stored counts (a later one would be a retry of the same turn).
    if (m.role === "bot" && m.meta.replyTo && !replies.has(m.meta.replyTo)) replies.set(m.meta.replyTo, m);
  }
  const byConversation = new Map<string, MessageRecord[]>();
  for (const m of log.messages) {
    const list = byConversation.get(m.conversationId);
    if (list) list.push(m);
    else byConversation.set(m.conversationId, [m]);
  }
  const handoffsOf = new Map<string, HandoffRecord[]>();
  for (const h of log.handoffs) handoffsOf.set(h.conversationId, [...(handoffsOf.get(h.conversationId) ?? []), h]);

  const result: QuestionLog = { questions: [], pending: [], smalltalk: 0, personRequests: 0 };
  for (const [conversationId, messages] of byConversation) {
    const handoffs = handoffsOf.get(conversationId) ?? [];
    const askedForPerson: number[] = handoffs.map((h) => ms(h.arrivedAt));
    const mine: Question[] = [];
    // The citizen's next question (or one still unanswered) closes the window of the one before.
    const nextAsked: number[] = [];
    for (const { message, reply } of candidates(messages, replies, handoffs, askedForPerson)) {
      if (!reply) {
        result.pending.push(message);
        nextAsked.push(ms(message.createdAt));
      } else if (reply.meta.decision === "smalltalk") {
        result.smalltalk++;
      } else if (reply.meta.handoff === "explicit") {
        result.personRequests++;
        askedForPerson.push(ms(message.createdAt));
      } else if (reply.meta.decision && QUESTION_TURNS.has(reply.meta.decision)) {
        const outcome: QuestionOutcome = !ANSWERS.has(reply.meta.decision)
          ? "not_answered"
          : down.has(reply.id)
            ? "thumbs_down"
            : "answered";
        nextAsked.push(ms(message.createdAt));
        mine.push({
          message,
          reply,
          outcome,
          at: message.createdAt,
          conversationId,
          intent: reply.meta.intent ?? null,
          skill: null,
        });
      }
      // Any other reply (a guided application's step…) answers a form field, not a question.
    }
    // An answer followed by a request for a person before the next question did not answer it.
    for (const q of mine) {
      if (q.outcome !== "answered") continue;
      const from = ms(q.at);
      const until = Math.min(...nextAsked.filter((t) => t > from), Number.POSITIVE_INFINITY);
      if (askedForPerson.some((t) => t > from && t < until)) q.outcome = "asked_for_person";
    }
    result.questions.push(...mine);
  }
  return result;
}

/**
 * The citizen's typed messages of one conversation with their replies, a resend folded into the
 * first copy. Left out: pressed buttons (they carry a decision; "talk to a person" is noted in
 * `askedForPerson`) and words written while a person had the conversation (relayed to the agent).
 */
function candidates(
  messages: readonly MessageRecord[],
  replies: ReadonlyMap<string, MessageRecord>,
  handoffs: readonly HandoffRecord[],
  askedForPerson: number[],
): Candidate[] {
  const list: Candidate[] = [];
  for (const message of [...messages].sort((a, b) => a.seq - b.seq)) {
    if (message.role !== "citizen") continue;
    const at = ms(message.createdAt);
    if (message.meta.decision) {
      if (message.meta.decision === "handoff") askedForPerson.push(at);
      continue;
    }
    const reply = replies.get(message.id);
    if (!reply && withPerson(at, handoffs)) continue;
    const last = list.at(-1);
    if (last && last.message.text.trim() === message.text.trim() && at - ms(last.message.createdAt) <= RESEND_WINDOW_MS) {
      last.reply ??= reply;
      continue;
    }
    list.push({ message, reply });
  }
  return list;
}

/** Whether a handoff was open (queued or with an agent) at that moment. */
function withPerson(at: number, handoffs: readonly HandoffRecord[]): boolean {
  return handoffs.some((h) => ms(h.arrivedAt) <= at && (h.closedAt === null || at < ms(h.closedAt)));
}

/** Messages whose latest rating is a thumbs-down (a second rating replaces the first). */
function thumbsDown(log: DeskLog): Set<string> {
  const latest = new Map<string, { at: number; down: boolean }>();
  for (const f of log.feedback) {
    const at = ms(f.createdAt);
    const seen = latest.get(f.messageId);
    if (!seen || at >= seen.at) latest.set(f.messageId, { at, down: f.rating === "down" });
  }
  return new Set([...latest].filter(([, v]) => v.down).map(([id]) => id));
}
