import { useI18n } from "../../../lib/i18n";
import { type Draft, percent, shareDone } from "../model/drafts";
import { STRINGS } from "../strings";

/**
 * A publication under way (its phase, the trainer's step and a progress bar), or how the draft's
 * last one ended: the version it became, the regression guard's refusal with its figures and the
 * questions that regressed, or the failure.
 */
export function DraftOutcome({ draft }: { draft: Draft }) {
  const { t } = useI18n(STRINGS);
  const progress = draft.publication;
  if (draft.status === "publishing") {
    const share = progress ? shareDone(progress.done, progress.total) : null;
    return (
      <div className="draft-outcome draft-outcome--running" role="status" data-testid="draft-publishing" data-phase={progress?.phase ?? ""}>
        <p>
          <strong>{progress ? t.drafts.phases[progress.phase] : t.drafts.statuses.publishing}</strong>
          {progress?.step ? <span className="cell-note"> · {progress.step}</span> : null}
          {share !== null ? <span className="cell-note"> · {Math.round(share * 100)}%</span> : null}
        </p>
        <progress className="progress" max={1} value={share ?? undefined} aria-label={t.drafts.progressLabel} />
      </div>
    );
  }
  const outcome = draft.outcome;
  if (!outcome) return null;
  if (outcome.kind === "published") {
    return (
      <div className="draft-outcome draft-outcome--published" role="status" data-testid="draft-outcome" data-kind="published" data-version={outcome.version}>
        <p>
          <strong>{t.drafts.publishedAs(outcome.version)}</strong>
        </p>
      </div>
    );
  }
  if (outcome.kind === "failed") {
    return (
      <div className="draft-outcome draft-outcome--bad" role="alert" data-testid="draft-outcome" data-kind="failed">
        <p>
          <strong>{t.drafts.failed}</strong> {outcome.reason}
        </p>
      </div>
    );
  }
  const verdict = outcome.verdict;
  return (
    <div className="draft-outcome draft-outcome--bad" role="alert" data-testid="draft-outcome" data-kind="refused">
      <p>
        <strong>{t.drafts.refused}</strong>
      </p>
      {verdict ? (
        <>
          <p data-testid="draft-outcome-figures">{t.drafts.refusedFigures(verdict.questions, percent(verdict.before), percent(verdict.after), verdict.fixed)}</p>
          {verdict.regressed.length > 0 ? (
            <>
              <h4 className="draft-bar__subtitle">{t.drafts.regressedTitle(verdict.regressed.length)}</h4>
              <div className="table-wrap">
                <table className="table table--dense" data-testid="draft-regressed">
                  <thead>
                    <tr>
                      <th scope="col">{t.drafts.regressedColumns.text}</th>
                      <th scope="col">{t.drafts.regressedColumns.expected}</th>
                      <th scope="col">{t.drafts.regressedColumns.now}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {verdict.regressed.map((r) => (
                      <tr key={`${r.text}\u0000${r.expected}`}>
                        <td>{r.text}</td>
                        <td className="table__mono">{r.expected}</td>
                        <td className="table__mono">{r.now}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : null}
        </>
      ) : (
        <p className="cell-note">{outcome.reason}</p>
      )}
    </div>
  );
}
