import { type FormEvent, useId, useState } from "react";
import { AnswerText } from "../../../components/AnswerText";
import { errorText, useI18n } from "../../../lib/i18n";
import { answerAsPlainText, type Locale } from "../../../lib/protocol";
import { useAgentSocket } from "../../../lib/socket";
import { type KbResult, searchKnowledge } from "../api/kb-search";
import { STRINGS } from "../strings";

interface KbSearchProps {
  /** The citizen's language: answers come back in it, ready to send. */
  language: Locale;
  disabled: boolean;
  onInsert(text: string): void;
}

type SearchState =
  | { kind: "idle" }
  | { kind: "searching" }
  | { kind: "done"; results: KbResult[] }
  | { kind: "failed"; message: string };

/**
 * Looks a question up in the published FAQ; an answer shows formatted, and can go into the reply
 * box as plain text to be edited.
 */
export function KbSearch({ language, disabled, onInsert }: KbSearchProps) {
  const { t } = useI18n(STRINGS);
  const socket = useAgentSocket();
  const [query, setQuery] = useState("");
  const [state, setState] = useState<SearchState>({ kind: "idle" });
  const inputId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = query.trim();
    if (!text || state.kind === "searching") return;
    setState({ kind: "searching" });
    const result = await searchKnowledge(socket, text, language);
    setState(
      result.ok
        ? { kind: "done", results: result.results }
        : { kind: "failed", message: errorText(t, result.error) },
    );
  }

  return (
    <details className="tool">
      <summary>{t.kbTitle}</summary>
      <search>
        <form className="kb__form" onSubmit={submit}>
          <label className="sr-only" htmlFor={inputId}>
            {t.kbSearchLabel}
          </label>
          <input
            id={inputId}
            className="input"
            type="search"
            data-testid="kb-search-input"
            placeholder={t.kbSearchLabel}
            maxLength={200}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
          <button
            type="submit"
            className="button"
            data-testid="kb-search-submit"
            disabled={state.kind === "searching"}
          >
            {state.kind === "searching" ? t.kbSearching : t.kbSearch}
          </button>
        </form>
      </search>
      <div aria-live="polite">
        {state.kind === "failed" ? (
          <p className="form-error" role="alert">
            {state.message}
          </p>
        ) : null}
        {state.kind === "done" && state.results.length === 0 ? (
          <p className="panel__empty">{t.kbNoResults}</p>
        ) : null}
      </div>
      {state.kind === "done" && state.results.length > 0 ? (
        <ul className="kb__results">
          {state.results.map((result) => (
            <li key={result.faqId} className="kb__result" data-testid="kb-result" data-faq-id={result.faqId}>
              <p className="kb__question">{result.question}</p>
              <AnswerText markdown={result.answer} className="kb__answer" />
              <p className="kb__meta">
                <span>{t.kbScore(result.score)}</span>
                <button
                  type="button"
                  className="button button--small"
                  data-testid="kb-result-insert"
                  disabled={disabled}
                  // The agent's reply is plain text in the widget: the answer goes in without its Markdown.
                  onClick={() => onInsert(answerAsPlainText(result.answer))}
                >
                  {t.kbInsert}
                </button>
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </details>
  );
}
