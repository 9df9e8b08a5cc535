import { useId } from "react";
import { useI18n } from "../../../lib/i18n";
import { STRINGS } from "../strings";
import { FaqSection } from "./FaqSection";
import { GuardSection } from "./GuardSection";
import { VersionsSection } from "./VersionsSection";

interface KnowledgeScreenProps {
  /** Editors publish (roll back) and keep the guard's questions; supervisors read. */
  canEdit: boolean;
}

/** The knowledge base for editors and supervisors: the FAQs, the versions, the guard's questions. */
export function KnowledgeScreen({ canEdit }: KnowledgeScreenProps) {
  const { t } = useI18n(STRINGS);
  const titleId = useId();
  return (
    <section className="page" aria-labelledby={titleId} data-testid="knowledge-screen">
      <div className="page__head">
        <h1 id={titleId} className="page__title">
          {t.knowledgeTitle}
        </h1>
        <p className="page__note">{t.knowledgeIntro}</p>
      </div>
      <FaqSection />
      <VersionsSection canEdit={canEdit} />
      <GuardSection canEdit={canEdit} />
    </section>
  );
}
