import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import type { AuditLog } from "../audit/audit-log.js";
import type { Locale } from "../domain/locale.js";
import { errorHandler } from "../http/errors.js";
import { parseBody } from "../http/validation.js";
import type { KnowledgeBase } from "../knowledge/load.js";
import { auditDone, guardedRoutes, type staffGuard } from "../staff/guard.js";
import type { StaffRecord } from "../storage/ports.js";
import { KnowledgeError } from "./errors.js";
import type { ImportChange } from "./import-change.js";
import { IMPORT_LIMITS, readImportFile } from "./import-file.js";
import { type ImportPreview, previewImport } from "./import-preview.js";

export interface ImportPluginOptions {
  allowed: ReturnType<typeof staffGuard>;
  audit: AuditLog;
  /** The knowledge base as a draft would publish it; without a draft id, the newest published version. Throws KnowledgeError("KNOWLEDGE_NOT_FOUND") for an unknown draft. */
  knowledgeOf(draftId?: string): Promise<KnowledgeBase>;
  /** Applies the changes to the draft (it validates and audits the draft change itself). Throws KnowledgeError when the draft cannot take them (not open, unknown). */
  applyToDraft(draftId: string, staff: StaffRecord, changes: ImportChange[]): Promise<void>;
}

/** The largest file as base64 (4 characters per 3 bytes), with room for the rest of the JSON body. */
export const IMPORT_BODY_LIMIT = Math.ceil(IMPORT_LIMITS.bytes / 3) * 4 + 64 * 1024;

// Strict: Buffer.from(text, "base64") skips what is not base64 instead of refusing it.
const Base64 = z
  .string()
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, "not base64")
  .refine((s) => s.length % 4 === 0, "not base64: its length is not a multiple of 4");
const FileInput = z.object({ name: z.string().trim().min(1).max(255), base64: Base64 }).strict();
const LocaleInput = z.enum(["zh", "en"]).optional();
const PreviewBody = z.object({ file: FileInput, draftId: z.string().min(1).max(100).optional(), locale: LocaleInput }).strict();
const ImportBody = z.object({ file: FileInput, validRowsOnly: z.boolean().optional(), locale: LocaleInput }).strict();
const DraftParam = z.object({ id: z.string().min(1).max(100) });

/**
 * The messages' language: the one the console asks for in the body (its own language switch,
 * which the browser's Accept-Language does not follow), else Accept-Language as the app reads it.
 */
function localeOf(request: FastifyRequest): Locale {
  const asked = LocaleInput.safeParse((request.body as { locale?: unknown } | undefined)?.locale);
  if (asked.success && asked.data) return asked.data;
  return /^\s*en\b/i.test(request.headers["accept-language"] ?? "") ? "en" : "zh";
}

/**
 * Editors import FAQ question variants (and replaced answers) from a spreadsheet into a draft:
 * a preview that says, row by row, what would be imported and what is wrong, then the import,
 * which takes every row or, when asked, only the valid ones; a file with a wrong row changes
 * nothing unless the editor chose so. Reading is import-file.ts, the checks import-preview.ts;
 * the draft itself belongs to the drafts, reached through the two functions in the options.
 */
export async function importPlugin(fastify: FastifyInstance, options: ImportPluginOptions): Promise<void> {
  const { audit } = options;
  // The server's 64 KB body limit would refuse every real spreadsheet; these routes take the file's
  // limit as base64. The hook is encapsulated: only this plugin's routes get it.
  fastify.addHook("onRoute", (route) => {
    route.bodyLimit = IMPORT_BODY_LIMIT;
  });
  // The app's handler, with the refusals worded in the language asked for; also encapsulated.
  fastify.setErrorHandler(errorHandler({ locale: localeOf }));
  const route = guardedRoutes(fastify, options.allowed);
  const parse = <S extends z.ZodType>(schema: S, input: unknown): z.output<S> => parseBody(schema, input, "KNOWLEDGE_BAD_INPUT");

  const preview = async (file: z.output<typeof FileInput>, kb: KnowledgeBase, locale: Locale): Promise<ImportPreview> =>
    previewImport(await readImportFile({ name: file.name, bytes: Buffer.from(file.base64, "base64") }), kb, locale);

  route("POST /api/v1/knowledge/import/preview", async (request) => {
    const body = parse(PreviewBody, request.body);
    const result = await preview(body.file, await options.knowledgeOf(body.draftId), localeOf(request));
    return { rows: result.rows, valid: result.valid, invalid: result.invalid };
  });

  route("POST /api/v1/knowledge/drafts/:id/import", async (request, reply, staff) => {
    const { id } = parse(DraftParam, request.params);
    const body = parse(ImportBody, request.body);
    const locale = localeOf(request);
    // The draft first: an unknown one is a 404 before the file is read.
    const result = await preview(body.file, await options.knowledgeOf(id), locale);
    // Nothing changes unless every row is right, or the editor chose to leave the wrong ones out.
    if (result.valid === 0 || (result.invalid > 0 && !body.validRowsOnly)) {
      const refusal = new KnowledgeError("KNOWLEDGE_IMPORT_ROW_ERRORS", `${result.invalid} of ${result.rows.length} rows`);
      const view = refusal.view(locale);
      // Not thrown: the error handler's body has no room for the rows, and the rows are the point.
      return reply.code(refusal.status).send({
        error: view.code,
        message: view.message,
        rows: result.rows.filter((r) => r.errors.length > 0),
        valid: result.valid,
        invalid: result.invalid,
      });
    }
    await options.applyToDraft(id, staff, result.changes);
    await auditDone(audit, staff, "knowledge.edit", `draft ${id}`, {
      import: body.file.name,
      imported: String(result.valid),
      skipped: String(result.invalid),
      faqs: String(result.changes.length),
    });
    return { imported: result.valid, skipped: result.invalid };
  });
}
