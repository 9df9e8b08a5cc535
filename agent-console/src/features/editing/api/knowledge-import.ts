import { type ApiResult, readAnswer } from "../../../lib/http";
import type { Locale } from "../../../lib/protocol";
import type { StaffCall } from "../../../lib/staff-call";
import { type ImportOutcome, type ImportPreview, type ImportUpload, parseImportOutcome, parseImportPreview } from "../model/knowledge-import";

/** Each row checked against the draft (or, without one, the newest version); nothing is changed. The messages come in `locale`. */
export async function previewImport(call: StaffCall, file: ImportUpload, draftId: string | null, locale: Locale): Promise<ApiResult<ImportPreview>> {
  const body = { file, locale, ...(draftId ? { draftId } : {}) };
  return readAnswer(await call("POST", "/api/v1/knowledge/import/preview", body), parseImportPreview);
}

/** The rows into the draft: all of them, refused if any is wrong, or only the valid ones. */
export async function importIntoDraft(
  call: StaffCall,
  draftId: string,
  file: ImportUpload,
  validRowsOnly: boolean,
  locale: Locale,
): Promise<ApiResult<ImportOutcome>> {
  const body = { file, validRowsOnly, locale };
  return readAnswer(await call("POST", `/api/v1/knowledge/drafts/${encodeURIComponent(draftId)}/import`, body), parseImportOutcome);
}
