import { useEffect, useState } from "react";
import { AnswerText } from "../../../components/AnswerText";
import type { HttpError } from "../../../lib/http";
import { errorText, useI18n } from "../../../lib/i18n";
import { useStaffCall } from "../../../lib/staff-call";
import { fetchFaq } from "../api/knowledge";
import type { FaqDetail } from "../model/knowledge";
import { STRINGS } from "../strings";
import { EditInDraftButton } from "./EditInDraftButton";

/** One FAQ as published: its answer in the console's language, its legal basis, and its file. */
export function FaqDetailPanel({ id, onClose }: { id: string; onClose(): void }) {
  const { t, locale } = useI18n(STRINGS);
  const call = useStaffCall();
  const [faq, setFaq] = useState<FaqDetail | null>(null);
  const [error, setError] = useState<HttpError | null>(null);

  useEffect(() => {
    let current = true;
    setFaq(null);
    void fetchFaq(call, id).then((result) => {
      if (!current) return;
      if (result.ok) setFaq(result.value);
      else setError(result.error);
    });
    return () => {
      current = false;
    };
  }, [call, id]);

  return (
    <section className="panel faq-detail" data-testid="faq-detail" aria-label={id}>
      <h3 className="panel__title">
        <span className="table__mono">{id}</span>
        {faq ? <span className="cell-note">{t.statuses[faq.status]}</span> : null}
        <EditInDraftButton faqId={id} />
        <button type="button" className="button button--small" data-testid="faq-detail-close" onClick={onClose}>
          {t.closeFaq}
        </button>
      </h3>
      {error ? (
        <p className="form-error" role="alert">
          {t.loadFailed} {errorText(t, error)}
        </p>
      ) : null}
      {faq ? (
        <>
          <h4>{t.faqAnswer}</h4>
          <AnswerText markdown={faq.answer[locale]} className="faq-detail__answer" testId="faq-detail-answer" />
          {faq.legalBasis.length > 0 ? (
            <p className="page__note">
              {t.faqLegalBasis}: {faq.legalBasis.join("；")}
            </p>
          ) : null}
          <h4>
            {t.faqFile} <span className="table__mono cell-note">{faq.file}</span>
          </h4>
          <pre className="diff__patch" data-testid="faq-detail-text">
            {faq.text}
          </pre>
        </>
      ) : null}
    </section>
  );
}
