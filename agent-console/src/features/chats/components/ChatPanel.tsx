import { type ReactNode, useId, useRef, useState } from "react";
import { UrgencyBadge } from "../../../components/UrgencyBadge";
import { labelOf, useI18n } from "../../../lib/i18n";
import type { Locale } from "../../../lib/protocol";
import { useDesk, useDispatch } from "../../../stores/desk-store";
import { useSendMessage } from "../hooks/use-send-message";
import { useTypingSignal } from "../hooks/use-typing-signal";
import { STRINGS } from "../strings";
import { CannedReplies } from "./CannedReplies";
import { CloseDialog } from "./CloseDialog";
import { ContextPanel } from "./ContextPanel";
import { ReplyBox } from "./ReplyBox";
import { TransferDialog } from "./TransferDialog";
import { Transcript } from "./Transcript";

/** What a chat panel hands to tools composed in from other features (the knowledge base). */
export interface ChatToolContext {
  chatId: string;
  /** The citizen's language: what a looked-up answer should be in. */
  language: Locale;
  disabled: boolean;
  insert(text: string): void;
}

export type ChatToolsRenderer = (chat: ChatToolContext) => ReactNode;

/** A short, stable name for a chat in titles (its id's tail). */
export function shortChatId(chatId: string): string {
  return chatId.length > 8 ? chatId.slice(-6) : chatId;
}

export function ChatPanel({ chatId, renderTools }: { chatId: string; renderTools?: ChatToolsRenderer }) {
  const { t } = useI18n(STRINGS);
  const chat = useDesk((s) => s.chats.byId[chatId]);
  const dispatch = useDispatch();
  const { send, retry } = useSendMessage(chatId);
  const typing = useTypingSignal(chatId);
  const [draft, setDraft] = useState("");
  const [dialog, setDialog] = useState<"transfer" | "close" | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const titleId = useId();

  if (!chat) return null;
  const { context, ended } = chat;
  const name = shortChatId(chatId);
  const disabled = ended !== null;

  /** Puts text where the caret was in the reply box (at the end if it never had focus). */
  function insert(text: string) {
    const el = input.current;
    const start = el?.selectionStart ?? draft.length;
    const end = el?.selectionEnd ?? draft.length;
    const next = draft.slice(0, start) + text + draft.slice(end);
    setDraft(next);
    const caret = start + text.length;
    requestAnimationFrame(() => {
      input.current?.focus();
      input.current?.setSelectionRange(caret, caret);
    });
  }

  function submit() {
    const text = draft.trim();
    if (!text) return;
    typing.stop();
    send(text);
    setDraft("");
  }

  /** The agent's own close or transfer: the chat is no longer theirs, so it leaves the board. */
  function finished() {
    setDialog(null);
    typing.stop();
    dispatch({ type: "chatRemoved", chatId });
  }

  return (
    <section
      className={`chat${disabled ? " chat--ended" : ""}`}
      data-testid="chat-panel"
      data-chat-id={chatId}
      data-ended={ended ?? undefined}
      aria-labelledby={titleId}
    >
      <header className="chat__header">
        <h2 id={titleId} className="chat__title">
          {t.chatTitle(name)}
        </h2>
        <UrgencyBadge urgency={context.urgency} />
        <span className="tag">{labelOf(t.skills, context.skill)}</span>
        <span className="tag">{labelOf(t.languages, context.language)}</span>
        <span className="tag" data-testid="chat-channel" data-channel={context.channel}>
          {t.channels[context.channel]}
        </span>
        <div className="chat__actions">
          {disabled ? (
            <button
              type="button"
              className="button"
              data-testid="chat-remove"
              onClick={() => dispatch({ type: "chatRemoved", chatId })}
            >
              {t.removeChat}
            </button>
          ) : (
            <>
              <button
                type="button"
                className="button"
                data-testid="transfer-open"
                onClick={() => setDialog("transfer")}
              >
                {t.transfer}
              </button>
              <button
                type="button"
                className="button button--danger"
                data-testid="close-chat"
                onClick={() => setDialog("close")}
              >
                {t.close}
              </button>
            </>
          )}
        </div>
      </header>
      {ended ? (
        <p className="chat__ended" role="status" data-testid="chat-ended" data-reason={ended}>
          {t.ended[ended]}
        </p>
      ) : null}
      <ContextPanel context={context} />
      <Transcript label={t.transcriptLabel(name)} messages={chat.messages} onRetry={retry} />
      <p className="chat__typing" role="status">
        {chat.citizenTyping ? <span data-testid="citizen-typing">{t.citizenTyping}</span> : null}
      </p>
      <div className="chat__tools">
        <details className="tool">
          <summary>{t.cannedTitle}</summary>
          <CannedReplies onInsert={insert} disabled={disabled} />
        </details>
        {renderTools?.({ chatId, language: context.language, disabled, insert })}
      </div>
      <ReplyBox
        value={draft}
        disabled={disabled}
        inputRef={input}
        onChange={(value) => {
          setDraft(value);
          if (value.trim() !== "") typing.keystroke();
          else typing.stop();
        }}
        onSend={submit}
      />
      {dialog === "transfer" ? (
        <TransferDialog
          chatId={chatId}
          skill={context.skill}
          onDone={finished}
          onCancel={() => setDialog(null)}
        />
      ) : null}
      {dialog === "close" ? (
        <CloseDialog chatId={chatId} onDone={finished} onCancel={() => setDialog(null)} />
      ) : null}
    </section>
  );
}
