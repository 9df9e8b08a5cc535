/**
 * The editors' drafts as the server's /api/v1/knowledge/drafts routes give them
 * (src/publishing/drafts-plugin.ts): each answer read and checked here, so a component gets typed
 * values or nothing; and the FAQ form's pure parts (text fields to FAQ fields and back, the checks
 * the server would make, worded by the component).
 */

/** Where a draft is (src/storage/knowledge-ports.ts DraftStatus). */
export const DRAFT_STATUSES = ["open", "in_review", "approved", "publishing", "published", "discarded"] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];

/** The statuses in which a draft can still be changed (src/publishing/draft-review.ts WORKING). */
export const WORKING_STATUSES: readonly DraftStatus[] = ["open", "in_review", "approved"];

/** What an editor may ask of a draft (draft-review.ts DraftStep); the server lists the allowed ones. */
export const DRAFT_STEPS = ["edit", "comment", "submit", "approve", "request_changes", "publish", "discard"] as const;
export type DraftStep = (typeof DRAFT_STEPS)[number];

export const NOTE_KINDS = ["comment", "submitted", "approved", "changes_requested", "published", "refused", "failed"] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export const PUBLICATION_PHASES = ["training", "checking", "publishing"] as const;
export type PublicationPhase = (typeof PUBLICATION_PHASES)[number];

/** A line of a draft's conversation: a comment, a request for review, a verdict, an outcome. */
export interface DraftNote {
  kind: NoteKind;
  byName: string;
  at: string;
  text: string;
}

/** The regression guard's figures for a refused publication. */
export interface GuardVerdict {
  questions: number;
  /** Shares (0…1) understood right by the serving model and by the draft's. */
  before: number;
  after: number;
  fixed: number;
  regressed: { text: string; expected: string; now: string }[];
}

export type DraftOutcome =
  | { kind: "published"; at: string; version: number }
  | { kind: "refused"; at: string; reason: string; verdict: GuardVerdict | null }
  | { kind: "failed"; at: string; reason: string };

/** One document the draft changes, as a diff against the newest version (DraftChangeView). */
export interface DraftChange {
  file: string;
  faqId: string | null;
  kind: "added" | "changed" | "removed";
  patch: string;
}

/** Where a publication under way is (PublicationProgressView). */
export interface PublicationProgress {
  phase: PublicationPhase;
  step: string | null;
  done: number | null;
  total: number | null;
  startedAt: string;
}

/** A draft in the list (no changes or notes, only their counts). */
export interface DraftSummary {
  id: string;
  title: string;
  authorName: string;
  status: DraftStatus;
  changed: number;
  notes: number;
  updatedAt: string;
  outcome: DraftOutcome | null;
}

export interface DraftList {
  reviewRequired: boolean;
  drafts: DraftSummary[];
}

/** One draft as the editor works on it. */
export interface Draft {
  id: string;
  title: string;
  authorName: string;
  status: DraftStatus;
  baseVersion: number;
  newestVersion: number;
  revision: number;
  updatedAt: string;
  changes: DraftChange[];
  /** Files a version published since the draft began changed too. */
  conflicts: string[];
  /** Why the draft would not load now, if it would not. */
  problem: string | null;
  notes: DraftNote[];
  outcome: DraftOutcome | null;
  /** What the asking editor may do with it now. */
  allowed: DraftStep[];
  publication: PublicationProgress | null;
  reviewRequired: boolean;
}

export interface IntentRef {
  id: string;
  domain: string;
}

/** A draft with what its forms choose from: the intents and domains it would publish, the guided applications. */
export interface DraftDetail {
  draft: Draft;
  intents: IntentRef[];
  domains: string[];
  flows: string[];
}

/** What an editor sets on an FAQ (src/knowledge/faq.ts EditableFaqSchema). */
export interface FaqFields {
  domain: string;
  tags: string[];
  flow?: string;
  legalBasis: string[];
  related: string[];
  questions: { zh: string[]; en: string[] };
  answer: { zh: string; en: string };
  effective?: string;
  expires?: string;
}

/** One FAQ as the draft has it (or as published, with no revision, before there is a draft). */
export interface EditableFaq {
  id: string;
  intent: string;
  file: string;
  fields: FaqFields;
  /** Whether the draft changes its file. */
  changed: boolean;
  /** The draft's revision it was read at; null when read from the published version. */
  revision: number | null;
}

/** The try box's answer: the draft's reply, or how far its model's training is. */
export type TryResult =
  | { ready: true; locale: "zh" | "en"; text: string; options: string[]; decision: string; intent: string; confidence: number }
  | { ready: false; training: { step: string | null; done: number | null; total: number | null; startedAt: string } };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const texts = (v: unknown): string[] | null => (Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : null);
const text = (v: unknown, fallback = ""): string => (typeof v === "string" ? v : fallback);
const count = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const oneOf = <T extends string>(values: readonly T[], v: unknown): T | null => (values.includes(v as T) ? (v as T) : null);

function parseNote(v: unknown): DraftNote | null {
  if (!isObject(v)) return null;
  const kind = oneOf(NOTE_KINDS, v.kind);
  return kind ? { kind, byName: text(v.byName), at: text(v.at), text: text(v.text) } : null;
}

function parseVerdict(v: unknown): GuardVerdict | null {
  if (!isObject(v)) return null;
  const [questions, before, after, fixed] = [count(v.questions), count(v.before), count(v.after), count(v.fixed)];
  if (questions === null || before === null || after === null) return null;
  const regressed = Array.isArray(v.regressed)
    ? v.regressed.flatMap((r: unknown) =>
        isObject(r) && typeof r.text === "string" ? [{ text: r.text, expected: text(r.expected), now: text(r.now) }] : [],
      )
    : [];
  return { questions, before, after, fixed: fixed ?? 0, regressed };
}

export function parseOutcome(v: unknown): DraftOutcome | null {
  if (!isObject(v)) return null;
  const at = text(v.at);
  if (v.kind === "published" && typeof v.version === "number") return { kind: "published", at, version: v.version };
  if (v.kind === "refused") return { kind: "refused", at, reason: text(v.reason), verdict: parseVerdict(v.verdict) };
  if (v.kind === "failed") return { kind: "failed", at, reason: text(v.reason) };
  return null;
}

function parseChange(v: unknown): DraftChange | null {
  if (!isObject(v) || typeof v.file !== "string" || typeof v.patch !== "string") return null;
  const kind = oneOf(["added", "changed", "removed"] as const, v.kind);
  if (!kind) return null;
  return { file: v.file, faqId: typeof v.faqId === "string" ? v.faqId : null, kind, patch: v.patch };
}

function parseProgress(v: unknown): PublicationProgress | null {
  if (!isObject(v)) return null;
  const phase = oneOf(PUBLICATION_PHASES, v.phase);
  if (!phase) return null;
  return { phase, step: typeof v.step === "string" ? v.step : null, done: count(v.done), total: count(v.total), startedAt: text(v.startedAt) };
}

/** A DraftView (the server's draft plus changes as diffs, conflicts, the steps allowed). */
export function parseDraft(v: unknown): Draft | null {
  if (!isObject(v) || typeof v.id !== "string" || typeof v.revision !== "number") return null;
  const status = oneOf(DRAFT_STATUSES, v.status);
  if (!status || !Array.isArray(v.changes)) return null;
  const changes = v.changes.map(parseChange);
  if (changes.some((c) => c === null)) return null;
  return {
    id: v.id,
    title: text(v.title),
    authorName: text(v.authorName),
    status,
    baseVersion: count(v.baseVersion) ?? 0,
    newestVersion: count(v.newestVersion) ?? 0,
    revision: v.revision,
    updatedAt: text(v.updatedAt),
    changes: changes as DraftChange[],
    conflicts: texts(v.conflicts) ?? [],
    problem: typeof v.problem === "string" && v.problem !== "" ? v.problem : null,
    notes: Array.isArray(v.notes) ? v.notes.flatMap((n: unknown) => parseNote(n) ?? []) : [],
    outcome: parseOutcome(v.outcome),
    allowed: Array.isArray(v.allowed) ? v.allowed.flatMap((s: unknown) => oneOf(DRAFT_STEPS, s) ?? []) : [],
    publication: parseProgress(v.publication),
    reviewRequired: v.reviewRequired === true,
  };
}

/** `{draft}`: what every route that changes a draft answers. */
export function parseDraftAnswer(body: unknown): Draft | null {
  return isObject(body) ? parseDraft(body.draft) : null;
}

export function parseDraftDetail(body: unknown): DraftDetail | null {
  if (!isObject(body)) return null;
  const draft = parseDraft(body.draft);
  if (!draft) return null;
  const intents = Array.isArray(body.intents)
    ? body.intents.flatMap((i: unknown) => (isObject(i) && typeof i.id === "string" ? [{ id: i.id, domain: text(i.domain) }] : []))
    : [];
  return { draft, intents, domains: texts(body.domains) ?? [], flows: texts(body.flows) ?? [] };
}

function parseSummary(v: unknown): DraftSummary | null {
  if (!isObject(v) || typeof v.id !== "string") return null;
  const status = oneOf(DRAFT_STATUSES, v.status);
  if (!status) return null;
  return {
    id: v.id,
    title: text(v.title),
    authorName: text(v.authorName),
    status,
    changed: count(v.changed) ?? 0,
    notes: count(v.notes) ?? 0,
    updatedAt: text(v.updatedAt),
    outcome: parseOutcome(v.outcome),
  };
}

export function parseDraftList(body: unknown): DraftList | null {
  if (!isObject(body) || !Array.isArray(body.drafts)) return null;
  const drafts = body.drafts.map(parseSummary);
  if (drafts.some((d) => d === null)) return null;
  return { reviewRequired: body.reviewRequired === true, drafts: drafts as DraftSummary[] };
}

/** An FAQ object (id, intent and the editable fields), as the routes send it; null when a field is not what it should be. */
function parseFaqObject(v: unknown): { id: string; intent: string; fields: FaqFields } | null {
  if (!isObject(v) || typeof v.id !== "string" || typeof v.intent !== "string" || typeof v.domain !== "string") return null;
  const q = isObject(v.questions) ? v.questions : {};
  const a = isObject(v.answer) ? v.answer : {};
  const [zh, en] = [texts(q.zh), texts(q.en)];
  if (!zh || !en || typeof a.zh !== "string" || typeof a.en !== "string") return null;
  const fields: FaqFields = {
    domain: v.domain,
    tags: texts(v.tags) ?? [],
    legalBasis: texts(v.legalBasis) ?? [],
    related: texts(v.related) ?? [],
    questions: { zh, en },
    answer: { zh: a.zh, en: a.en },
  };
  if (typeof v.flow === "string") fields.flow = v.flow;
  if (typeof v.effective === "string") fields.effective = v.effective;
  if (typeof v.expires === "string") fields.expires = v.expires;
  return { id: v.id, intent: v.intent, fields };
}

/** GET drafts/:id/faqs/:faqId: `{faq, file, changed, revision}`. */
export function parseDraftFaq(body: unknown): EditableFaq | null {
  if (!isObject(body) || typeof body.file !== "string" || typeof body.revision !== "number") return null;
  const faq = parseFaqObject(body.faq);
  return faq ? { ...faq, file: body.file, changed: body.changed === true, revision: body.revision } : null;
}

/** GET faqs/:id (the newest version): the same FAQ before any draft. */
export function parsePublishedFaq(body: unknown): EditableFaq | null {
  if (!isObject(body) || typeof body.file !== "string") return null;
  const faq = parseFaqObject(body.faq);
  return faq ? { ...faq, file: body.file, changed: false, revision: null } : null;
}

/** POST drafts/:id/try: 200 `{ready: true, locale, decision, reply, intent, confidence}` or 202 `{ready: false, training}`. */
export function parseTryResult(body: unknown): TryResult | null {
  if (!isObject(body)) return null;
  if (body.ready === false) {
    const t = isObject(body.training) ? body.training : null;
    if (!t) return null;
    return { ready: false, training: { step: typeof t.step === "string" ? t.step : null, done: count(t.done), total: count(t.total), startedAt: text(t.startedAt) } };
  }
  if (body.ready !== true || !isObject(body.reply) || typeof body.reply.text !== "string") return null;
  const options = Array.isArray(body.reply.quickReplies)
    ? body.reply.quickReplies.flatMap((r: unknown) => (isObject(r) && typeof r.label === "string" ? [r.label] : []))
    : [];
  return {
    ready: true,
    locale: body.locale === "en" ? "en" : "zh",
    text: body.reply.text,
    options,
    decision: isObject(body.decision) ? text(body.decision.kind) : "",
    intent: text(body.intent, "none"),
    confidence: count(body.confidence) ?? 0,
  };
}

// ---------------------------------------------------------------------------------------------
// The FAQ form: text as typed, FAQ fields as sent, and the checks the server makes.

/** The least question variants per language an FAQ needs (EditableFaqSchema). */
export const MIN_QUESTIONS = { zh: 5, en: 2 } as const;

/** An intent id as the server takes it (src/knowledge/faq.ts IntentId). */
export const INTENT_ID = /^[a-z]+(?:[._][a-z]+)*$/;

/** The FAQ the server makes for a new intent (draft-edits.ts addFaq). */
export const faqIdOf = (intentId: string): string => `faq-${intentId.replace(/[._]/g, "-")}`;

/** The form's fields, as typed: lists one per line (questions, legal basis) or separated by commas (tags, related). */
export interface FaqForm {
  domain: string;
  questionsZh: string;
  questionsEn: string;
  answerZh: string;
  answerEn: string;
  flow: string;
  legalBasis: string;
  tags: string;
  related: string;
  effective: string;
  expires: string;
}

export const EMPTY_FORM: FaqForm = {
  domain: "",
  questionsZh: "",
  questionsEn: "",
  answerZh: "",
  answerEn: "",
  flow: "",
  legalBasis: "",
  tags: "",
  related: "",
  effective: "",
  expires: "",
};

/** The non-empty lines, trimmed. */
export const linesOf = (typed: string): string[] =>
  typed
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");

/** Items separated by commas (also Chinese ， and 、) or new lines, trimmed, empty ones dropped. */
export const itemsOf = (typed: string): string[] =>
  typed
    .split(/[,，、;；\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");

/** Intent ids separated by commas or spaces. */
export const intentIdsOf = (typed: string): string[] => typed.split(/[\s,，、;；]+/).filter((s) => s !== "");

/** The items that occur more than once, each named once, in order of first repeat. */
export function duplicatesOf(items: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const item of items) {
    if (seen.has(item)) twice.add(item);
    seen.add(item);
  }
  return [...twice];
}

export function formOf(fields: FaqFields): FaqForm {
  return {
    domain: fields.domain,
    questionsZh: fields.questions.zh.join("\n"),
    questionsEn: fields.questions.en.join("\n"),
    answerZh: fields.answer.zh,
    answerEn: fields.answer.en,
    flow: fields.flow ?? "",
    legalBasis: fields.legalBasis.join("\n"),
    tags: fields.tags.join(", "),
    related: fields.related.join(", "),
    effective: fields.effective ?? "",
    expires: fields.expires ?? "",
  };
}

/** The FAQ fields the form says, as the server takes them (no key for an empty flow or date). */
export function fieldsOf(form: FaqForm): FaqFields {
  const fields: FaqFields = {
    domain: form.domain,
    tags: itemsOf(form.tags),
    legalBasis: linesOf(form.legalBasis),
    related: intentIdsOf(form.related),
    questions: { zh: linesOf(form.questionsZh), en: linesOf(form.questionsEn) },
    answer: { zh: form.answerZh.trim(), en: form.answerEn.trim() },
  };
  if (form.flow) fields.flow = form.flow;
  if (form.effective) fields.effective = form.effective;
  if (form.expires) fields.expires = form.expires;
  return fields;
}

/** Whether two sets of fields say the same (the order of keys aside). */
export function sameFields(a: FaqFields, b: FaqFields): boolean {
  return JSON.stringify(fieldsOf(formOf(a))) === JSON.stringify(fieldsOf(formOf(b)));
}

/** A reason the form cannot be saved as it is, for the component to word next to its field. */
export type FormProblem =
  | { field: "questionsZh" | "questionsEn"; kind: "few"; min: number; count: number }
  | { field: "answerZh" | "answerEn" | "domain" | "intentZh" | "intentEn"; kind: "empty" }
  | { field: "related"; kind: "unknown"; ids: string[] }
  | { field: "effective" | "expires"; kind: "not_a_day" }
  | { field: "expires"; kind: "order" }
  | { field: "intentId"; kind: "format" | "exists" };

/** A YYYY-MM-DD that is a day on the calendar. */
export function isCalendarDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const t = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().startsWith(day);
}

/** What the server would refuse in the FAQ's fields; `intents` are the ids the draft knows (for related). */
export function formProblems(form: FaqForm, intents: ReadonlySet<string>): FormProblem[] {
  const out: FormProblem[] = [];
  const zh = linesOf(form.questionsZh).length;
  const en = linesOf(form.questionsEn).length;
  if (!form.domain) out.push({ field: "domain", kind: "empty" });
  if (zh < MIN_QUESTIONS.zh) out.push({ field: "questionsZh", kind: "few", min: MIN_QUESTIONS.zh, count: zh });
  if (en < MIN_QUESTIONS.en) out.push({ field: "questionsEn", kind: "few", min: MIN_QUESTIONS.en, count: en });
  if (!form.answerZh.trim()) out.push({ field: "answerZh", kind: "empty" });
  if (!form.answerEn.trim()) out.push({ field: "answerEn", kind: "empty" });
  const unknown = intentIdsOf(form.related).filter((id) => !intents.has(id));
  if (unknown.length > 0) out.push({ field: "related", kind: "unknown", ids: unknown });
  if (form.effective && !isCalendarDay(form.effective)) out.push({ field: "effective", kind: "not_a_day" });
  if (form.expires && !isCalendarDay(form.expires)) out.push({ field: "expires", kind: "not_a_day" });
  else if (form.effective && form.expires && form.effective >= form.expires) out.push({ field: "expires", kind: "order" });
  return out;
}

/** A new intent's own fields: its id (lower-case words joined by '.' or '_', not taken) and its names. */
export interface IntentForm {
  id: string;
  zh: string;
  en: string;
}

export function intentProblems(intent: IntentForm, intents: ReadonlySet<string>): FormProblem[] {
  const out: FormProblem[] = [];
  const id = intent.id.trim();
  if (!INTENT_ID.test(id)) out.push({ field: "intentId", kind: "format" });
  else if (intents.has(id)) out.push({ field: "intentId", kind: "exists" });
  if (!intent.zh.trim()) out.push({ field: "intentZh", kind: "empty" });
  if (!intent.en.trim()) out.push({ field: "intentEn", kind: "empty" });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Small readings for the screen.

/** Whether the draft can still be changed (open, in review, approved). */
export const isWorking = (status: DraftStatus): boolean => WORKING_STATUSES.includes(status);

/** Working drafts first (newest change first), then the finished ones, as the server listed them. */
export function orderDrafts(drafts: readonly DraftSummary[]): DraftSummary[] {
  const working = drafts.filter((d) => isWorking(d.status) || d.status === "publishing");
  const done = drafts.filter((d) => !working.includes(d));
  return [...working, ...done];
}

/** A share of work done, 0…1, when both counts are known. */
export function shareDone(done: number | null, total: number | null): number | null {
  if (done === null || total === null || total <= 0) return null;
  return Math.min(1, Math.max(0, done / total));
}

/** 0.934 → "93.4%". */
export const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;
