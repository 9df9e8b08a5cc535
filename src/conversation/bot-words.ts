import { handoffResponses, responses } from "../../bot/responses.js";
import { FAILED_TURNS } from "../domain/decision.js";
import type { Locale } from "../domain/locale.js";
import type { ChatMessageInput } from "../domain/message.js";
import { handoffReason } from "../dialog/handoff.js";
import { askedAgainOf, chooseReading, followUpKind, joinedQuestion } from "../dialog/follow-up.js";
import { CORRECTION } from "../dialog/flows/runner.js";
import { botTurn } from "../dialog/turn.js";
import type { HandoffDesk } from "../handoff/desk.js";
import { skillForConversation } from "../handoff/skill.js";
import type { Understanding } from "../nlu/engine.js";
import type { Understander } from "../nlu/understander.js";
import { detectLocale } from "../nlu/locale.js";
import type { DeskMeter } from "../observability/desk-meter.js";
import type { KnowledgeSource } from "../publishing/active-knowledge.js";
import type { MessageMeta, Storage } from "../storage/ports.js";
import type { FlowSessions, FlowTurn } from "./flow-session.js";
import { topicContext } from "./topic-context.js";
import { HandoffError } from "../handoff/errors.js";

export interface BotWordsDeps {
  storage: Storage;
  /** The model and answers, asked once per turn: a publication mid-turn does not mix the two. */
  knowledge: KnowledgeSource;
  flows?: FlowSessions;
  desk?: HandoffDesk;
  /** Times each understanding; none for the warm-up rehearsal. */
  meter?: Pick<DeskMeter, "understood">;
}

/** What the bot says: text as stored (masked), and for the citizen's eyes only, the same in full. */
export interface BotWords {
  text: string;
  meta: MessageMeta;
  privateText?: string;
}

/** A flow turn as a stored bot message. */
function flowMessage(turn: FlowTurn, notice?: string): BotWords {
  return {
    text: notice ? `${notice}\n\n${turn.text}` : turn.text,
    ...(turn.privateText ? { privateText: notice ? `${notice}\n\n${turn.privateText}` : turn.privateText } : {}),
    meta: {
      ...(turn.quickReplies.length > 0 ? { quickReplies: turn.quickReplies } : {}),
      ...(turn.links ? { links: turn.links } : {}),
      ...(turn.intent ? { intent: turn.intent } : {}),
      ...(turn.applicationNumber ? { applicationNumber: turn.applicationNumber } : {}),
      ...(turn.applicationKind ? { applicationKind: turn.applicationKind } : {}),
      ...(turn.asking ? { asking: turn.asking } : {}),
      ...(turn.inContext ? { inContext: true } : {}),
      decision: turn.decision,
    },
  };
}

/** The understander, each call timed into the meter when there is one. */
function timedUnderstanding(understander: Understander, meter: BotWordsDeps["meter"]): Pick<Understander, "understand"> {
  if (!meter) return understander;
  return {
    understand(text, now) {
      const started = performance.now();
      return understander.understand(text, now).then((understanding) => {
        meter.understood((performance.now() - started) / 1000);
        return understanding;
      });
    },
  };
}

/**
 * The bot's words for one message: a step of a guided application, an answer, or the way to a
 * person (asked of the desk, with what happens next). Reads the conversation's recent decisions:
 * two misses in a row offer a person; after "leave a message" the next words are the message.
 */
export async function botWords(deps: BotWordsDeps, conversationId: string, chosen: Locale, input: ChatMessageInput, now: Date): Promise<BotWords> {
  // One version for the whole turn, the flows' buttons and answers included (publications swap it).
  const knowledge = deps.knowledge.current();
  const { catalogue, areas } = knowledge;
  const understander = timedUnderstanding(knowledge.understander, deps.meter);
  const flows = deps.flows?.reading(knowledge);
  const locale = detectLocale(input.text) ?? chosen;
  const recentMessages = await deps.storage.messages.listRecent(conversationId, 8);
  const recent = recentMessages
    .filter((m) => m.role === "bot")
    .reverse()
    .map((m) => m.meta.decision);
  const desk = deps.desk;
  const qr = input.quickReply;
  if (desk && qr && "action" in qr && qr.action === "survey") {
    // A rating chosen on a channel with no survey of its own (the numbers under the closing words).
    try {
      if (!Number.isInteger(qr.rating) || qr.rating < 1 || qr.rating > 5) throw new HandoffError("HANDOFF_SURVEY_CLOSED");
      await desk.requests.survey(conversationId, qr.handoffId, qr.rating, undefined);
      return { text: handoffResponses.surveyThanks[locale], meta: { decision: "survey_rated" } };
    } catch (error) {
      if (!(error instanceof HandoffError)) throw error;
      return { text: error.view(locale).message, meta: { decision: "stale_button" } };
    }
  }
  if (desk && qr && "action" in qr && qr.action === "handoff") {
    if (qr.command === "leave_message") return { text: handoffResponses.ticketPrompt[locale], meta: { decision: "ticket_prompt" } };
    return { text: handoffResponses.cancelled[locale], meta: { decision: "handoff_cancelled" } };
  }
  if (desk && recent[0] === "ticket_prompt" && !qr) {
    const ticket = await desk.tickets.leave(conversationId, input.text, locale);
    return { text: ticket.text, meta: { decision: "ticket_created" } };
  }
  /** Asks the desk for a person; the reply says what happens next (queued, or when agents are back). */
  const bringInPerson = async (reason: string, intent: string | null, before: string | undefined) => {
    if (!desk) return undefined;
    // The chat goes to the skill group of what the conversation is about (src/handoff/skill.ts).
    const topics = await deps.storage.messages.listRecent(conversationId, 16);
    const skill = skillForConversation({
      flowIntent: flows ? await flows.currentFlowIntent(conversationId) : null,
      recent: [...topics].reverse().map((m) => m.meta),
    });
    const outcome = await desk.requests.request(conversationId, {
      reason,
      locale,
      intent,
      skill,
      recentTexts: [...recentMessages.filter((m) => m.role === "citizen").map((m) => m.text), input.text],
      failedAttempts: recent.filter((d) => d !== undefined && FAILED_TURNS.has(d)).length,
    });
    const leave = { label: handoffResponses.leaveMessage[locale], payload: { action: "handoff" as const, command: "leave_message" as const } };
    const cancel = { label: handoffResponses.cancelQueue[locale], payload: { action: "handoff" as const, command: "cancel" as const } };
    const buttons = outcome.kind === "unavailable" ? [leave] : outcome.kind === "waiting" ? [leave, cancel] : [cancel];
    return {
      text: before ? `${before}\n\n${outcome.text}` : outcome.text,
      meta: {
        decision: outcome.kind === "unavailable" ? "handoff_unavailable" : outcome.kind === "waiting" ? "handoff_waiting" : "handoff",
        handoff: reason,
        ...(outcome.status.handoffId ? { handoffId: outcome.status.handoffId } : {}),
        ...(intent ? { intent } : {}),
        quickReplies: buttons,
      } satisfies MessageMeta,
    };
  };
  // Typed text is understood once (off the event loop), for the flow and the bot's answer alike.
  let understood: Promise<Understanding> | undefined;
  const understand = () => {
    understood ??= understander.understand(input.text, now);
    return understood;
  };
  let notice: string | undefined;
  if (flows) {
    const handled = await flows.handle(conversationId, input, locale, now, understand);
    if (handled.turn?.decision === "flow_handoff") {
      const person = await bringInPerson("flow_given_up", handled.turn.intent ?? null, handled.turn.text);
      if (person) return person;
    }
    if (handled.turn) return flowMessage(handled.turn);
    notice = handled.notice;
  }
  // A short question leaning on the last answer ("要什么材料", "那灵活就业人员呢") is also read with
  // the question that answer was for; src/dialog/follow-up.ts decides which reading to answer.
  const kind = input.quickReply ? undefined : followUpKind(input.text);
  const context = kind ? topicContext(recentMessages) : undefined;
  let inContext = false;
  let askedAs: string | undefined;
  const understandTurn =
    kind && context
      ? async () => {
          const again = kind === "ellipsis" && areas ? askedAgainOf(context, input.text, areas) : undefined;
          const [alone, joined, otherArea] = await Promise.all([
            understand(),
            understander.understand(joinedQuestion(context, input.text), now),
            again ? understander.understand(again.question, now).then((understanding) => ({ understanding, area: again.area })) : undefined,
          ]);
          const reading = chooseReading(kind, context, alone, joined, undefined, otherArea);
          inContext = reading.inContext;
          if (reading.askedAgain) askedAs = again?.question;
          return reading.understanding;
        }
      : understand;
  // Right after a computed answer, "那我老婆呢，她1978年的" asks the same for someone else and
  // "不对，我是1976年的" corrects a fact: the calculation runs again with the new facts.
  const lastBot = recentMessages.findLast((m) => m.role === "bot");
  const correcting = !input.quickReply && CORRECTION.test(input.text.trim());
  if (flows && (kind === "ellipsis" || correcting) && lastBot?.meta.decision === "flow_done" && lastBot.meta.intent) {
    const again = flows.wantsToStart(input.text, lastBot.meta.intent, locale, now);
    if (again?.startsWithFacts) {
      const started = await flows.handle(conversationId, input, locale, now, understand, again, correcting);
      if (started.turn) return flowMessage({ ...started.turn, inContext: true }, notice);
    }
  }
  const turn = await botTurn(
    { text: input.text, ...(input.quickReply ? { quickReply: input.quickReply } : {}), locale: chosen, now },
    understandTurn,
    catalogue,
  );
  const meta: MessageMeta = { ...turn.meta, ...(inContext ? { inContext: true } : {}), ...(askedAs ? { askedAs } : {}) };
  let text = turn.text;
  const handoff = handoffReason(turn.decision, recent);
  if (desk && (handoff === "explicit" || handoff === "complaint")) {
    // The topic the citizen was on decides the skill group (a complaint about a pension goes to pensions).
    const intent = recentMessages.findLast((m) => m.meta.intent && !["agent.request", "complaint"].includes(m.meta.intent))?.meta.intent ?? null;
    const person = await bringInPerson(handoff, intent, handoff === "complaint" ? turn.text : undefined);
    if (person) return { text: notice ? `${notice}\n\n${person.text}` : person.text, meta: person.meta };
  }
  if (handoff) {
    meta.handoff = handoff;
    // A question back (did you mean…?) is not a failure: its buttons already include an agent.
    if (turn.decision.kind === "fallback" && (handoff === "repeated_fallback" || handoff === "sensitive_low_confidence")) {
      const offer = handoff === "repeated_fallback" ? responses.handoffOffer : responses.sensitiveOffer;
      text = `${text}\n\n${offer[turn.locale]}`;
      const agent = { label: responses.talkToAgent[turn.locale], payload: { action: "agent" as const } };
      if (!meta.quickReplies?.some((q) => "action" in q.payload && q.payload.action === "agent")) {
        meta.quickReplies = [...(meta.quickReplies ?? []), agent];
      }
    }
  }
  // Unsure which question it is, but the message carries a calculator's facts and names what it
  // computes ("我老公1975年的，帮我算算他什么时候退休"): the calculation is the better reply.
  if (flows && !input.quickReply && turn.decision.kind !== "answer") {
    const calculator = flows.calculatorFor(input.text, turn.decision.kind === "clarify" ? turn.decision.options.map((o) => o.intent) : [], turn.locale, now);
    if (calculator) {
      const started = await flows.handle(conversationId, input, turn.locale, now, understand, calculator);
      if (started.turn) return flowMessage(started.turn, notice);
    }
  }
  if (flows && turn.decision.kind === "answer" && turn.decision.action === "faq") {
    const wish = input.quickReply ? undefined : flows.wantsToStart(input.text, turn.decision.intent, turn.locale, now);
    if (wish) {
      const started = await flows.handle(conversationId, input, turn.locale, now, understand, wish);
      if (started.turn) return flowMessage(started.turn, notice);
    }
    const offer = flows.flowForIntent(turn.decision.intent);
    if (offer) meta.quickReplies = [flows.offerButton(offer, turn.locale), ...(meta.quickReplies ?? [])];
  }
  return { text: notice ? `${notice}\n\n${text}` : text, meta };
}
