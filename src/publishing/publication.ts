import type { KnowledgeBase } from "../knowledge/load.js";
import type { NluPaths } from "../nlu/load-engine.js";
import { auditDone } from "../staff/guard.js";
import type { AuditLog } from "../audit/audit-log.js";
import type { KnowledgeDraft, KnowledgeVersionStore, StaffRecord } from "../storage/ports.js";
import { checkCandidate } from "./check-candidate.js";
import type { DraftCandidate, KnowledgeDrafts } from "./drafts.js";
import type { GuardQuestion } from "./regression-guard.js";

/** Where a publication under way is, for the editor's progress line. */
export interface PublicationProgress {
  draftId: string;
  phase: "training" | "checking" | "publishing";
  /** The trainer's own words ("fold 2/4"), when training. */
  step?: string;
  done?: number;
  total?: number;
  startedAt: string;
}

export interface PublicationDeps {
  drafts: KnowledgeDrafts;
  versions: KnowledgeVersionStore;
  audit: AuditLog;
  clock: () => Date;
  paths: NluPaths;
  timeZone: string;
  maxDrop: number;
  /** The dev set and the editors' regression questions, read at each publication. */
  guardQuestions: () => Promise<GuardQuestion[]>;
  /** Told of each published version: this instance swaps at once, and the others are told (announcements.ts). */
  onPublished: (version: number) => void;
  log: (line: string) => void;
}

/**
 * Publishes drafts off the request path, one at a time: the candidate's model is trained and both
 * models read the guard's questions in threads of their own (check-candidate.ts); a candidate the
 * guard refuses goes back to its draft with the questions that regressed; one it accepts becomes
 * the next version, which every instance then swaps to (knowledge-watch.ts).
 */
export class Publications {
  private queue: Promise<void> = Promise.resolve();
  private readonly progress = new Map<string, PublicationProgress>();

  constructor(private readonly deps: PublicationDeps) {}

  /** Where the draft's publication is, while one is under way here. */
  progressOf(draftId: string): PublicationProgress | undefined {
    return this.progress.get(draftId);
  }

  /** Starts publishing the draft (refusing at once what cannot be: unapproved, conflicting); resolves when it is queued. */
  async start(draftId: string, staff: StaffRecord, note: string): Promise<{ draft: KnowledgeDraft; done: Promise<KnowledgeDraft> }> {
    const { draft, candidate } = await this.deps.drafts.beginPublishing(draftId, staff);
    this.progress.set(draftId, { draftId, phase: "training", startedAt: this.deps.clock().toISOString() });
    const done = this.queue.then(() => this.publish(draft, candidate, staff, note));
    this.queue = done.then(
      () => undefined,
      () => undefined,
    );
    return { draft, done };
  }

  /** Waits for every queued publication (a stop). */
  async idle(): Promise<void> {
    await this.queue;
  }

  private async publish(draft: KnowledgeDraft, candidate: DraftCandidate, staff: StaffRecord, note: string): Promise<KnowledgeDraft> {
    const { deps } = this;
    const at = () => deps.clock().toISOString();
    const title = note || draft.title;
    try {
      const serving: KnowledgeBase = (await deps.drafts.published()).kb;
      const verdict = await checkCandidate({
        serving,
        candidate: candidate.kb,
        questions: await deps.guardQuestions(),
        paths: deps.paths,
        maxDrop: deps.maxDrop,
        timeZone: deps.timeZone,
        progress: (step, done, total) => this.progress.set(draft.id, { ...(this.progress.get(draft.id) as PublicationProgress), phase: "training", step, done, total }),
      });
      if (verdict !== "same model" && !verdict.ok) {
        const reason = `the regression guard refused it: ${pct(verdict.after)} of ${verdict.questions} questions understood right, ${pct(verdict.before)} now (at most ${pct(deps.maxDrop)} lower allowed)`;
        deps.log(`draft ${draft.id}: ${reason}`);
        const { retired: _retired, ok: _ok, ...figures } = verdict;
        await auditDone(deps.audit, staff, "knowledge.publish", `draft ${draft.id}`, { outcome: "refused", regressed: String(verdict.regressed.length) });
        return await deps.drafts.endPublishing(draft, staff, { kind: "refused", at: at(), reason, verdict: figures });
      }
      this.progress.set(draft.id, { ...(this.progress.get(draft.id) as PublicationProgress), phase: "publishing" });
      const published = await deps.versions.publish({ documents: candidate.documents, author: staff.username, note: title, publishedAt: at(), origin: "editor" });
      deps.log(`draft ${draft.id} published as knowledge version ${published.version} by ${staff.username}`);
      await auditDone(deps.audit, staff, "knowledge.publish", `version ${published.version}`, { draft: draft.id, ...(verdict === "same model" ? { model: "same" } : { guard: `${pct(verdict.before)} -> ${pct(verdict.after)}` }) });
      const done = await deps.drafts.endPublishing(draft, staff, { kind: "published", version: published.version, at: at() });
      deps.onPublished(published.version);
      return done;
    } catch (error) {
      const reason = `publication failed: ${(error as Error).message}`;
      deps.log(`draft ${draft.id}: ${reason}`);
      await auditDone(deps.audit, staff, "knowledge.publish", `draft ${draft.id}`, { outcome: "failed" }).catch(() => {});
      return deps.drafts.endPublishing(draft, staff, { kind: "failed", at: at(), reason });
    } finally {
      this.progress.delete(draft.id);
    }
  }
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
