import { createPatch } from "diff";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { answerOnce } from "../dialog/answer-once.js";
import { documentKind } from "../knowledge/documents.js";
import { EditableFaqSchema, IntentId } from "../knowledge/faq.js";
import { parseBody } from "../http/validation.js";
import type { DraftChangeView } from "../protocol/knowledge-views.js";
import { guardedRoutes, type staffGuard } from "../staff/guard.js";
import type { KnowledgeDraft, StaffRecord } from "../storage/ports.js";
import type { DraftPreviews } from "./draft-preview.js";
import { faqIdIn } from "./draft-edits.js";
import { type DraftStep, refusal } from "./draft-review.js";
import type { KnowledgeDrafts } from "./drafts.js";
import { KnowledgeError } from "./errors.js";
import type { Publications } from "./publication.js";

export interface DraftsPluginOptions {
  allowed: ReturnType<typeof staffGuard>;
  drafts: KnowledgeDrafts;
  publications: Publications;
  previews: DraftPreviews;
  /** The guided applications an FAQ may offer. */
  flows: readonly string[];
  clock: () => Date;
}

const DraftParam = z.object({ id: z.string().uuid("a draft id") });
const FaqParam = DraftParam.extend({ faqId: z.string().min(1).max(100) });
const Revision = z.number().int().positive().optional();
const FaqFieldsBody = EditableFaqSchema;
const EditBody = z.object({ faq: FaqFieldsBody, revision: Revision }).strict();
const NewFaqBody = z
  .object({
    intent: z.object({ id: IntentId, zh: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) }).strict(),
    faq: FaqFieldsBody,
    revision: Revision,
  })
  .strict();
const QuestionsBody = z
  .object({
    faqId: z.string().min(1).max(100),
    questions: z.object({ zh: z.array(z.string().trim().min(1).max(500)).max(200).default([]), en: z.array(z.string().trim().min(1).max(500)).max(200).default([]) }).strict(),
  })
  .strict()
  .refine((b) => b.questions.zh.length + b.questions.en.length > 0, { message: "at least one question", path: ["questions"] });
const TitleBody = z.object({ title: z.string().trim().min(1, "a title").max(200) }).strict();
const NoteBody = z.object({ text: z.string().trim().max(2000).default("") }).strict();
const ReviewBody = z.object({ verdict: z.enum(["approve", "request_changes"]), text: z.string().trim().max(2000).default("") }).strict();
const PublishBody = z.object({ note: z.string().trim().max(500).default("") }).strict();
const TryBody = z.object({ text: z.string().trim().min(1, "a question").max(2000), locale: z.enum(["zh", "en"]).optional() }).strict();
const RevisionBody = z.object({ revision: Revision }).strict();

/**
 * The editors' drafts over HTTP: start one, edit, add and retire FAQs in it, comment, ask for and
 * give a review, try it, publish it. Each route's role check comes from the one table
 * (src/access/permissions.ts); the drafts audit each change (drafts.ts).
 */
export async function draftsPlugin(fastify: FastifyInstance, options: DraftsPluginOptions): Promise<void> {
  const { drafts, publications, previews } = options;
  const route = guardedRoutes(fastify, options.allowed);
  const parse = <S extends z.ZodType>(schema: S, input: unknown): z.output<S> => parseBody(schema, input, "KNOWLEDGE_BAD_INPUT");

  /** A draft as the console shows it: its changes as diffs, what the asking editor may do with it. */
  const view = async (draft: KnowledgeDraft, staff: StaffRecord) => {
    const { changes: _changes, ...rest } = draft;
    const { version } = await drafts.published();
    const changes: DraftChangeView[] = Object.entries(draft.changes)
      .map(([file, text]) => {
        const was = version.documents.get(file);
        const faqText = text ?? was;
        return {
          file,
          faqId: documentKind(file) === "faq" ? (faqIdIn(faqText) ?? null) : null,
          kind: text === null ? "removed" : was === undefined ? "added" : "changed",
          patch: createPatch(file, was ?? "", text ?? "", "", "", { context: 3 }),
        } satisfies DraftChangeView;
      })
      .sort((a, b) => a.file.localeCompare(b.file));
    let conflicts: string[] = [];
    let problem: string | null = null;
    try {
      conflicts = (await drafts.candidate(draft)).conflicts;
    } catch (error) {
      // A version published since may have made the draft unloadable (an intent it relies on retired).
      problem = (error as Error).message;
    }
    const steps: DraftStep[] = ["edit", "comment", "submit", "approve", "request_changes", "publish", "discard"];
    return {
      ...rest,
      changes,
      conflicts,
      problem,
      newestVersion: version.version,
      reviewRequired: drafts.reviewRequired,
      allowed: steps.filter((s) => !refusal(draft, s, staff.id, drafts.reviewRequired)),
      publication: publications.progressOf(draft.id) ?? null,
    };
  };
  const answer = async (draft: KnowledgeDraft, staff: StaffRecord, code = 200) => ({ code, body: { draft: await view(draft, staff) } });

  route("GET /api/v1/knowledge/drafts", async () => {
    const list = await drafts.list();
    return {
      reviewRequired: drafts.reviewRequired,
      drafts: list.map(({ changes, notes, ...d }) => ({ ...d, changed: Object.keys(changes).length, notes: notes.length })),
    };
  });

  route("POST /api/v1/knowledge/drafts", async (request, reply, staff) => {
    const { title } = parse(TitleBody, request.body);
    const r = await answer(await drafts.create(staff, title), staff, 201);
    return reply.code(r.code).send(r.body);
  });

  route("GET /api/v1/knowledge/drafts/:id", async (request, _reply, staff) => {
    const { id } = parse(DraftParam, request.params);
    const draft = await drafts.get(id);
    const { kb } = await drafts.candidate(draft).catch(() => drafts.published());
    return {
      ...(await answer(draft, staff)).body,
      intents: kb.intents.filter((i) => i.id !== "none").map((i) => ({ id: i.id, domain: i.domain })),
      domains: [...new Set(kb.intents.map((i) => i.domain))].filter((d) => d !== "none").sort(),
      flows: options.flows,
    };
  });

  route("DELETE /api/v1/knowledge/drafts/:id", async (request, _reply, staff) => {
    const { id } = parse(DraftParam, request.params);
    return (await answer(await drafts.discard(id, staff), staff)).body;
  });

  route("GET /api/v1/knowledge/drafts/:id/faqs/:faqId", async (request) => {
    const { id, faqId } = parse(FaqParam, request.params);
    const draft = await drafts.get(id);
    const { kb, published } = await drafts.candidate(draft);
    const faq = kb.faqs.find((f) => f.id === faqId);
    const file = kb.faqFiles.get(faqId);
    if (!faq || !file) throw new KnowledgeError("KNOWLEDGE_NOT_FOUND", `FAQ ${faqId} in this draft`);
    return { faq, file, changed: file in draft.changes, publishedVersion: published.version, revision: draft.revision };
  });

  route("PUT /api/v1/knowledge/drafts/:id/faqs/:faqId", async (request, _reply, staff) => {
    const { id, faqId } = parse(FaqParam, request.params);
    const { faq, revision } = parse(EditBody, request.body);
    return (await answer(await drafts.editFaq(id, staff, faqId, faq, revision), staff)).body;
  });

  route("POST /api/v1/knowledge/drafts/:id/faqs", async (request, reply, staff) => {
    const { id } = parse(DraftParam, request.params);
    const { intent, faq, revision } = parse(NewFaqBody, request.body);
    const r = await answer(await drafts.addFaq(id, staff, { id: intent.id, domain: faq.domain, zh: intent.zh, en: intent.en }, faq, revision), staff, 201);
    return reply.code(r.code).send(r.body);
  });

  route("POST /api/v1/knowledge/drafts/:id/faqs/:faqId/retire", async (request, _reply, staff) => {
    const { id, faqId } = parse(FaqParam, request.params);
    const { revision } = parse(RevisionBody, request.body ?? {});
    return (await answer(await drafts.retireFaq(id, staff, faqId, revision), staff)).body;
  });

  route("POST /api/v1/knowledge/drafts/:id/faqs/:faqId/revert", async (request, _reply, staff) => {
    const { id, faqId } = parse(FaqParam, request.params);
    const { revision } = parse(RevisionBody, request.body ?? {});
    return (await answer(await drafts.revertFaq(id, staff, faqId, revision), staff)).body;
  });

  route("POST /api/v1/knowledge/drafts/:id/questions", async (request, _reply, staff) => {
    const { id } = parse(DraftParam, request.params);
    const { faqId, questions } = parse(QuestionsBody, request.body);
    return (await answer(await drafts.addQuestions(id, staff, [{ faqId, questions }]), staff)).body;
  });

  route("POST /api/v1/knowledge/drafts/:id/comments", async (request, reply, staff) => {
    const { id } = parse(DraftParam, request.params);
    const { text } = parse(NoteBody, request.body);
    if (!text) throw new KnowledgeError("KNOWLEDGE_BAD_INPUT", "field 'text': a comment");
    const r = await answer(await drafts.note(id, staff, "comment", text), staff, 201);
    return reply.code(r.code).send(r.body);
  });

  route("POST /api/v1/knowledge/drafts/:id/submit", async (request, _reply, staff) => {
    const { id } = parse(DraftParam, request.params);
    const { text } = parse(NoteBody, request.body ?? {});
    return (await answer(await drafts.note(id, staff, "submit", text), staff)).body;
  });

  route("POST /api/v1/knowledge/drafts/:id/review", async (request, _reply, staff) => {
    const { id } = parse(DraftParam, request.params);
    const { verdict, text } = parse(ReviewBody, request.body);
    if (verdict === "request_changes" && !text) throw new KnowledgeError("KNOWLEDGE_BAD_INPUT", "field 'text': say what should change");
    return (await answer(await drafts.note(id, staff, verdict, text), staff)).body;
  });

  route("POST /api/v1/knowledge/drafts/:id/try", async (request, reply) => {
    const { id } = parse(DraftParam, request.params);
    const { text, locale } = parse(TryBody, request.body);
    const { kb } = await drafts.candidate(await drafts.get(id));
    const answering = previews.answering(kb);
    if ("failed" in answering) throw new KnowledgeError("KNOWLEDGE_BAD_INPUT", `the draft's model could not be made: ${answering.failed}`);
    if ("training" in answering) return reply.code(202).send({ ready: false, training: answering.training });
    const { understanding, ...answered } = await answerOnce(answering.ready, text, locale, options.clock());
    const [top] = understanding.candidates;
    return { ready: true, ...answered, intent: understanding.outOfScope ? "none" : (top?.intent ?? "none"), confidence: understanding.confidence };
  });

  route("POST /api/v1/knowledge/drafts/:id/publish", async (request, reply, staff) => {
    const { id } = parse(DraftParam, request.params);
    const { note } = parse(PublishBody, request.body ?? {});
    const { draft } = await publications.start(id, staff, note);
    return reply.code(202).send({ draft: await view(draft, staff) });
  });
}
