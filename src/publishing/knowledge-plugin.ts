import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { AuditLog } from "../audit/audit-log.js";
import { localDate } from "../domain/local-time.js";
import type { KnowledgeBase } from "../knowledge/load.js";
import { IntentId } from "../knowledge/faq.js";
import { parseBody } from "../http/validation.js";
import { auditDone, guardedRoutes, type staffGuard } from "../staff/guard.js";
import type { KnowledgeVersion, KnowledgeVersionStore, RegressionQuestionStore } from "../storage/ports.js";
import type { KnowledgeSource } from "./active-knowledge.js";
import { KnowledgeError } from "./errors.js";
import { faqStatus, listFaqs } from "./faq-list.js";
import { versionChanges } from "./version-changes.js";

export interface KnowledgePluginOptions {
  allowed: ReturnType<typeof staffGuard>;
  audit: AuditLog;
  versions: KnowledgeVersionStore;
  regression: RegressionQuestionStore;
  /** The knowledge serving now (its version is shown beside the list of versions). */
  knowledge: KnowledgeSource;
  clock: () => Date;
  timeZone: string;
  /** The newest version with its knowledge base, parsed once per version (KnowledgeDrafts.published). */
  published: () => Promise<{ version: KnowledgeVersion; kb: KnowledgeBase }>;
  /** Called after a publication here, so every instance serves it at once rather than at its next look. */
  onPublished?: (version: number) => void;
}

const FaqQuery = z
  .object({
    q: z.string().max(200).optional(),
    domain: z.string().max(40).optional(),
    status: z.enum(["in_effect", "not_yet", "expired"]).optional(),
    lang: z.enum(["zh", "en"]).optional(),
    /** Status as on this day ("what will be answered on 1 January"); today when absent. */
    on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a day as YYYY-MM-DD").optional(),
    /** Only FAQs whose file changed in a version published on or after this day. */
    changedSince: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a day as YYYY-MM-DD").optional(),
  })
  .strict();
const VersionsQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }).strict();
const VersionParam = z.object({ id: z.coerce.number().int().positive() });
const RollbackBody = z.object({ note: z.string().trim().max(500).optional() }).strict();
const RegressionBody = z.object({ text: z.string().trim().min(1).max(500), intent: z.union([IntentId, z.literal("none")]) }).strict();
const RegressionRemoval = z.object({ text: z.string().trim().min(1).max(500) }).strict();

/**
 * The editors' routes over the knowledge base: the FAQs of the newest version with search and
 * filters, one FAQ with its file, the versions, what each changed (line diffs), a rollback to any
 * version in one step, and the regression guard's questions. Every route's role check comes
 * from the one table (src/access/permissions.ts); publications and guard changes are audited.
 */
export async function knowledgePlugin(fastify: FastifyInstance, options: KnowledgePluginOptions): Promise<void> {
  const { versions, regression, audit } = options;
  const route = guardedRoutes(fastify, options.allowed);
  // A request that does not fit its schema: 400 KNOWLEDGE_BAD_INPUT naming every problem.
  const parse = <S extends z.ZodType>(schema: S, input: unknown): z.output<S> => parseBody(schema, input, "KNOWLEDGE_BAD_INPUT");

  // The newest version, parsed once for every request until the next publication (drafts.ts keeps it).
  const newest = options.published;
  const today = () => localDate(options.clock(), options.timeZone);

  route("GET /api/v1/knowledge/faqs", async (request) => {
    const { on, changedSince, ...filter } = parse(FaqQuery, request.query);
    const { version, kb } = await newest();
    const changes = await versions.lastChanges(version.version);
    const faqs = listFaqs(kb.faqs, kb.faqFiles, filter, on ?? today())
      .map((row) => {
        const last = changes.get(row.file);
        return { ...row, changed: last ? { version: last.version, at: last.publishedAt, author: last.author } : null };
      })
      // Days compared in the service's time zone, as editors read them.
      .filter((row) => !changedSince || (row.changed !== null && localDate(new Date(row.changed.at), options.timeZone) >= changedSince));
    return { version: version.version, domains: [...new Set(kb.faqs.map((f) => f.domain))].sort(), faqs };
  });

  route("GET /api/v1/knowledge/faqs/:id", async (request) => {
    const { id } = parse(z.object({ id: z.string().min(1).max(100) }), request.params);
    const { version, kb } = await newest();
    const faq = kb.faqs.find((f) => f.id === id);
    const file = kb.faqFiles.get(id);
    if (!faq || !file) throw new KnowledgeError("KNOWLEDGE_NOT_FOUND", `FAQ ${id}`);
    return { version: version.version, faq, file, text: version.documents.get(file), status: faqStatus(faq, today()) };
  });

  route("GET /api/v1/knowledge/versions", async (request) => {
    const { limit } = parse(VersionsQuery, request.query);
    return { serving: options.knowledge.current().version, versions: await versions.list(limit) };
  });

  route("GET /api/v1/knowledge/versions/:id/changes", async (request) => {
    const { id } = parse(VersionParam, request.params);
    const [after, before] = await Promise.all([versions.get(id), id > 1 ? versions.get(id - 1) : undefined]);
    if (!after) throw new KnowledgeError("KNOWLEDGE_NOT_FOUND", `version ${id}`);
    const { documents: _documents, ...summary } = after;
    return { ...summary, previous: before?.version ?? null, ...versionChanges(before?.documents ?? new Map(), after.documents) };
  });

  // A rollback publishes the earlier version's documents again, as the newest: the history keeps
  // every step, and the desk swaps to it as to any publication.
  route("POST /api/v1/knowledge/versions/:id/rollback", async (request, reply, staff) => {
    const { id } = parse(VersionParam, request.params);
    const { note } = parse(RollbackBody, request.body ?? {});
    const [target, [latest]] = await Promise.all([versions.get(id), versions.list(1)]);
    if (!target) throw new KnowledgeError("KNOWLEDGE_NOT_FOUND", `version ${id}`);
    if (latest?.version === id) throw new KnowledgeError("KNOWLEDGE_CONFLICT", `version ${id} is the newest already`);
    const published = await versions.publish({
      documents: target.documents,
      // The name editors know each other by; the audit record keeps the account's id.
      author: staff.username,
      note: `rollback to version ${id}${note ? `: ${note}` : ""}`,
      publishedAt: options.clock().toISOString(),
      origin: "editor",
    });
    await auditDone(audit, staff, "knowledge.publish", `version ${published.version}`, { rollbackTo: String(id) });
    options.onPublished?.(published.version);
    const { documents: _documents, ...summary } = published;
    return reply.code(201).send({ version: summary });
  });

  route("GET /api/v1/knowledge/regression", async () => ({ questions: await regression.list() }));

  route("POST /api/v1/knowledge/regression", async (request, reply, staff) => {
    const input = parse(RegressionBody, request.body);
    const { kb } = await newest();
    if (input.intent !== "none" && !kb.intents.some((i) => i.id === input.intent)) throw new KnowledgeError("KNOWLEDGE_BAD_INPUT", `unknown intent ${input.intent}`);
    const question = { ...input, addedBy: staff.id, addedAt: options.clock().toISOString() };
    if (!(await regression.add(question))) throw new KnowledgeError("KNOWLEDGE_CONFLICT", "that question is in the set already");
    await auditDone(audit, staff, "knowledge.guard", input.intent, { added: input.text });
    return reply.code(201).send({ question });
  });

  route("DELETE /api/v1/knowledge/regression", async (request, reply, staff) => {
    const { text } = parse(RegressionRemoval, request.body);
    if (!(await regression.remove(text))) throw new KnowledgeError("KNOWLEDGE_NOT_FOUND", "that question is not in the set");
    await auditDone(audit, staff, "knowledge.guard", null, { removed: text });
    return reply.code(204).send();
  });
}
