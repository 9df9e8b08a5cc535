import { randomUUID } from "node:crypto";
import type { AuditLog } from "../audit/audit-log.js";
import type { Action } from "../access/permissions.js";
import type { KnowledgeDocuments } from "../knowledge/documents.js";
import { KnowledgeLoadError } from "../knowledge/errors.js";
import type { IntentInfo, KnowledgeBase } from "../knowledge/load.js";
import { knowledgeBaseFrom } from "../knowledge/load.js";
import { auditDone } from "../staff/guard.js";
import type { DraftNote, KnowledgeDraft, KnowledgeDraftStore, KnowledgeVersion, KnowledgeVersionStore, StaffRecord } from "../storage/ports.js";
import { addFaq, addQuestions, applyPatch, type DocumentPatch, draftConflicts, editFaq, type FaqFields, faqIdIn, mergePatch, restoreFaq, retireFaq } from "./draft-edits.js";
import { type DraftStep, refusal, statusAfterEdit, WORKING } from "./draft-review.js";
import { KnowledgeError } from "./errors.js";

/**
 * Intents the desk's own dialogue relies on (src/dialog/turn.ts, handoff.ts, bot-words.ts): their
 * FAQs can be edited, not retired.
 */
export const DIALOGUE_INTENTS: ReadonlySet<string> = new Set(["agent.request", "complaint", "greeting", "thanks", "goodbye"]);

/** One FAQ's additions: new question variants and, optionally, a replaced answer (the inbox, a spreadsheet). */
export interface QuestionAdditions {
  faqId: string;
  questions: { zh: string[]; en: string[] };
  answer?: { zh?: string; en?: string };
}

/** What a draft would publish now: the newest version with the draft's changes, validated. */
export interface DraftCandidate {
  published: KnowledgeVersion;
  documents: Map<string, string>;
  kb: KnowledgeBase;
  /** Documents a version published since the draft began changed too (draftConflicts). */
  conflicts: string[];
}

export interface DraftsDeps {
  drafts: KnowledgeDraftStore;
  versions: KnowledgeVersionStore;
  audit: AuditLog;
  clock: () => Date;
  /** Whether a second editor must approve a draft before it is published (KNOWLEDGE_REVIEW). */
  reviewRequired: boolean;
  /** Refuses (throws) a knowledge base the desk cannot serve: an FAQ naming an unknown guided application. */
  servable: (kb: KnowledgeBase) => void;
}

/**
 * Editors' drafts: changes collected, commented, reviewed and handed to publication. Every change is
 * checked against the whole knowledge base it would make (a draft that would not load is refused
 * with the file and field at fault, and nothing is saved) and audited.
 */
export class KnowledgeDrafts {
  // The newest version parsed once, and the base versions drafts were started on.
  private newest: { version: KnowledgeVersion; kb: KnowledgeBase } | undefined;

  constructor(private readonly deps: DraftsDeps) {}

  get reviewRequired(): boolean {
    return this.deps.reviewRequired;
  }

  async published(): Promise<{ version: KnowledgeVersion; kb: KnowledgeBase }> {
    const [summary] = await this.deps.versions.list(1);
    if (!summary) throw new KnowledgeError("KNOWLEDGE_NOT_FOUND", "no knowledge version yet");
    if (this.newest?.version.version !== summary.version) {
      const version = await this.deps.versions.get(summary.version);
      if (!version) throw new KnowledgeError("KNOWLEDGE_NOT_FOUND", `version ${summary.version}`);
      this.newest = { version, kb: knowledgeBaseFrom(version.documents) };
    }
    return this.newest;
  }

  async list(): Promise<KnowledgeDraft[]> {
    const working = await this.deps.drafts.list([...WORKING, "publishing"], 100);
    const done = await this.deps.drafts.list(["published", "discarded"], 20);
    return [...working, ...done];
  }

  async get(id: string): Promise<KnowledgeDraft> {
    const draft = await this.deps.drafts.get(id);
    if (!draft) throw new KnowledgeError("KNOWLEDGE_NOT_FOUND", `draft ${id}`);
    return draft;
  }

  async create(staff: StaffRecord, title: string): Promise<KnowledgeDraft> {
    const { version } = await this.published();
    const at = this.deps.clock().toISOString();
    const draft: KnowledgeDraft = {
      id: randomUUID(),
      title,
      author: staff.id,
      authorName: staff.username,
      editors: [],
      baseVersion: version.version,
      status: "open",
      changes: {},
      notes: [],
      approvedRevision: null,
      outcome: null,
      createdAt: at,
      updatedAt: at,
      revision: 1,
    };
    await this.deps.drafts.create(draft);
    await this.audited(staff, "knowledge.edit", draft, { step: "create", title });
    return draft;
  }

  /** The knowledge base the draft would publish now, with what stands in its way. */
  async candidate(draft: KnowledgeDraft): Promise<DraftCandidate> {
    const { version } = await this.published();
    const documents = applyPatch(version.documents, draft.changes);
    const base = draft.baseVersion === version.version ? version : await this.deps.versions.get(draft.baseVersion);
    const conflicts = draftConflicts(base?.documents ?? new Map(), version.documents, draft.changes);
    return { published: version, documents, kb: this.loadable(documents), conflicts };
  }

  editFaq(id: string, staff: StaffRecord, faqId: string, fields: FaqFields, revision?: number): Promise<KnowledgeDraft> {
    return this.change(id, staff, revision, { step: "edit", faq: faqId }, (docs, kb) => editFaq(docs, kb, faqId, fields));
  }

  addFaq(id: string, staff: StaffRecord, intent: IntentInfo, fields: FaqFields, revision?: number): Promise<KnowledgeDraft> {
    return this.change(id, staff, revision, { step: "new intent", intent: intent.id }, (docs, kb) => addFaq(docs, kb, intent, fields));
  }

  retireFaq(id: string, staff: StaffRecord, faqId: string, revision?: number): Promise<KnowledgeDraft> {
    return this.change(id, staff, revision, { step: "retire", faq: faqId }, (docs, kb) => retireFaq(docs, kb, faqId, DIALOGUE_INTENTS));
  }

  /** Drops the draft's change to one FAQ's file (the published text comes back). */
  revertFaq(id: string, staff: StaffRecord, faqId: string, revision?: number): Promise<KnowledgeDraft> {
    return this.change(id, staff, revision, { step: "revert", faq: faqId }, (docs, _kb, draft, published) => {
      const file = Object.keys(draft.changes).find((name) => faqIdIn(draft.changes[name] ?? published.get(name)) === faqId);
      if (!file) throw new KnowledgeError("KNOWLEDGE_NOT_FOUND", `the draft does not change FAQ ${faqId}`);
      return restoreFaq(docs, published, file);
    });
  }

  addQuestions(id: string, staff: StaffRecord, additions: readonly QuestionAdditions[], detail: Record<string, string> = {}): Promise<KnowledgeDraft> {
    const counted = additions.reduce((n, a) => n + a.questions.zh.length + a.questions.en.length, 0);
    return this.change(id, staff, undefined, { step: "add questions", questions: String(counted), ...detail }, (docs, kb) => {
      let patch: DocumentPatch = {};
      for (const a of additions) patch = { ...patch, ...addQuestions(applyPatch(docs, patch), kb, a.faqId, a.questions, a.answer) };
      return patch;
    });
  }

  async note(id: string, staff: StaffRecord, step: Extract<DraftStep, "comment" | "submit" | "approve" | "request_changes">, text: string): Promise<KnowledgeDraft> {
    const draft = await this.get(id);
    this.allow(draft, step, staff);
    const kind: DraftNote["kind"] = step === "comment" ? "comment" : step === "submit" ? "submitted" : step === "approve" ? "approved" : "changes_requested";
    const next: KnowledgeDraft = {
      ...draft,
      status: step === "submit" ? "in_review" : step === "approve" ? "approved" : step === "request_changes" ? "open" : draft.status,
      approvedRevision: step === "approve" ? draft.revision + 1 : step === "request_changes" ? null : draft.approvedRevision,
      notes: [...draft.notes, { kind, by: staff.id, byName: staff.username, at: this.deps.clock().toISOString(), text }],
    };
    const saved = await this.save(next, draft.revision);
    await this.audited(staff, step === "approve" || step === "request_changes" ? "knowledge.review" : "knowledge.edit", saved, { step, ...(text ? { text: text.slice(0, 200) } : {}) });
    return saved;
  }

  async discard(id: string, staff: StaffRecord): Promise<KnowledgeDraft> {
    const draft = await this.get(id);
    this.allow(draft, "discard", staff);
    const saved = await this.save({ ...draft, status: "discarded" }, draft.revision);
    await this.audited(staff, "knowledge.edit", saved, { step: "discard" });
    return saved;
  }

  /** Marks the draft as being published; the caller then checks and publishes it (publication.ts). */
  async beginPublishing(id: string, staff: StaffRecord): Promise<{ draft: KnowledgeDraft; candidate: DraftCandidate }> {
    const draft = await this.get(id);
    this.allow(draft, "publish", staff);
    const candidate = await this.candidate(draft);
    if (candidate.conflicts.length > 0) {
      throw new KnowledgeError("KNOWLEDGE_CONFLICT", `published since this draft began, and changed here too: ${candidate.conflicts.join(", ")}; revert those changes and make them again`);
    }
    return { draft: await this.save({ ...draft, status: "publishing" }, draft.revision), candidate };
  }

  /** Records how a publication ended: published (the draft is done) or not (it is open again, with why). */
  async endPublishing(draft: KnowledgeDraft, staff: StaffRecord, outcome: NonNullable<KnowledgeDraft["outcome"]>): Promise<KnowledgeDraft> {
    const current = (await this.deps.drafts.get(draft.id)) ?? draft;
    const text = outcome.kind === "published" ? `version ${outcome.version}` : outcome.reason;
    const next: KnowledgeDraft = {
      ...current,
      status: outcome.kind === "published" ? "published" : "open",
      approvedRevision: null,
      outcome,
      notes: [...current.notes, { kind: outcome.kind, by: staff.id, byName: staff.username, at: outcome.at, text }],
    };
    return this.save(next, current.revision);
  }

  /** Drafts left "publishing" by a stop mid-publication: open again, saying so. */
  async recoverInterrupted(): Promise<number> {
    const stuck = await this.deps.drafts.list(["publishing"], 100);
    for (const draft of stuck) {
      const at = this.deps.clock().toISOString();
      const reason = "the desk stopped while publishing; nothing was published";
      await this.save({ ...draft, status: "open", outcome: { kind: "failed", at, reason }, notes: [...draft.notes, { kind: "failed", by: "desk", byName: "desk", at, text: reason }] }, draft.revision);
    }
    return stuck.length;
  }

  private async change(
    id: string,
    staff: StaffRecord,
    revision: number | undefined,
    detail: Record<string, string>,
    edit: (docs: KnowledgeDocuments, kb: KnowledgeBase, draft: KnowledgeDraft, published: KnowledgeDocuments) => DocumentPatch,
  ): Promise<KnowledgeDraft> {
    const draft = await this.get(id);
    this.allow(draft, "edit", staff);
    if (revision !== undefined && revision !== draft.revision) throw new KnowledgeError("KNOWLEDGE_CONFLICT", `the draft changed since you opened it (revision ${draft.revision}, yours ${revision}); reload it`);
    const { version } = await this.published();
    const docs = applyPatch(version.documents, draft.changes);
    const patch = edit(docs, this.loadable(docs), draft, version.documents);
    const changes = mergePatch(version.documents, draft.changes, patch);
    this.loadable(applyPatch(version.documents, changes));
    const next: KnowledgeDraft = { ...draft, changes, status: statusAfterEdit(draft), editors: draft.editors.includes(staff.id) ? draft.editors : [...draft.editors, staff.id] };
    const saved = await this.save(next, draft.revision);
    await this.audited(staff, "knowledge.edit", saved, detail);
    return saved;
  }

  /** The documents as a knowledge base, or a 400 naming the file and field that would not load. */
  private loadable(documents: KnowledgeDocuments): KnowledgeBase {
    try {
      const kb = knowledgeBaseFrom(documents);
      this.deps.servable(kb);
      return kb;
    } catch (error) {
      if (error instanceof KnowledgeError) throw error;
      const message = error instanceof KnowledgeLoadError ? error.message : (error as Error).message;
      throw new KnowledgeError("KNOWLEDGE_BAD_INPUT", message);
    }
  }

  private allow(draft: KnowledgeDraft, step: DraftStep, staff: StaffRecord): void {
    const why = refusal(draft, step, staff.id, this.deps.reviewRequired);
    if (why) throw new KnowledgeError("KNOWLEDGE_CONFLICT", why);
  }

  private async save(draft: KnowledgeDraft, expected: number): Promise<KnowledgeDraft> {
    const next = { ...draft, revision: expected + 1, updatedAt: this.deps.clock().toISOString() };
    if (!(await this.deps.drafts.save(next, expected))) throw new KnowledgeError("KNOWLEDGE_CONFLICT", "the draft was changed by someone else at the same moment; reload it");
    return next;
  }

  private audited(staff: StaffRecord, action: Action, draft: KnowledgeDraft, detail: Record<string, string>): Promise<void> {
    return auditDone(this.deps.audit, staff, action, `draft ${draft.id}`, detail);
  }
}
