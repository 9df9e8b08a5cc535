import { type FormEvent, useCallback, useEffect, useId, useState } from "react";
import { errorText, labelOf, useI18n } from "../../../lib/i18n";
import type { TicketView } from "../../../lib/protocol";
import { useAgentSocket } from "../../../lib/socket";
import { formatDateTime } from "../../../lib/time";
import { useDesk, useDispatch } from "../../../stores/desk-store";
import { fetchCallbackNumber, fetchTickets, replyToTicket } from "../api/tickets";
import { STRINGS } from "../strings";

const MAX_REPLY = 2000;

type Callback =
  | { state: "hidden" }
  | { state: "loading" }
  | { state: "shown"; number: string | null }
  | { state: "failed"; message: string };

/**
 * The phone number a citizen left to be called back on. The list shows the message masked; the
 * full number is asked for (agent:ticket-callback, which the server may audit) only when the agent
 * needs it, for this one message, and shown as plain selectable text.
 */
function CallbackNumber({ ticketId }: { ticketId: string }) {
  const { t } = useI18n(STRINGS);
  const socket = useAgentSocket();
  const [callback, setCallback] = useState<Callback>({ state: "hidden" });

  async function reveal() {
    setCallback({ state: "loading" });
    const result = await fetchCallbackNumber(socket, ticketId);
    setCallback(
      result.ok
        ? { state: "shown", number: result.number }
        : { state: "failed", message: errorText(t, result.error) },
    );
  }

  if (callback.state === "shown") {
    return callback.number ? (
      <p className="ticket__callback" data-testid="ticket-callback">
        <span className="ticket__callback-label">{t.callbackLabel}: </span>
        <span className="ticket__callback-number" data-testid="ticket-callback-number">
          {callback.number}
        </span>
      </p>
    ) : (
      <p className="ticket__callback ticket__callback--none" data-testid="ticket-callback-none">
        {t.callbackNone}
      </p>
    );
  }
  return (
    <div className="ticket__callback">
      <button
        type="button"
        className="button button--small"
        data-testid="ticket-callback-show"
        disabled={callback.state === "loading"}
        onClick={() => void reveal()}
      >
        {callback.state === "loading" ? t.working : t.callbackShow}
      </button>
      {callback.state === "failed" ? (
        <p className="form-error" role="alert">
          {callback.message}
        </p>
      ) : null}
    </div>
  );
}

function TicketItem({ ticket }: { ticket: TicketView }) {
  const { t, locale } = useI18n(STRINGS);
  const timeZone = useDesk((s) => s.service.timeZone);
  const socket = useAgentSocket();
  const dispatch = useDispatch();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const inputId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reply = text.trim();
    if (!reply || busy) return;
    setBusy(true);
    setProblem(null);
    const result = await replyToTicket(socket, ticket.id, reply);
    setBusy(false);
    if (!result.ok) return setProblem(errorText(t, result.error));
    setSent(true);
    setOpen(false);
    setText("");
    dispatch({ type: "ticketAnswered", ticketId: ticket.id });
  }

  return (
    <li className={`ticket ticket--${ticket.status}`} data-testid="ticket" data-ticket-id={ticket.id}>
      <p className="ticket__meta">
        <span className={`badge badge--${ticket.status === "open" ? "normal" : "low"}`}>
          {t.ticketStatus[ticket.status]}
        </span>
        <span className="tag">{labelOf(t.languages, ticket.language)}</span>
        <time dateTime={ticket.createdAt} title={timeZone ? t.timeZoneTitle(timeZone) : undefined}>
          {formatDateTime(ticket.createdAt, locale, timeZone)}
        </time>
      </p>
      <p className="ticket__text">{ticket.text}</p>
      {ticket.hasCallback ? <CallbackNumber ticketId={ticket.id} /> : null}
      {sent ? (
        <p className="ticket__sent" role="status">
          {t.ticketSent}
        </p>
      ) : null}
      {ticket.status === "open" && !open ? (
        <button
          type="button"
          className="button button--small"
          data-testid="ticket-reply-open"
          onClick={() => setOpen(true)}
        >
          {t.reply}
        </button>
      ) : null}
      {open ? (
        <form className="ticket__form" onSubmit={submit}>
          <label className="sr-only" htmlFor={inputId}>
            {t.ticketReplyLabel}
          </label>
          <textarea
            id={inputId}
            className="input"
            rows={3}
            maxLength={MAX_REPLY}
            data-testid="ticket-reply-input"
            placeholder={t.ticketReplyLabel}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
          {problem ? (
            <p className="form-error" role="alert">
              {problem}
            </p>
          ) : null}
          <div className="dialog__actions">
            <button type="button" className="button" onClick={() => setOpen(false)}>
              {t.cancel}
            </button>
            <button
              type="submit"
              className="button button--primary"
              data-testid="ticket-reply-send"
              disabled={busy || text.trim() === ""}
            >
              {busy ? t.working : t.ticketSend}
            </button>
          </div>
        </form>
      ) : null}
    </li>
  );
}

/** Messages citizens left when nobody could answer; loaded on every (re)connection and on demand. */
export function TicketList() {
  const { t } = useI18n(STRINGS);
  const socket = useAgentSocket();
  const dispatch = useDispatch();
  const tickets = useDesk((s) => s.tickets.items);
  const connected = useDesk((s) => s.connection.status === "connected");
  const [loading, setLoading] = useState(false);
  const headingId = useId();

  const load = useCallback(async () => {
    setLoading(true);
    const result = await fetchTickets(socket);
    setLoading(false);
    if (result.ok) dispatch({ type: "tickets", tickets: result.tickets });
    else dispatch({ type: "notice", notice: { kind: "error", error: result.error } });
  }, [socket, dispatch]);

  useEffect(() => {
    if (connected) void load();
  }, [connected, load]);

  const open = tickets?.filter((ticket) => ticket.status === "open").length ?? 0;

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel__title">
        {t.ticketsTitle} <span className="panel__count">{open}</span>
        <button
          type="button"
          className="button button--small panel__action"
          data-testid="tickets-refresh"
          disabled={loading || !connected}
          onClick={() => void load()}
        >
          {t.refresh}
        </button>
      </h2>
      {tickets && tickets.length === 0 ? <p className="panel__empty">{t.noTickets}</p> : null}
      {tickets && tickets.length > 0 ? (
        <ul className="tickets">
          {tickets.map((ticket) => (
            <TicketItem key={ticket.id} ticket={ticket} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
