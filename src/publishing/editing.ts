import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import type { AuditLog } from "../audit/audit-log.js";
import { defaultNluPaths } from "../nlu/load-engine.js";
import type { staffGuard } from "../staff/guard.js";
import type { Storage } from "../storage/ports.js";
import type { ActiveKnowledge } from "./active-knowledge.js";
import { localAnnouncements, redisAnnouncements } from "./announcements.js";
import { DraftPreviews } from "./draft-preview.js";
import { KnowledgeDrafts } from "./drafts.js";
import { draftsPlugin } from "./drafts-plugin.js";
import { readGuardSet } from "./guard-set.js";
import { importPlugin } from "./import-plugin.js";
import { knowledgePlugin } from "./knowledge-plugin.js";
import type { KnowledgeWatch } from "./knowledge-watch.js";
import { answersFor, type KnowledgeSetup, knowledgeFor, refuseUnknownFlows } from "./open-knowledge.js";
import { Publications } from "./publication.js";

export interface EditingDeps {
  config: KnowledgeSetup["config"] & {
    redis?: { url: string; prefix: string };
    knowledgeMaxDrop: number;
    knowledgeReviewRequired: boolean;
  };
  setup: KnowledgeSetup;
  storage: Pick<Storage, "knowledgeDrafts" | "knowledgeVersions" | "regressionQuestions">;
  audit: AuditLog;
  clock: () => Date;
  knowledge: ActiveKnowledge;
  watch: KnowledgeWatch;
  log: (line: string) => void;
  onError: (what: string) => (error: unknown) => void;
}

/**
 * Everything editors change the knowledge with, wired once: the drafts, their publication (off
 * the request path), the "try it" previews, and the announcement that tells every instance of a
 * publication (a Redis channel in Redis mode), each instance's watch then swapping to it.
 */
export async function openEditing(deps: EditingDeps) {
  const { config, storage, audit, clock, log } = deps;
  const announcements = config.redis ? await redisAnnouncements(config.redis.url, `${config.redis.prefix}:knowledge`, deps.onError("knowledge announcements")) : localAnnouncements();
  announcements.onAnnounced(() => void deps.watch.check());
  const announce = (version: number) => void announcements.announce(version).catch(deps.onError("knowledge announcement"));

  const drafts = new KnowledgeDrafts({
    drafts: storage.knowledgeDrafts,
    versions: storage.knowledgeVersions,
    audit,
    clock,
    reviewRequired: config.knowledgeReviewRequired,
    servable: (kb) => refuseUnknownFlows(kb, deps.setup.knownFlows),
  });
  const interrupted = await drafts.recoverInterrupted();
  if (interrupted > 0) log(`${interrupted} draft(s) were being published when the desk stopped: open again, nothing published`);
  const publications = new Publications({
    drafts,
    versions: storage.knowledgeVersions,
    audit,
    clock,
    paths: defaultNluPaths(config.rootDir, config.modelsDir),
    timeZone: config.timeZone,
    maxDrop: config.knowledgeMaxDrop,
    guardQuestions: async () => [...readGuardSet(join(config.rootDir, "bench", "nlu", "dev.jsonl")), ...(await storage.regressionQuestions.list())],
    onPublished: announce,
    log,
  });
  const previews = new DraftPreviews({
    serving: deps.knowledge,
    answers: (kb) => answersFor(kb, deps.setup),
    build: (kb, progress) => knowledgeFor(0, kb, deps.setup, "worker", progress),
    clock,
  });

  return {
    drafts,
    /** The editors' routes: the knowledge base and its versions, drafts, spreadsheet import. */
    async register(http: FastifyInstance, allowed: ReturnType<typeof staffGuard>): Promise<void> {
      const { knowledge } = deps;
      await http.register(knowledgePlugin, { allowed, audit, published: () => drafts.published(), versions: storage.knowledgeVersions, regression: storage.regressionQuestions, knowledge, clock, timeZone: config.timeZone, onPublished: announce });
      await http.register(draftsPlugin, { allowed, drafts, publications, previews, flows: [...deps.setup.knownFlows].sort(), clock });
      await http.register(importPlugin, {
        allowed,
        audit,
        knowledgeOf: async (draftId) => (draftId ? (await drafts.candidate(await drafts.get(draftId))).kb : (await drafts.published()).kb),
        applyToDraft: async (draftId, staff, changes) => void (await drafts.addQuestions(draftId, staff, changes, { step: "import" })),
      });
    },
    /** Waits for a publication under way, then lets go of the previews and the announcements. */
    async close(): Promise<void> {
      await publications.idle();
      previews.close();
      await announcements.close();
    },
  };
}
