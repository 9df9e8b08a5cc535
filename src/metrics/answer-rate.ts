/**
 * The automatic answer rate E: the share of citizens' questions the bot answered on its own. The
 * seed judges the bot by it, so its definition is written once, here, and shown on the dashboard
 * as it is (E_DEFINITION) rather than re-worded there.
 *
 * - A *question* is a citizen's typed message the bot took a turn on: its reply (meta.replyTo points
 *   to it) has a turn decision (faq, clarify, fallback, handoff) or "faq_in_flow". Pressed buttons of
 *   guided applications and of the queue are not questions, nor are words written while a person
 *   has the conversation, nor a guided application's form answers.
 * - *Answered by the bot*: the reply is "faq" or "faq_in_flow", the citizen did not give it a
 *   thumbs-down, and did not ask for a person (typed "转人工", pressed "talk to a person", or a
 *   handoff arrived) after it and before their next question (or next message still unanswered).
 * - A "did you mean…?" (clarify) is a question not answered; the citizen's rephrase (or pressed
 *   suggestion) is a new question, answered if the bot then answers it: 1 of 2, not 1 of 1, since
 *   the citizen had to ask twice.
 * - Smalltalk (greetings, thanks) is left out: it asks nothing of the knowledge base, and counting
 *   it as answered would lift E with every "你好".
 * - The same words sent again within RESEND_WINDOW_MS are one question (the resend's reply decides
 *   when the first copy got none).
 * - A question with no reply yet is left out, and counted as pending.
 * - An explicit request for a person ("转人工") is not a question: it asks for no answer.
 */
import { type DeskLog, type Ratio, ratio } from "./desk-log.js";
import { type Grouped, type Grouping, grouped } from "./grouping.js";
import { type Question, readQuestions } from "./questions.js";

export const E_DEFINITION: Readonly<Record<"zh" | "en", string>> = {
  zh:
    "自动回答率 E = 机器人自行回答的问题数 / 问题总数。问题：市民输入的、机器人作出回应（知识库答复、澄清、兜底或转人工）的消息；" +
    "不含流程和排队按钮、人工服务期间的消息、闲聊、明确要求转人工的消息，重复发送（60 秒内相同内容）只算一次，尚未回复的不计入（记为待回复）。" +
    "自行回答：答复来自知识库，市民没有点踩，并且在下一个问题之前没有要求转人工。先澄清后答上，记为两个问题、一个已回答。",
  en:
    "Automatic answer rate E = questions the bot answered on its own / all questions. A question is a citizen's typed message " +
    "the bot took a turn on (an FAQ answer, a clarification, a fallback or a handoff); not flow or queue buttons, words to an " +
    "agent, smalltalk, or an explicit request for a person; the same words resent within 60 s count once; a question with no " +
    "reply yet is left out (counted as pending). Answered on its own: the reply came from the FAQ, the citizen gave it no " +
    "thumbs-down, and did not ask for a person before their next question. Clarified then answered counts as two questions, one answered.",
};

export interface AnswerRate extends Ratio {
  /** Why the others were not answered. */
  thumbsDown: number;
  askedForPerson: number;
  notAnswered: number;
}

export interface AnswerRateReport extends Grouped<AnswerRate> {
  /** Outside E, over the whole log: questions waiting for a reply, smalltalk, requests for a person. */
  pending: number;
  smalltalk: number;
  personRequests: number;
}

function rateOf(questions: readonly Question[]): AnswerRate {
  const count = (o: Question["outcome"]) => questions.filter((q) => q.outcome === o).length;
  return {
    ...ratio(count("answered"), questions.length),
    thumbsDown: count("thumbs_down"),
    askedForPerson: count("asked_for_person"),
    notAnswered: count("not_answered"),
  };
}

/** E over the log, and per group ("hour", "day", "channel", "domain"; a question has no skill). */
export function automaticAnswerRate(log: DeskLog, grouping?: Grouping): AnswerRateReport {
  const read = readQuestions(log);
  return {
    ...grouped(read.questions, (q) => q, grouping, log, rateOf),
    pending: read.pending.length,
    smalltalk: read.smalltalk,
    personRequests: read.personRequests,
  };
}
