import type { HandoffStatusView, Locale, MessageView, QuickReplyPayload } from "../../src/protocol/events";
import { Connection, type Session } from "./connection";
import { el, safeStorage } from "./dom";
import { handoffStrip } from "./handoff";
import { detectLocale, dictionary, type StringKey } from "./i18n";
import { type ListItem, MessageList } from "./messages";
import { canCancelHandoff, outlivedBy } from "./moments";
import { Outbox, type Outgoing, toInput } from "./outbox";
import { MAX_TEXT, Panel, type PanelLayout, type StatusTone } from "./panel";
import { privacyLine } from "./privacy";
import css from "./styles.css?inline";
import type { SurveyProblem, SurveyRating } from "./survey";
import { TypingSignal } from "./typing";

/** Kept per tab, so the chat stays open while the citizen moves between pages of the site. */
const OPEN_KEY = "shebao-desk:open";
/** Per handoff, in localStorage: the survey was answered (the value is the rating), so a reload shows it done. */
const SURVEY_KEY = "shebao-desk:survey:";
const CANCEL_HANDOFF: QuickReplyPayload = { action: "handoff", command: "cancel" };
/** A thank-you fades; errors and connection trouble stay until resolved. */
const INFO_STATUS_MS = 6_000;

type Status = { tone: StatusTone; connection?: boolean } & ({ key: StringKey } | { text: string });

/**
 * The widget's state and behaviour: what the server stored, what is still in the outbox, the
 * locale and the status line. Connection and Panel do the I/O; MessageList draws.
 */
export class DeskWidget {
  private locale: Locale;
  /** False while a locale the citizen picked has not reached the server yet. */
  private localeSynced = true;
  private everOnline = false;
  private status: Status | undefined;
  private statusTimer: number | undefined;
  private readonly stored = new Map<string, MessageView>();
  private readonly outbox = new Outbox();
  private readonly openState = safeStorage("sessionStorage");
  private readonly surveys = safeStorage("localStorage");
  /** The latest word on a request for a person, if one was made on this connection's conversation. */
  private handoff: HandoffStatusView | undefined;
  /** The newest stored seq when that word came: a later message may outlive it (moments.ts). */
  private handoffSeq = 0;
  /** The service's time zone, from chat:session: every time shown is in it. */
  private timeZone: string | undefined;
  /** Tells the agent the citizen is typing; used only while an agent is connected. */
  private readonly typingSignal: TypingSignal;
  private readonly list: MessageList;
  private readonly panel: Panel;
  private readonly connection: Connection;

  constructor(shadow: ShadowRoot, origin: string, options: PanelLayout & { ask?: string } = {}) {
    this.locale = detectLocale(navigator.language);
    this.list = new MessageList(() => dictionary[this.locale], {
      quickReply: (reply) => this.send(reply.label, reply.payload),
      rate: (message, rating) => void this.rate(message, rating),
      retry: (clientId) => this.retry(clientId),
      focusLost: () => this.panel.focusInput(),
      survey: {
        submit: (handoffId, rating, comment) => this.submitSurvey(handoffId, rating, comment),
        submitted: (handoffId) => {
          const value = this.surveys.get(SURVEY_KEY + handoffId);
          return value === null ? undefined : Number(value) || 0;
        },
      },
    });
    this.panel = new Panel(this.list, {
      opened: () => {
        this.openState.set(OPEN_KEY, "1");
        this.connection.start();
      },
      closed: () => this.openState.remove(OPEN_KEY),
      submit: (text) => this.submit(text),
      toggleLocale: () => void this.switchLocale(this.locale === "zh" ? "en" : "zh"),
      typed: () => {
        if (this.handoff?.state === "connected") this.typingSignal.typed();
      },
      cancelHandoff: () => this.cancelHandoff(),
    }, options);
    this.connection = new Connection(origin, () => this.locale, {
      session: (session) => this.onSession(session),
      reply: (message) => this.onReply(message),
      typing: (typing, from) => this.panel.setTyping(typing, from),
      handoff: (status) => this.onHandoff(status),
      error: (error) => this.setStatus({ tone: "error", text: error.message }),
      offline: () => this.onOffline(),
      tokenRejected: () => this.setStatus({ tone: "info", key: "newConversation" }),
    });
    this.typingSignal = new TypingSignal((typing) => this.connection.typing(typing));

    shadow.append(el("style", {}, [css]), this.panel.root);
    this.panel.setLocale(this.locale, dictionary[this.locale]);
    if (options.ask) this.panel.prefill(options.ask);
    if (options.layout === "page" || this.openState.get(OPEN_KEY) === "1") this.panel.open(false);
  }

  private onSession(session: Session): void {
    this.everOnline = true;
    if (session.timeZone) this.timeZone = session.timeZone;
    if (this.status?.connection) this.setStatus(undefined);
    if (!this.localeSynced) void this.syncLocale();
    else if (session.locale !== this.locale) this.applyLocale(session.locale);

    // The server's history is the truth: replace ours, keeping only what it has not stored yet.
    this.stored.clear();
    for (const message of session.messages) this.stored.set(message.id, message);
    const storedClientIds = new Set(session.messages.map((m) => m.clientId));
    for (const item of this.outbox.all()) {
      if (storedClientIds.has(item.clientId)) this.outbox.remove(item.clientId);
    }
    this.stopTyping();
    // A new conversation has no request for a person. On a resumed one the server re-sends
    // chat:handoff while one is live; until then the strip keeps what it last said, unless a
    // message that came while we were away has outlived it.
    // (setHandoff renders, and re-words the strip: the session may have brought the time zone.)
    const handoff = this.handoff;
    const outlived = session.messages.some((m) => m.seq > this.handoffSeq && outlivedBy(handoff, m.role));
    this.setHandoff(session.resumed && !outlived ? handoff : undefined);
    for (const item of this.outbox.sending()) void this.deliver(item);
  }

  private onReply(message: MessageView): void {
    this.stored.set(message.id, message);
    this.panel.setTyping(false);
    if (message.role === "agent" || message.role === "system") this.panel.setTyping(false, "agent");
    // "Nobody can answer now" is outlived by an agent writing (setHandoff renders).
    if (outlivedBy(this.handoff, message.role)) this.setHandoff(undefined);
    else this.render();
  }

  private onHandoff(status: HandoffStatusView): void {
    if (status.state !== "connected") {
      this.typingSignal.reset(); // nobody to tell any more, and the server knows the chat moved on
      this.panel.setTyping(false, "agent");
    }
    this.setHandoff(status);
  }

  private setHandoff(status: HandoffStatusView | undefined): void {
    if (status !== this.handoff) this.handoffSeq = this.lastSeq();
    this.handoff = status;
    const strip = handoffStrip(status, dictionary[this.locale], this.locale, { timeZone: this.timeZone });
    this.panel.setHandoff(strip);
    this.render(); // the buttons about the request follow where it stands
  }

  private cancelHandoff(): void {
    if (!canCancelHandoff(this.handoff)) return; // the queue was left meanwhile: nothing to cancel
    // A second press while the first is still on its way would only queue a duplicate.
    const pending = this.outbox
      .sending()
      .some(
        (item) => item.quickReply && "command" in item.quickReply && item.quickReply.command === "cancel",
      );
    if (!pending) this.send(dictionary[this.locale].handoffCancelText, CANCEL_HANDOFF);
  }

  private async submitSurvey(
    handoffId: string,
    rating: SurveyRating,
    comment: string | undefined,
  ): Promise<SurveyProblem> {
    const problem = await this.connection.survey(
      comment ? { handoffId, rating, comment } : { handoffId, rating },
    );
    if (problem === undefined) this.surveys.set(SURVEY_KEY + handoffId, String(rating));
    return problem;
  }

  private stopTyping(): void {
    this.typingSignal.reset();
    this.panel.setTyping(false);
    this.panel.setTyping(false, "agent");
  }

  private onOffline(): void {
    this.stopTyping();
    const key = this.everOnline ? "reconnecting" : "connecting";
    // Said once, not again at every retry; "a new conversation was started" explains it better.
    const shown = this.status && "key" in this.status ? this.status.key : undefined;
    if (shown === key || shown === "newConversation") return;
    this.setStatus({ tone: "info", connection: true, key });
  }

  private submit(text: string): boolean {
    const trimmed = text.trim();
    if (trimmed === "") return false;
    if (trimmed.length > MAX_TEXT) {
      this.setStatus({ tone: "error", key: "tooLong" });
      return false;
    }
    this.send(trimmed);
    return true;
  }

  private send(text: string, quickReply?: QuickReplyPayload): void {
    this.typingSignal.stop(); // "no longer typing" goes out before the message itself
    if (this.status?.tone === "error") this.setStatus(undefined);
    const item = this.outbox.add(text, this.lastSeq(), quickReply);
    this.render();
    this.connection.start();
    void this.deliver(item);
  }

  private retry(clientId: string): void {
    const item = this.outbox.get(clientId);
    if (!item) return;
    item.state = "sending";
    item.after = this.lastSeq(); // it will be stored after everything said so far
    this.render();
    void this.deliver(item);
  }

  /** One attempt; the outbox keeps the message until the server has stored it or refused it. */
  private async deliver(item: Outgoing): Promise<void> {
    const attempt = ++item.attempts;
    const result = await this.connection.send(toInput(item));
    if (this.outbox.get(item.clientId) !== item) return; // settled meanwhile, e.g. found in history
    if (result.status === "stored") {
      this.outbox.remove(item.clientId);
      this.stored.set(result.message.id, result.message);
      if (this.status?.tone === "error") this.setStatus(undefined); // the latest send went through
    } else if (attempt !== item.attempts) {
      return; // a newer attempt is under way
    } else if (result.status === "refused") {
      item.state = "failed";
      this.setStatus({ tone: "error", text: result.error.message });
    } else if (this.connection.online) {
      void this.deliver(item); // the ack timed out on a live connection: try again, same clientId
      return;
    } else {
      return; // offline: the next chat:session re-sends it
    }
    this.render();
  }

  private async rate(message: MessageView, rating: "up" | "down"): Promise<void> {
    const before = this.stored.get(message.id);
    if (!before || before.feedback === rating) return;
    this.stored.set(message.id, { ...before, feedback: rating }); // shown at once, undone if refused
    this.render();
    const problem = await this.connection.rate(message.id, rating);
    if (problem === undefined) {
      this.setStatus({ tone: "info", key: "feedbackThanks" });
      return;
    }
    const current = this.stored.get(message.id);
    if (current) this.stored.set(message.id, { ...current, feedback: before.feedback });
    this.render();
    this.setStatus(
      problem === "offline"
        ? { tone: "error", key: "reconnecting" }
        : { tone: "error", text: problem.message },
    );
  }

  private async switchLocale(locale: Locale): Promise<void> {
    this.applyLocale(locale);
    this.localeSynced = false;
    await this.syncLocale();
  }

  private async syncLocale(): Promise<void> {
    const wanted = this.locale;
    const problem = await this.connection.setLocale(wanted);
    if (problem === "offline") return; // sent with the next chat:session
    if (wanted === this.locale) this.localeSynced = true;
    if (problem) this.setStatus({ tone: "error", text: problem.message });
  }

  private applyLocale(locale: Locale): void {
    this.locale = locale;
    this.panel.setLocale(locale, dictionary[locale]);
    this.setHandoff(this.handoff);
    this.setStatus(this.status); // re-word a status that came from our own dictionary
  }

  private setStatus(status: Status | undefined): void {
    window.clearTimeout(this.statusTimer);
    this.status = status;
    if (!status) {
      this.panel.setStatus("");
      return;
    }
    this.panel.setStatus("key" in status ? dictionary[this.locale][status.key] : status.text, status.tone);
    if (status.tone === "info" && !status.connection) {
      this.statusTimer = window.setTimeout(() => this.setStatus(undefined), INFO_STATUS_MS);
    }
  }

  private lastSeq(): number {
    let last = 0;
    for (const message of this.stored.values()) last = Math.max(last, message.seq);
    return last;
  }

  /** Stored messages in server order; each unsent one right after what had been said when it was typed. */
  private render(): void {
    const stored = [...this.stored.values()].sort((a, b) => a.seq - b.seq);
    const pending = this.outbox.all().sort((a, b) => a.after - b.after); // stable: typing order within
    const items: ListItem[] = [];
    for (const message of stored) {
      while (pending[0] && pending[0].after < message.seq) {
        items.push({ kind: "pending", outgoing: pending.shift()! });
      }
      items.push({ kind: "stored", message });
    }
    for (const outgoing of pending) items.push({ kind: "pending", outgoing });
    // The privacy line first: its height changes the view that follow() measures.
    this.panel.setPrivacy(privacyLine(stored));
    this.panel.follow(this.list.show(items, this.handoff));
  }
}
