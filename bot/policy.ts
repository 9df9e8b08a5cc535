/**
 * The numbers behind the bot's choice for each message. Confidence is the calibrated probability
 * that the top intent is right (see src/nlu/calibration.ts); these thresholds were set by reading
 * `npm run eval` on the public dev set, never by training on it.
 */
export interface DialogPolicy {
  /** At or above: answer directly. */
  answerAt: number;
  /** At or above (and below answerAt): ask the citizen to choose between the top candidates. */
  clarifyAt: number;
  /** At most this many choices in a clarification. */
  clarifyOptions: number;
  /** A candidate joins a clarification when its score is at least this share of the top one's. */
  clarifyShare: number;
}

export const dialogPolicy: DialogPolicy = {
  answerAt: 0.65,
  clarifyAt: 0.3,
  clarifyOptions: 3,
  clarifyShare: 0.35,
};

/** Intents that are not answered with FAQ content but change what the conversation does next. */
export const intentActions: Record<string, "smalltalk" | "handoff"> = {
  greeting: "smalltalk",
  thanks: "smalltalk",
  goodbye: "smalltalk",
  "agent.request": "handoff",
  complaint: "handoff",
};

/**
 * Topics where a wrong guess costs a citizen money or rights: a middling answer here is a reason to
 * bring in a person rather than keep guessing. Prefixes of intent ids.
 */
export const sensitiveTopics: string[] = ["injury.", "pension.benefit.", "unemployment.eligibility", "complaint"];
