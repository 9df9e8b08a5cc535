/**
 * The port of the editors' inbox: the citizens' questions the bot did not answer well, the agents'
 * flags, what editors did with them, and how each FAQ's answers were received (ports.ts re-exports it).
 */

/**
 * Why a question is in the inbox:
 * - `fallback`: the bot's reply to it said it could not help (out of scope, or too unsure);
 * - `clarify`: the bot asked back ("您是想问…吗？", or a choice) instead of answering (a "rephrase"
 *   reply answers the citizen's "none of these" button: its question is this same one, listed already);
 * - `handoff`: right after the bot's reply to it, the citizen's next turn asked for a person (the next
 *   thing the bot said in that conversation was the way to a person);
 * - `thumbs_down`: the citizen rated the bot's answer to it down;
 * - `flagged`: an agent who had the conversation said the bot should know this.
 */
export const UNANSWERED_REASONS = ["fallback", "clarify", "handoff", "thumbs_down", "flagged"] as const;
export type UnansweredReason = (typeof UNANSWERED_REASONS)[number];

/** A citizen's question the bot did not answer well. */
export interface UnansweredQuestion {
  /** The citizen's message. */
  messageId: string;
  /** As stored: personal data masked. */
  text: string;
  createdAt: string;
  /** Each reason once, in the order of UNANSWERED_REASONS. */
  reasons: UnansweredReason[];
  /**
   * The intents the bot guessed: its reply's own intent first, then the options its buttons
   * offered (a "did you mean", a choice, related questions after a fallback); none when it had no idea.
   */
  intents: string[];
  /** The reply's calibrated confidence; null when the reply carried none (a flag during a live chat). */
  confidence: number | null;
  /** What agents wrote when they flagged it (masked), oldest first. */
  notes: string[];
}

/** An agent's "the bot should know this" on a citizen's message. */
export interface QuestionFlag {
  messageId: string;
  agentId: string;
  /** Masked by the caller; empty when none. */
  note: string;
  at: string;
}

/** What an editor did with questions of the inbox: they leave it for good. */
export const HANDLED_HOW = ["added_to_faq", "new_faq", "dismissed"] as const;
export type HandledHow = (typeof HANDLED_HOW)[number];

export interface HandledMark {
  messageId: string;
  /** The editor's staff id. */
  by: string;
  how: HandledHow;
  /** The FAQ the question went into, when it went into one. */
  faqId: string | null;
  at: string;
}

/** How one FAQ's answers were received over a window (see UnansweredQuestionStore.answerFeedback). */
export interface FaqAnswerCounts {
  faqId: string;
  answers: number;
  thumbsDown: number;
  handoffs: number;
}

/** Which questions a read covers: asked since `since` (ISO), at most `limit` of them, newest first. */
export interface InboxWindow {
  since: string;
  limit: number;
}

export interface UnansweredQuestionStore {
  /**
   * The citizens' typed questions asked since `window.since` that the bot did not answer well (the
   * reasons above), not yet handled, newest first, at most `window.limit` (each reason's read is
   * cut at the limit too, newest kept). A pressed button is not a question (its text is the
   * button's label); the question behind it is the one typed before. A flagged message is listed
   * whatever it was: the agent saw it.
   */
  unanswered(window: InboxWindow): Promise<UnansweredQuestion[]>;
  /** Records a flag; the same agent flagging the same message again replaces the note. False when it replaced one. */
  flag(flag: QuestionFlag): Promise<boolean>;
  /** The flags on a message, oldest first. */
  flagsOn(messageId: string): Promise<QuestionFlag[]>;
  /** Marks questions handled, in one step; the number newly marked (one marked before keeps its first mark). */
  markHandled(marks: readonly HandledMark[]): Promise<number>;
  /** The marks of these messages (those that have one). */
  handledMarks(messageIds: readonly string[]): Promise<HandledMark[]>;
  /**
   * Per FAQ, over the answers given since `since`: how many (bot messages that answered with that
   * FAQ: decision "faq", or "faq_in_flow" when asked in the middle of an application), how many of
   * those were rated down, and how many were followed by a request for a person: the next thing the
   * bot said in that conversation was the way to a person (the citizen's next turn asked for one).
   * FAQs with no answer in the window are not listed.
   */
  answerFeedback(since: string): Promise<FaqAnswerCounts[]>;
  /**
   * Whether the agent has or had a part in the conversation: a handoff of it is or was assigned to
   * them, or they wrote in it (a transfer hands the handoff record to the next agent, so the record
   * alone forgets the first).
   */
  agentTookPart(conversationId: string, agentId: string): Promise<boolean>;
}
