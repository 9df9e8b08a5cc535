import { createContext, useContext } from "react";
import { useI18n } from "../../../lib/i18n";
import { STRINGS } from "../strings";

/**
 * How a part of the knowledge screen opens an FAQ in the editor, given by KnowledgeScreen to the
 * sections under it (null for a supervisor, who reads only), so the FAQ list and its detail offer
 * "edit in draft" without being handed the editor.
 */
export const EditInDraftContext = createContext<((faqId: string) => void) | null>(null);

/** "Edit in draft" for one FAQ; nothing where editing is not open to the person. */
export function EditInDraftButton({ faqId }: { faqId: string }) {
  const { t } = useI18n(STRINGS);
  const edit = useContext(EditInDraftContext);
  if (!edit) return null;
  return (
    <button type="button" className="button button--small" data-testid="faq-edit-in-draft" aria-label={`${t.drafts.editInDraft}: ${faqId}`} onClick={() => edit(faqId)}>
      {t.drafts.editInDraft}
    </button>
  );
}
