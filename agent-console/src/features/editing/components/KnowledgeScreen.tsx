import { useCallback, useId, useState } from "react";
import { useI18n } from "../../../lib/i18n";
import { useStaffCall } from "../../../lib/staff-call";
import { addQuestions } from "../api/drafts";
import { useFormCatalogue, useWorkingDraft } from "../hooks/use-working-draft";
import { isWorking } from "../model/drafts";
import type { QuestionsByLanguage } from "../model/inbox";
import { STRINGS } from "../strings";
import { DraftBar } from "./DraftBar";
import { EditInDraftContext } from "./EditInDraftButton";
import { FaqEditor } from "./FaqEditor";
import { FaqSection } from "./FaqSection";
import { GuardSection } from "./GuardSection";
import { ImportSection } from "./ImportSection";
import { InboxSection } from "./InboxSection";
import { NewFaqForm } from "./NewFaqForm";
import { VersionsSection } from "./VersionsSection";

interface KnowledgeScreenProps {
  /** Editors change drafts, publish (roll back) and keep the guard's questions; supervisors read. */
  canEdit: boolean;
}

/** What the editor panel shows: one FAQ of the draft, or a new one (pre-filled from the inbox). */
type Editing = { kind: "edit"; faqId: string } | { kind: "new"; questions?: QuestionsByLanguage; key: number };

/**
 * The knowledge base for editors and supervisors: the working draft (its changes, review, try box
 * and publication), the FAQ editor, the inbox and the spreadsheet import, then the FAQs as
 * published, the versions and the guard's questions. The chosen draft is this screen's state
 * (kept in sessionStorage by useWorkingDraft), handed to every part that writes into it.
 */
export function KnowledgeScreen({ canEdit }: KnowledgeScreenProps) {
  const { t } = useI18n(STRINGS);
  const titleId = useId();
  const call = useStaffCall();
  const working = useWorkingDraft(call);
  const catalogue = useFormCatalogue(call, working.detail, working.detail?.draft.newestVersion ?? null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { ensure, changed, refresh } = working;

  const editFaq = useCallback((faqId: string) => {
    setNotice(null);
    setEditing({ kind: "edit", faqId });
  }, []);

  /** The inbox's "start a new FAQ with these questions". */
  const startFaq = useCallback((questions?: QuestionsByLanguage) => {
    setNotice(null);
    setEditing({ kind: "new", key: Date.now(), ...(questions ? { questions } : {}) });
  }, []);

  /** The inbox's "add these questions to that FAQ": into the working draft, started for them if need be. */
  const addToFaq = useCallback(
    async (faqId: string, questions: QuestionsByLanguage): Promise<boolean> => {
      const draft = await ensure(t.drafts.inboxDefaultTitle);
      if (!draft.ok) return false;
      const result = await addQuestions(call, draft.value.id, faqId, questions);
      if (!result.ok) return false;
      changed(result.value);
      setNotice(t.drafts.addedQuestions(questions.zh.length + questions.en.length, faqId));
      return true;
    },
    [call, ensure, changed, t],
  );

  /** The import's draft: the working one, or one started for it. */
  const ensureDraft = useCallback(async (): Promise<string | null> => {
    const draft = await ensure(t.drafts.importDefaultTitle);
    return draft.ok ? draft.value.id : null;
  }, [ensure, t]);

  const writableId = working.detail && isWorking(working.detail.draft.status) ? working.detail.draft.id : null;

  return (
    <section className="page" aria-labelledby={titleId} data-testid="knowledge-screen">
      <div className="page__head">
        <h1 id={titleId} className="page__title">
          {t.knowledgeTitle}
        </h1>
        <p className="page__note">{t.knowledgeIntro}</p>
      </div>
      <DraftBar canEdit={canEdit} working={working} catalogue={catalogue} onEditFaq={editFaq} onNewFaq={() => startFaq()} />
      <p className="form-ok knowledge-notice" role="status" data-testid="knowledge-notice">
        {notice}
      </p>
      {editing?.kind === "edit" ? (
        <FaqEditor
          key={editing.faqId}
          faqId={editing.faqId}
          working={working}
          catalogue={catalogue}
          canEdit={canEdit}
          onClose={() => setEditing(null)}
          onDone={(message) => {
            setEditing(null);
            setNotice(message);
          }}
        />
      ) : null}
      {editing?.kind === "new" && canEdit ? (
        <NewFaqForm
          key={editing.key}
          working={working}
          catalogue={catalogue}
          {...(editing.questions ? { questions: editing.questions } : {})}
          onClose={() => setEditing(null)}
          onAdded={(faqId, message) => {
            setEditing({ kind: "edit", faqId });
            setNotice(message);
          }}
        />
      ) : null}
      {canEdit ? <ImportSection call={call} draftId={writableId} ensureDraft={ensureDraft} onImported={refresh} /> : null}
      <InboxSection canEdit={canEdit} onAddToFaq={addToFaq} onStartFaq={startFaq} />
      <EditInDraftContext value={canEdit ? editFaq : null}>
        <FaqSection />
      </EditInDraftContext>
      <VersionsSection canEdit={canEdit} />
      <GuardSection canEdit={canEdit} />
    </section>
  );
}
