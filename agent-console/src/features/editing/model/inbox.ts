/**
 * The editors' inbox and each FAQ's answer feedback, as the server's /api/v1/knowledge/inbox and
 * /api/v1/knowledge/answer-feedback routes give them (src/inbox/plugin.ts).
 */

export const INBOX_REASONS = ["fallback", "clarify", "handoff", "thumbs_down", "flagged"] as const;
export type InboxReason = (typeof INBOX_REASONS)[number];

/** One group of questions asked alike that the bot did not answer well. */
export interface InboxGroup {
  key: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  /** Up to five wordings, masked as stored, the most typical first. */
  examples: string[];
  reasons: { reason: InboxReason; count: number }[];
  /** The intents the bot guessed, most first, with the FAQ that answers each (null: none). */
  intents: { intent: string; count: number; faqId: string | null }[];
  notes: string[];
  messageIds: string[];
}

export interface Inbox {
  since: string;
  /** The window held more questions than were read (the oldest left out). */
  truncated: boolean;
  questions: number;
  groups: InboxGroup[];
}

/** Questions for an FAQ, by language. */
export interface QuestionsByLanguage {
  zh: string[];
  en: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const texts = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const isReason = (v: unknown): v is InboxReason => INBOX_REASONS.includes(v as InboxReason);

function parseGroup(v: unknown): InboxGroup | null {
  if (!isObject(v) || typeof v.key !== "string" || typeof v.count !== "number" || !Array.isArray(v.messageIds)) return null;
  const reasons = (Array.isArray(v.reasons) ? v.reasons : []).flatMap((r: unknown) =>
    isObject(r) && isReason(r.reason) && typeof r.count === "number" ? [{ reason: r.reason, count: r.count }] : [],
  );
  const intents = (Array.isArray(v.intents) ? v.intents : []).flatMap((i: unknown) =>
    isObject(i) && typeof i.intent === "string" && typeof i.count === "number"
      ? [{ intent: i.intent, count: i.count, faqId: typeof i.faqId === "string" ? i.faqId : null }]
      : [],
  );
  return {
    key: v.key,
    count: v.count,
    firstSeen: typeof v.firstSeen === "string" ? v.firstSeen : "",
    lastSeen: typeof v.lastSeen === "string" ? v.lastSeen : "",
    examples: texts(v.examples),
    reasons,
    intents,
    notes: texts(v.notes),
    messageIds: texts(v.messageIds),
  };
}

export function parseInbox(body: unknown): Inbox | null {
  if (!isObject(body) || !Array.isArray(body.groups)) return null;
  const groups = body.groups.map(parseGroup);
  if (groups.some((g) => g === null)) return null;
  return {
    since: typeof body.since === "string" ? body.since : "",
    truncated: body.truncated === true,
    questions: typeof body.questions === "number" ? body.questions : 0,
    groups: groups as InboxGroup[],
  };
}

/** How far back the inbox looks, in days (the server's default is 30). */
export const INBOX_DAYS = [7, 30, 90] as const;

/** The query of an inbox request: the window's start (from `now`, `days` back) and the reason chosen. */
export function inboxQueryString(filter: { days: number; reason: InboxReason | "" }, now: number): string {
  const params = new URLSearchParams({ since: new Date(now - filter.days * 86_400_000).toISOString() });
  if (filter.reason) params.set("reason", filter.reason);
  return `?${params.toString()}`;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;
// A number masked as stored (138****5678, 1101**********002X): someone's, never an FAQ's words.
const MASKED = /[0-9A-Za-z]*\*{3,}[0-9A-Za-z]*/g;

/**
 * A group's wordings as questions for an FAQ, each once, split by script (a Chinese character
 * present: Chinese; else English). A wording with someone's masked number in it is left out while
 * others remain; when none remain, the numbers are taken out of them instead.
 */
export function questionsOf(group: Pick<InboxGroup, "examples">): QuestionsByLanguage {
  const clean = group.examples.filter((e) => !e.includes("***"));
  const wordings = clean.length > 0 ? clean : group.examples.map((e) => e.replace(MASKED, "").replace(/[\s，,、:：]+$/u, ""));
  const out: QuestionsByLanguage = { zh: [], en: [] };
  for (const wording of wordings) {
    const text = wording.replace(/\s+/g, " ").trim();
    if (!text) continue;
    const list = CJK.test(text) ? out.zh : out.en;
    if (!list.includes(text)) list.push(text);
  }
  return out;
}

/**
 * The FAQ to offer first for a group: the one answering the intent the bot guessed most often
 * (among the FAQs there are), or none.
 */
export function suggestedFaq(group: Pick<InboxGroup, "intents">, faqIds: ReadonlySet<string>): string | null {
  return group.intents.find((i) => i.faqId !== null && faqIds.has(i.faqId))?.faqId ?? null;
}

/** One FAQ's answers over the window, as GET /api/v1/knowledge/answer-feedback gives them. */
export interface AnswerFeedback {
  faqId: string;
  answers: number;
  thumbsDown: number;
  handoffs: number;
  thumbsDownRate: number;
  handoffRate: number;
}

export function parseAnswerFeedback(body: unknown): Map<string, AnswerFeedback> | null {
  if (!isObject(body) || !Array.isArray(body.faqs)) return null;
  const out = new Map<string, AnswerFeedback>();
  for (const f of body.faqs as unknown[]) {
    if (!isObject(f) || typeof f.faqId !== "string") return null;
    const n = (k: string) => (typeof f[k] === "number" ? (f[k] as number) : 0);
    out.set(f.faqId, { faqId: f.faqId, answers: n("answers"), thumbsDown: n("thumbsDown"), handoffs: n("handoffs"), thumbsDownRate: n("thumbsDownRate"), handoffRate: n("handoffRate") });
  }
  return out;
}

/**
 * A rate worth an editor's look: at least one answer in five went wrong, over enough answers that
 * it is not one unlucky conversation.
 */
export const HIGH_RATE = 0.2;
export const ENOUGH_ANSWERS = 5;
export function isHighRate(rate: number, answers: number): boolean {
  return answers >= ENOUGH_ANSWERS && rate >= HIGH_RATE;
}

/** "12%", "0%", "—" (no answers in the window). */
export function percent(rate: number, answers: number): string {
  return answers === 0 ? "—" : `${Math.round(rate * 100)}%`;
}

/** FAQ rows in the order an editor asked for: as listed, or the worst rate of the kind chosen first. */
export type FeedbackSort = "listed" | "thumbsDown" | "handoffs";
export function sortByFeedback<T extends { id: string }>(rows: readonly T[], feedback: ReadonlyMap<string, AnswerFeedback>, sort: FeedbackSort): T[] {
  if (sort === "listed") return [...rows];
  const rate = (row: T) => {
    const f = feedback.get(row.id);
    return f ? (sort === "thumbsDown" ? f.thumbsDownRate : f.handoffRate) : -1;
  };
  const answers = (row: T) => feedback.get(row.id)?.answers ?? 0;
  return [...rows].sort((a, b) => rate(b) - rate(a) || answers(b) - answers(a));
}
