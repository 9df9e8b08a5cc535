import { type FormEvent, useId, useState } from "react";
import { Dialog } from "../../../components/Dialog";
import { Field } from "../../../components/Field";
import { errorText, useI18n } from "../../../lib/i18n";
import { SKILLS, type Skill } from "../../../lib/protocol";
import { useAgentSocket } from "../../../lib/socket";
import { transferChat } from "../api/chat";
import { STRINGS } from "../strings";

interface TransferDialogProps {
  chatId: string;
  /** The chat's current skill: the first choice offered. */
  skill: string;
  onDone(): void;
  onCancel(): void;
}

/** Hands the chat to a skill group's queue or to a named agent, always with a note for them. */
export function TransferDialog({ chatId, skill, onDone, onCancel }: TransferDialogProps) {
  const { t } = useI18n(STRINGS);
  const socket = useAgentSocket();
  const [mode, setMode] = useState<"skill" | "agent">("skill");
  const [target, setTarget] = useState<Skill>(
    (SKILLS as readonly string[]).includes(skill) ? (skill as Skill) : "other",
  );
  const [agentId, setAgentId] = useState("");
  const [note, setNote] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (mode === "agent" && agentId.trim() === "") return setProblem(t.agentRequired);
    if (note.trim() === "") return setProblem(t.noteRequired);
    setBusy(true);
    setProblem(null);
    const result = await transferChat(
      socket,
      chatId,
      mode === "skill" ? { skill: target } : { toAgentId: agentId.trim() },
      note.trim(),
    );
    setBusy(false);
    if (result.ok) onDone();
    else setProblem(errorText(t, result.error));
  }

  return (
    <Dialog title={t.transferTitle} onDismiss={onCancel} testId="transfer-dialog">
      <form className="dialog__form" onSubmit={submit} noValidate>
        <fieldset className="choice">
          <legend>{t.transferTo}</legend>
          <label className="choice__option">
            <input
              type="radio"
              name="transfer-mode"
              value="skill"
              checked={mode === "skill"}
              data-testid="transfer-mode-skill"
              onChange={() => setMode("skill")}
            />
            {t.toSkill}
          </label>
          <label className="choice__option">
            <input
              type="radio"
              name="transfer-mode"
              value="agent"
              checked={mode === "agent"}
              data-testid="transfer-mode-agent"
              onChange={() => setMode("agent")}
            />
            {t.toAgent}
          </label>
        </fieldset>
        {mode === "skill" ? (
          <Field label={t.skillLabel}>
            {(id) => (
              <select
                id={id}
                className="select"
                data-testid="transfer-skill"
                value={target}
                onChange={(event) => setTarget(event.target.value as Skill)}
              >
                {SKILLS.map((s) => (
                  <option key={s} value={s}>
                    {t.skills[s]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : (
          <Field label={t.agentIdLabel}>
            {(id) => (
              <input
                id={id}
                className="input"
                data-testid="transfer-agent"
                value={agentId}
                maxLength={64}
                autoComplete="off"
                onChange={(event) => setAgentId(event.target.value)}
              />
            )}
          </Field>
        )}
        <Field label={t.noteRequiredLabel}>
          {(id) => (
            <textarea
              id={id}
              className="input"
              data-testid="transfer-note"
              rows={3}
              maxLength={500}
              value={note}
              aria-required="true"
              aria-invalid={problem === t.noteRequired ? true : undefined}
              aria-describedby={problem ? errorId : undefined}
              onChange={(event) => setNote(event.target.value)}
            />
          )}
        </Field>
        {problem ? (
          <p className="form-error" role="alert" id={errorId} data-testid="transfer-error">
            {problem}
          </p>
        ) : null}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onCancel}>
            {t.cancel}
          </button>
          <button
            type="submit"
            className="button button--primary"
            data-testid="transfer-confirm"
            disabled={busy}
          >
            {busy ? t.working : t.confirmTransfer}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
