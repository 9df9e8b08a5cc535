import { useEffect, useId, useRef, useState } from "react";
import { UrgencyBadge } from "../../../components/UrgencyBadge";
import { labelOf, useI18n } from "../../../lib/i18n";
import type { OfferView } from "../../../lib/protocol";
import { useAgentSocket } from "../../../lib/socket";
import { elapsedSince, formatDuration, useNow } from "../../../lib/time";
import { useDesk, useDispatch } from "../../../stores/desk-store";
import { acceptOffer, declineOffer } from "../api/offers";
import { STRINGS } from "../strings";

/** Refusals meaning the offer is no longer this agent's: it leaves the list. */
const OFFER_GONE = new Set(["HANDOFF_OFFER_GONE", "ROUTING_NOT_OFFERED"]);

/** Moves focus to the accepted chat's reply box once it is on screen. */
function focusReply(chatId: string) {
  requestAnimationFrame(() => {
    const panel = document.querySelector(`[data-testid="chat-panel"][data-chat-id="${CSS.escape(chatId)}"]`);
    panel?.querySelector<HTMLTextAreaElement>('[data-testid="reply-input"]')?.focus();
  });
}

function OfferCard({ offer }: { offer: OfferView }) {
  const { t } = useI18n(STRINGS);
  const socket = useAgentSocket();
  const dispatch = useDispatch();
  const now = useNow();
  const [busy, setBusy] = useState<"accept" | "decline" | null>(null);
  const left = -elapsedSince(offer.expiresAt, now);
  const skill = labelOf(t.skills, offer.skill);

  async function accept() {
    setBusy("accept");
    const result = await acceptOffer(socket, offer.chatId);
    setBusy(null);
    if (result.ok) {
      dispatch({ type: "chatOpened", context: result.context });
      focusReply(offer.chatId);
      return;
    }
    dispatch({ type: "notice", notice: { kind: "error", error: result.error } });
    if (OFFER_GONE.has(result.error.code)) dispatch({ type: "offerRemoved", chatId: offer.chatId });
  }

  async function decline() {
    setBusy("decline");
    const result = await declineOffer(socket, offer.chatId);
    setBusy(null);
    if (result.ok || OFFER_GONE.has(result.error.code)) {
      dispatch({ type: "offerRemoved", chatId: offer.chatId });
      return;
    }
    dispatch({ type: "notice", notice: { kind: "error", error: result.error } });
  }

  return (
    <li
      className={`offer offer--${offer.urgency}`}
      data-testid="offer"
      data-chat-id={offer.chatId}
      aria-label={t.offerLabel(skill, t.urgency[offer.urgency])}
    >
      <div className="offer__row">
        <UrgencyBadge urgency={offer.urgency} />
        <span className="tag">{skill}</span>
        <span className="tag">{labelOf(t.languages, offer.language)}</span>
      </div>
      <p className="offer__reason">{labelOf(t.reasons, offer.reason)}</p>
      <p className="offer__meta">
        <span>{t.waited(formatDuration(elapsedSince(offer.arrivedAt, now)))}</span>
        <span className={`offer__countdown${left <= 10_000 ? " offer__countdown--soon" : ""}`} role="timer">
          {left > 0 ? t.expiresIn(formatDuration(left)) : t.expired}
        </span>
      </p>
      {offer.transferNote ? (
        <p className="offer__note">
          <span className="offer__note-label">{t.transferNote}: </span>
          {offer.transferNote}
        </p>
      ) : null}
      <div className="offer__actions">
        <button
          type="button"
          className="button button--primary"
          data-testid="offer-accept"
          disabled={busy !== null}
          onClick={() => void accept()}
        >
          {busy === "accept" ? t.working : t.accept}
        </button>
        <button
          type="button"
          className="button"
          data-testid="offer-decline"
          disabled={busy !== null}
          onClick={() => void decline()}
        >
          {t.decline}
        </button>
      </div>
    </li>
  );
}

/**
 * Chats offered to this agent, each with Accept / Decline and the time left. A new offer is
 * announced to screen readers once (the ticking countdown is not).
 */
export function OfferList() {
  const { t } = useI18n(STRINGS);
  const offers = useDesk((s) => s.queue.offers);
  const headingId = useId();
  const seen = useRef(new Set<string>());
  const [announcement, setAnnouncement] = useState("");

  useEffect(() => {
    const fresh = offers.filter((o) => !seen.current.has(o.chatId));
    seen.current = new Set(offers.map((o) => o.chatId));
    const last = fresh.at(-1);
    if (last) setAnnouncement(t.offerLabel(labelOf(t.skills, last.skill), t.urgency[last.urgency]));
  }, [offers, t]);

  return (
    <section className="panel panel--offers" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel__title">
        {t.offersTitle} <span className="panel__count">{offers.length}</span>
      </h2>
      <p className="sr-only" aria-live="assertive" data-testid="offer-announcement">
        {announcement}
      </p>
      {offers.length === 0 ? (
        <p className="panel__empty">{t.noOffers}</p>
      ) : (
        <ul className="offers">
          {offers.map((offer) => (
            <OfferCard key={offer.chatId} offer={offer} />
          ))}
        </ul>
      )}
    </section>
  );
}
