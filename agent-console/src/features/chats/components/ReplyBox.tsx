import { type FormEvent, type KeyboardEvent, type Ref, useId } from "react";
import { useI18n } from "../../../lib/i18n";
import { MAX_REPLY_CHARS } from "../api/chat";
import { STRINGS } from "../strings";

interface ReplyBoxProps {
  value: string;
  disabled: boolean;
  inputRef: Ref<HTMLTextAreaElement>;
  onChange(value: string): void;
  onSend(): void;
}

/** Enter sends, Shift+Enter starts a new line; Enter that ends an IME composition only commits it. */
export function ReplyBox({ value, disabled, inputRef, onChange, onSend }: ReplyBoxProps) {
  const { t } = useI18n(STRINGS);
  const hintId = useId();
  const errorId = useId();
  const tooLong = value.length > MAX_REPLY_CHARS;
  const empty = value.trim() === "";

  function keyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key !== "Enter" || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return;
    // Chinese input methods confirm a candidate with Enter: that must not send half a sentence.
    if (event.nativeEvent.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    if (!empty && !tooLong && !disabled) onSend();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!empty && !tooLong && !disabled) onSend();
  }

  return (
    <form className="reply" onSubmit={submit}>
      <label className="sr-only" htmlFor={`${hintId}-input`}>
        {t.replyLabel}
      </label>
      <textarea
        id={`${hintId}-input`}
        ref={inputRef}
        className="reply__input"
        data-testid="reply-input"
        rows={3}
        value={value}
        disabled={disabled}
        placeholder={t.replyLabel}
        aria-describedby={tooLong ? `${hintId} ${errorId}` : hintId}
        aria-invalid={tooLong ? true : undefined}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={keyDown}
      />
      <div className="reply__bar">
        <span id={hintId} className="reply__hint">
          {t.replyHint}
        </span>
        {tooLong ? (
          <span id={errorId} className="form-error" role="alert">
            {t.tooLong(MAX_REPLY_CHARS)}
          </span>
        ) : null}
        <button
          type="submit"
          className="button button--primary"
          data-testid="reply-send"
          disabled={disabled || empty || tooLong}
        >
          {t.send}
        </button>
      </div>
    </form>
  );
}
