import { answerAsHtml } from "../../src/protocol/answer-markdown";
import type { MessageRole, MessageView, QuickReplyPayload, QuickReplyView } from "../../src/protocol/events";
import { applyStrings, el, icon } from "./dom";
import type { StringKey, Strings } from "./i18n";
import { liveTurn, replyEnabled, type StripMoment } from "./moments";
import type { Outgoing } from "./outbox";
import { type SurveyActions, surveyElement } from "./survey";

/** One row of the conversation: stored by the server, or typed here and not yet stored. */
export type ListItem = { kind: "stored"; message: MessageView } | { kind: "pending"; outgoing: Outgoing };

export interface MessageActions {
  quickReply(reply: QuickReplyView): void;
  rate(message: MessageView, rating: "up" | "down"): void;
  retry(clientId: string): void;
  survey: SurveyActions;
  /** A button that had the keyboard's focus was just disabled: focus belongs somewhere useful. */
  focusLost(): void;
}

/** A quick-reply button and what it sends, so its enabled state can follow the conversation. */
interface Chip {
  button: HTMLButtonElement;
  payload: QuickReplyPayload;
}

/** Read before each message by screen readers, since the left/right layout is visual only. */
const speaker: Record<MessageRole, StringKey> = {
  citizen: "youSaid",
  bot: "assistant",
  agent: "agent",
  system: "system",
};

/**
 * The conversation log. `show` reconciles by key instead of re-rendering, so a screen reader's
 * live region announces only messages that are really new, and focus stays on a pressed button.
 */
export class MessageList {
  readonly element = el("div", {
    class: "log",
    role: "log",
    "aria-live": "polite",
    // Only new messages are read out, not every label re-translated by a locale switch.
    "aria-relevant": "additions",
    "data-i18n-label": "title",
    "data-testid": "messages",
  });
  private readonly rendered = new Map<string, { node: HTMLElement; signature: string; chips: Chip[] }>();

  constructor(
    private readonly strings: () => Strings,
    private readonly actions: MessageActions,
  ) {}

  /**
   * Shows exactly these items in this order; returns the last message added, if any. `handoff` is
   * where the request for a person stands: the buttons about it follow it (moments.ts).
   */
  show(items: ListItem[], handoff: StripMoment): HTMLElement | undefined {
    const wanted = new Set<string>();
    let added: HTMLElement | undefined;
    let cursor: ChildNode | null = this.element.firstChild;
    for (const item of items) {
      const key = keyOf(item);
      wanted.add(key);
      let entry = this.rendered.get(key);
      if (!entry) {
        const chips: Chip[] = [];
        entry = { node: this.build(item, chips), signature: "", chips };
        this.rendered.set(key, entry);
        added = entry.node;
      }
      const signature = signatureOf(item);
      if (entry.signature !== signature) {
        this.fill(entry.node, item);
        entry.signature = signature;
      }
      if (entry.node === cursor) cursor = cursor.nextSibling;
      else this.element.insertBefore(entry.node, cursor);
    }
    for (const [key, entry] of this.rendered) {
      if (wanted.has(key)) continue;
      entry.node.remove();
      this.rendered.delete(key);
    }
    this.updateChips(items, handoff);
    return added;
  }

  /** Only the live message's buttons are enabled (moments.ts); the rest stay visible, disabled. */
  private updateChips(items: ListItem[], handoff: StripMoment): void {
    const live = liveTurn(items.map((item) => ({ key: keyOf(item), role: roleOf(item) })));
    const root = this.element.getRootNode();
    const focused = root instanceof ShadowRoot || root instanceof Document ? root.activeElement : null;
    let keyboardFocusLost = false;
    for (const [key, entry] of this.rendered) {
      for (const { button, payload } of entry.chips) {
        const disabled = !replyEnabled(payload, key === live, handoff);
        if (button.disabled === disabled) continue;
        // Disabling the focused button drops focus to the page; a keyboard user is sent on to the input.
        if (disabled && button === focused && button.matches(":focus-visible")) keyboardFocusLost = true;
        button.disabled = disabled;
      }
    }
    if (keyboardFocusLost) this.actions.focusLost();
  }

  /** The parts of a message that never change once it is on screen. */
  private build(item: ListItem, chips: Chip[]): HTMLElement {
    const role = roleOf(item);
    const node = el("div", { class: `msg msg--${role}`, "data-testid": "message", "data-role": role }, [
      el("div", { class: "bubble" }, [
        el("span", { class: "sr-only", "data-i18n": speaker[role] }),
        el("div", { class: "text", "data-testid": "message-text" }),
      ]),
    ]);
    if (item.kind === "stored") {
      const { message } = item;
      if (role === "agent") {
        // Who is answering, above the bubble: the server's name as text, or the generic label.
        const name = message.agentName?.trim();
        node.prepend(
          el(
            "div",
            {
              class: "agent-name",
              "data-testid": "agent-name",
              "data-i18n": name ? undefined : "agentLabel",
            },
            [name],
          ),
        );
      }
      if (message.links?.length) node.appendChild(links(message.links));
      if (message.quickReplies?.length) node.appendChild(this.quickReplies(message.quickReplies, chips));
      if (message.faqId) node.appendChild(this.feedback(message));
      if (message.survey?.handoffId) {
        node.appendChild(surveyElement(message.survey.handoffId, this.actions.survey, this.strings));
      }
    }
    node.appendChild(el("div", { class: "meta" }));
    applyStrings(node, this.strings());
    return node;
  }

  private quickReplies(replies: QuickReplyView[], chips: Chip[]): HTMLElement {
    const buttons = replies.map((reply) => {
      const button = el("button", { type: "button", class: "chip", "data-testid": "quick-reply" }, [
        reply.label,
      ]);
      // A disabled button fires no click event; checked here too, so that nothing else can press it.
      button.addEventListener("click", () => {
        if (!button.disabled) this.actions.quickReply(reply);
      });
      chips.push({ button, payload: reply.payload });
      return button;
    });
    return el("div", { class: "chips", role: "group", "data-i18n-label": "quickReplies" }, buttons);
  }

  private feedback(message: MessageView): HTMLElement {
    const button = (rating: "up" | "down", label: StringKey) => {
      const b = el(
        "button",
        {
          type: "button",
          class: "rate",
          "data-rating": rating,
          "data-testid": `feedback-${rating}`,
          "aria-pressed": "false",
          "data-i18n-label": label,
        },
        [icon(rating), el("span", { "data-i18n": label })],
      );
      b.addEventListener("click", () => this.actions.rate(message, rating));
      return b;
    };
    return el("div", { class: "feedback", role: "group", "data-i18n-label": "feedbackPrompt" }, [
      el("span", { class: "feedback-prompt", "aria-hidden": "true", "data-i18n": "feedbackPrompt" }),
      button("up", "helpful"),
      button("down", "notHelpful"),
    ]);
  }

  /** The parts that change: text (the server masks personal data), delivery state, rating. */
  private fill(node: HTMLElement, item: ListItem): void {
    const text = item.kind === "pending" ? item.outgoing.text : item.message.text;
    const textNode = node.querySelector<HTMLElement>(".text");
    if (textNode && roleOf(item) === "bot") showAnswer(textNode, text);
    else if (textNode && textNode.textContent !== text) textNode.textContent = text;

    const state = item.kind === "pending" ? item.outgoing.state : "sent";
    node.dataset.state = state;
    if (item.kind === "stored") node.dataset.id = item.message.id;

    const meta = node.querySelector<HTMLElement>(".meta");
    if (meta) {
      meta.replaceChildren();
      if (item.kind === "pending" && state === "sending")
        meta.appendChild(el("span", { "data-i18n": "sending" }));
      if (item.kind === "pending" && state === "failed") {
        const { clientId } = item.outgoing;
        const retry = el("button", {
          type: "button",
          class: "link",
          "data-testid": "retry",
          "data-i18n": "retry",
        });
        retry.addEventListener("click", () => this.actions.retry(clientId));
        meta.append(el("span", { class: "failed", "data-i18n": "failed" }), retry);
      }
      applyStrings(meta, this.strings());
    }

    if (item.kind === "stored") {
      for (const button of node.querySelectorAll<HTMLElement>(".rate")) {
        button.setAttribute("aria-pressed", String(button.dataset.rating === item.message.feedback));
      }
    }
  }
}

/** Downloads a reply offers (a certificate PDF). Only http(s) URLs become links; the label is text. */
function links(items: { label: string; url: string }[]): HTMLElement {
  const anchors = items.flatMap((item) => {
    let url: URL;
    try {
      url = new URL(item.url);
    } catch {
      return [];
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") return [];
    return [
      el(
        "a",
        {
          class: "link",
          href: url.href,
          target: "_blank",
          rel: "noopener noreferrer",
          "data-testid": "message-link",
        },
        [item.label],
      ),
    ];
  });
  return el("div", { class: "links" }, anchors);
}

/** The Markdown each bot bubble shows, so a change of rating does not rebuild (and re-announce) its text. */
const shownMarkdown = new WeakMap<HTMLElement, string>();

/**
 * The bot's words are Markdown (FAQ answers: lists, bold, links). The one place the widget puts
 * markup in the page, and only what answer-markdown.ts makes of it: raw HTML escaped, links
 * limited to http(s), mailto and tel. Citizens' and agents' words stay text nodes.
 */
function showAnswer(textNode: HTMLElement, markdown: string): void {
  if (shownMarkdown.get(textNode) === markdown) return;
  textNode.innerHTML = answerAsHtml(markdown);
  shownMarkdown.set(textNode, markdown);
}

function roleOf(item: ListItem): MessageRole {
  return item.kind === "pending" ? "citizen" : item.message.role;
}

/** A citizen message keeps its key from "sending" to stored, so its bubble is updated, not replaced. */
function keyOf(item: ListItem): string {
  if (item.kind === "pending") return `c:${item.outgoing.clientId}`;
  return item.message.clientId ? `c:${item.message.clientId}` : `m:${item.message.id}`;
}

function signatureOf(item: ListItem): string {
  return item.kind === "pending"
    ? `${item.outgoing.state}|${item.outgoing.text}`
    : `sent|${item.message.id}|${item.message.text}|${item.message.feedback ?? ""}`;
}
