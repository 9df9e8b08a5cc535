import { type FormEvent, useState } from "react";
import { Dialog } from "../../../components/Dialog";
import { Field } from "../../../components/Field";
import { errorText, useI18n } from "../../../lib/i18n";
import { WRAP_UP_CODES, type WrapUpCode } from "../../../lib/protocol";
import { useAgentSocket } from "../../../lib/socket";
import { useDesk } from "../../../stores/desk-store";
import { closeChat } from "../api/chat";
import { STRINGS } from "../strings";

interface CloseDialogProps {
  chatId: string;
  onDone(): void;
  onCancel(): void;
}

/** Ends the chat with a wrap-up code (the ones agent:hello listed) and an optional note. */
export function CloseDialog({ chatId, onDone, onCancel }: CloseDialogProps) {
  const { t } = useI18n(STRINGS);
  const socket = useAgentSocket();
  const offered = useDesk((s) => s.chats.wrapUpCodes);
  const codes = offered.length > 0 ? offered : WRAP_UP_CODES;
  const [wrapUp, setWrapUp] = useState<WrapUpCode>(codes[0] ?? "resolved");
  const [note, setNote] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    const result = await closeChat(socket, chatId, wrapUp, note);
    setBusy(false);
    if (result.ok) onDone();
    else setProblem(errorText(t, result.error));
  }

  return (
    <Dialog title={t.closeTitle} onDismiss={onCancel} testId="close-dialog">
      <form className="dialog__form" onSubmit={submit} noValidate>
        <Field label={t.wrapUpLabel}>
          {(id) => (
            <select
              id={id}
              className="select"
              data-testid="wrap-up-select"
              value={wrapUp}
              onChange={(event) => setWrapUp(event.target.value as WrapUpCode)}
            >
              {codes.map((code) => (
                <option key={code} value={code}>
                  {t.wrapUp[code] ?? code}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t.closeNoteLabel}>
          {(id) => (
            <textarea
              id={id}
              className="input"
              data-testid="close-note"
              rows={3}
              maxLength={500}
              value={note}
              onChange={(event) => setNote(event.target.value)}
            />
          )}
        </Field>
        {problem ? (
          <p className="form-error" role="alert" data-testid="close-error">
            {problem}
          </p>
        ) : null}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onCancel}>
            {t.cancel}
          </button>
          <button type="submit" className="button button--danger" data-testid="close-confirm" disabled={busy}>
            {busy ? t.working : t.confirmClose}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
