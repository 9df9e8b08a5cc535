import { useId, useReducer } from "react";
import { errorText, useI18n } from "../../../lib/i18n";
import { useStaffCall } from "../../../lib/staff-call";
import { flagQuestion } from "../api/flags";
import { FLAG_CLOSED, nextFlag } from "../model/flag";
import { STRINGS } from "../strings";

/**
 * Under a citizen's message: "the bot should know this", with an optional note for the editors,
 * confirmed before it is sent and marked once they have it.
 */
export function FlagQuestion({ messageId }: { messageId: string }) {
  const { t } = useI18n(STRINGS);
  const call = useStaffCall();
  const [state, dispatch] = useReducer(nextFlag, FLAG_CLOSED);
  const noteId = useId();

  async function send(note: string) {
    dispatch({ type: "send" });
    const result = await flagQuestion(call, messageId, note);
    dispatch(result.ok ? { type: "sent" } : { type: "refused", error: result.error });
  }

  if (state.step === "sent") {
    return (
      <p className="msg__status" role="status" data-testid="flag-sent">
        ✓ {t.flagged}
      </p>
    );
  }
  if (state.step === "closed") {
    return (
      <button type="button" className="link-button msg__status" data-testid="flag-open" title={t.flagQuestionHint} onClick={() => dispatch({ type: "open" })}>
        {t.flagQuestion}
      </button>
    );
  }
  const sending = state.step === "sending";
  return (
    <form
      className="msg__status stack"
      data-testid="flag-form"
      onSubmit={(event) => {
        event.preventDefault();
        void send(state.note);
      }}
    >
      <label htmlFor={noteId}>{t.flagNoteLabel}</label>
      <input
        id={noteId}
        className="input"
        maxLength={500}
        data-testid="flag-note"
        value={state.note}
        disabled={sending}
        onChange={(event) => dispatch({ type: "note", note: event.target.value })}
      />
      <span>
        <button type="submit" className="button button--small button--primary" data-testid="flag-confirm" disabled={sending}>
          {sending ? t.flagSending : t.flagConfirm}
        </button>{" "}
        <button type="button" className="button button--small button--quiet" disabled={sending} onClick={() => dispatch({ type: "cancel" })}>
          {t.cancel}
        </button>
      </span>
      {state.step === "refused" ? (
        <span className="msg__status--failed" role="alert">
          {t.flagFailed}
          {errorText(t, state.error)}
        </span>
      ) : null}
    </form>
  );
}
