import { type FormEvent, useCallback, useEffect, useId, useState } from "react";
import { errorText, labelOf, useI18n } from "../../../lib/i18n";
import type { TicketView } from "../../../lib/protocol";
import { useAgentSocket } from "../../../lib/socket";
import { formatDateTime } from "../../../lib/time";
import { useDesk, useDispatch } from "../../../stores/desk-store";
import { fetchTickets, replyToTicket } from "../api/tickets";

const MAX_REPLY = 2000;

function TicketItem({ ticket }: { ticket: TicketView }) {
  const { t, locale } = useI18n();
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
        <time dateTime={ticket.createdAt}>{formatDateTime(ticket.createdAt, locale)}</time>
      </p>
      <p className="ticket__text">{ticket.text}</p>
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
  const { t } = useI18n();
  const socket = useAgentSocket();
  const dispatch = useDispatch();
  const tickets = useDesk((s) => s.tickets);
  const connected = useDesk((s) => s.connection === "connected");
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
