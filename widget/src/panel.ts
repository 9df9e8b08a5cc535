import type { Locale } from "../../src/protocol/events";
import { applyStrings, el, icon } from "./dom";
import type { HandoffStrip } from "./handoff";
import { langTag, type StringKey, type Strings } from "./i18n";
import type { MessageList } from "./messages";

/** The server refuses longer messages; the counter warns before that. */
export const MAX_TEXT = 2_000;

export interface PanelHandlers {
  opened(): void;
  closed(): void;
  /** Returns true when the text was taken (the input is then cleared). */
  submit(text: string): boolean;
  toggleLocale(): void;
  /** A key went into the input (for "the citizen is typing"). */
  typed(): void;
  /** The cancel button on the handoff strip. */
  cancelHandoff(): void;
}

export type StatusTone = "info" | "error";

/**
 * How the chat sits on the page: `floating`, a launcher in the corner opening a panel over any
 * site (the widget's default); `page`, the whole page is the chat (the /m page in WeChat's
 * browser), always open, nothing to close. `theme: "wechat"` dresses it as a WeChat conversation.
 */
export interface PanelLayout {
  layout?: "floating" | "page";
  theme?: "default" | "wechat";
}

/**
 * The chat's frame: launcher, dialog, header with the language switch, typing indicator, status
 * line and the composer. Knows nothing about the socket; the widget drives it through methods.
 */
export class Panel {
  readonly root: HTMLElement;
  private readonly launcher: HTMLButtonElement;
  private readonly dialog: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly localeSwitch: HTMLButtonElement;
  private readonly typing: HTMLElement;
  private readonly agentTyping: HTMLElement;
  private readonly handoff: HTMLElement;
  private readonly handoffText: HTMLElement;
  private readonly handoffCancel: HTMLButtonElement;
  private readonly status: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly privacy: HTMLElement;
  private strings: Strings | undefined;
  private readonly counter: HTMLElement;
  private statusTimer: number | undefined;
  private statusShownAt = 0;
  /** Whether the reader is at the end of the conversation, so new lines below should stay in view. */
  private pinned = true;
  /** The scroller's content and view heights when last measured, to tell the reader's scrolling from layout's. */
  private geometry = "";

  private readonly page: boolean;

  constructor(
    list: MessageList,
    private readonly handlers: PanelHandlers,
    layout: PanelLayout = {},
  ) {
    this.page = layout.layout === "page";
    this.launcher = el(
      "button",
      {
        type: "button",
        class: "launcher",
        "aria-expanded": "false",
        "aria-controls": "sd-panel",
        "data-i18n-label": "launcher",
        "data-testid": "launcher",
      },
      [icon("chat"), el("span", { "data-i18n": "launcher" })],
    );
    this.launcher.addEventListener("click", () => (this.isOpen ? this.close(true) : this.open(true)));

    this.localeSwitch = el("button", {
      type: "button",
      class: "header-button locale",
      "data-i18n": "switchTo",
      "data-i18n-label": "switchToLabel",
      "data-testid": "locale-switch",
    });
    this.localeSwitch.addEventListener("click", () => handlers.toggleLocale());
    const closeButton = el("button", { type: "button", class: "header-button", "data-i18n-label": "close" }, [
      icon("close"),
    ]);
    closeButton.addEventListener("click", () => this.close(true));

    this.typing = el("div", { class: "typing", "data-testid": "typing", hidden: true }, [
      el("span", { class: "dots", "aria-hidden": "true" }, [el("span"), el("span"), el("span")]),
      el("span", { "data-i18n": "typing" }),
    ]);
    this.agentTyping = el(
      "div",
      { class: "typing typing--agent", "data-testid": "agent-typing", hidden: true },
      [
        el("span", { class: "dots", "aria-hidden": "true" }, [el("span"), el("span"), el("span")]),
        el("span", { "data-i18n": "agentTyping" }),
      ],
    );
    const intro = el("p", { class: "intro", "data-i18n": "intro" });
    this.scroller = el("div", { class: "scroller", "data-testid": "scroller" }, [
      intro,
      list.element,
      this.typing,
      this.agentTyping,
    ]);
    // The live region stays in the tree (empty when there is no handoff) so its changes are read out;
    // the strip collapses to nothing by CSS rather than `hidden`, which would unregister it.
    this.handoffText = el("span", {
      class: "handoff-text",
      role: "status",
      "aria-live": "polite",
      "data-state": "none",
      "data-testid": "handoff-status",
    });
    this.handoffCancel = el("button", {
      type: "button",
      class: "handoff-cancel",
      "data-i18n": "handoffCancel",
      "data-i18n-label": "handoffCancelLabel",
      "data-testid": "handoff-cancel",
      hidden: true,
    });
    this.handoffCancel.addEventListener("click", () => handlers.cancelHandoff());
    this.handoff = el("div", { class: "handoff", "data-state": "none" }, [
      this.handoffText,
      this.handoffCancel,
    ]);
    this.status = el("p", { class: "status", role: "status", "data-testid": "status" });
    this.scroller.addEventListener(
      "scroll",
      () => {
        // A scroll that comes with a change of layout (the browser clamping or anchoring the view
        // after it or its content changed size: a rotated phone, a longer privacy line, our own
        // scroll landing after such a change) is not the reader moving: whether they were at the
        // end stands, and the resize observer below acts on it.
        const relaid = this.measure();
        if (relaid) return;
        const { scrollHeight, scrollTop, clientHeight } = this.scroller;
        this.pinned = scrollHeight - scrollTop - clientHeight < 24;
      },
      { passive: true },
    );
    // The status line or a taller input shrinks the view, and a locale switch re-labels everything
    // in it (the intro, buttons, prompts), changing heights: keep the last message in view.
    const resized = new ResizeObserver(() => this.follow(undefined));
    for (const node of [this.scroller, intro, list.element]) resized.observe(node);

    this.input = el("textarea", {
      class: "input",
      rows: "2",
      "data-i18n-label": "inputLabel",
      // The full page (/m) has a one-line input on a phone: a hint that fits it.
      "data-i18n-placeholder": this.page ? "placeholderShort" : "placeholder",
      "aria-describedby": "sd-counter sd-privacy",
      "data-testid": "input",
    });
    this.counter = el("span", { class: "counter", id: "sd-counter" });
    this.privacy = el("p", {
      class: "privacy",
      id: "sd-privacy",
      "data-i18n": "privacy",
      "data-kind": "general",
      "data-testid": "privacy",
    });
    const send = el("button", { type: "submit", class: "send", "data-testid": "send" }, [
      icon("send"),
      el("span", { "data-i18n": "send" }),
    ]);
    const form = el("form", { class: "composer" }, [
      this.input,
      el("div", { class: "composer-row" }, [this.counter, send]),
      this.privacy,
    ]);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit();
    });
    this.input.addEventListener("keydown", (event) => {
      // Enter sends; Shift+Enter is a new line; Enter that confirms a pinyin (IME) choice is not a send.
      if (event.key !== "Enter" || event.shiftKey || event.isComposing || event.keyCode === 229) return;
      event.preventDefault();
      this.submit();
    });
    this.input.addEventListener("input", () => {
      this.updateCounter();
      handlers.typed();
    });

    this.dialog = el(
      "section",
      {
        id: "sd-panel",
        class: "panel",
        role: "dialog",
        "aria-modal": "false",
        "data-i18n-label": "title",
        "data-testid": "panel",
        hidden: true,
      },
      [
        el("header", { class: "header" }, [
          el("div", { class: "heading" }, [
            el("h2", { class: "title", "data-i18n": "title" }),
            el("p", { class: "subtitle", "data-i18n": "subtitle" }),
          ]),
          this.localeSwitch,
          closeButton,
        ]),
        this.scroller,
        this.handoff,
        this.status,
        form,
      ],
    );
    const classes = ["root", ...(this.page ? ["page"] : []), ...(layout.theme === "wechat" ? ["wechat"] : [])];
    // A page that is the chat has no launcher and no close button: there is nothing behind it.
    if (this.page) closeButton.hidden = true;
    this.root = el("div", { class: classes.join(" ") }, this.page ? [this.dialog] : [this.launcher, this.dialog]);
    // Esc from anywhere in the widget, launcher included; Esc that cancels a pinyin choice is not ours.
    this.root.addEventListener("keydown", (event) => {
      if (event.key !== "Escape" || event.isComposing || !this.isOpen || this.page) return;
      event.stopPropagation();
      this.close(true);
    });
    this.updateCounter();
  }

  get isOpen(): boolean {
    return !this.dialog.hidden;
  }

  /** `focus` is false when reopening after a page load: the page must not steal the reader's focus. */
  open(focus: boolean): void {
    if (!this.isOpen) {
      this.dialog.hidden = false;
      this.launcher.setAttribute("aria-expanded", "true");
      this.scrollToEnd();
      this.handlers.opened();
    }
    if (focus) this.input.focus();
  }

  /** Puts a question in the input for the citizen to send or change (the help centre's "ask us"). */
  prefill(text: string): void {
    this.input.value = text.slice(0, MAX_TEXT);
    this.updateCounter();
  }

  close(returnFocus: boolean): void {
    if (!this.isOpen || this.page) return;
    this.dialog.hidden = true;
    this.launcher.setAttribute("aria-expanded", "false");
    this.handlers.closed();
    if (returnFocus) this.launcher.focus();
  }

  setLocale(locale: Locale, strings: Strings): void {
    this.strings = strings;
    this.root.lang = langTag[locale];
    // The switch names the other language in that language.
    this.localeSwitch.lang = langTag[locale === "zh" ? "en" : "zh"];
    applyStrings(this.root, strings);
    this.follow(undefined); // re-labelled text has other heights; a reader at the end stays there
  }

  /** The line under the input: the general privacy warning, or what this step of an application needs. */
  setPrivacy(key: StringKey): void {
    if (this.privacy.dataset.i18n === key) return;
    this.privacy.dataset.i18n = key;
    this.privacy.dataset.kind = key === "privacy" ? "general" : "asking";
    if (this.strings) applyStrings(this.privacy, this.strings);
  }

  /** Where the keyboard goes when the control it was on is gone or disabled. */
  focusInput(): void {
    this.input.focus();
  }

  /** The bot's "typing" and the agent's are separate indicators with their own wording. */
  setTyping(typing: boolean, from: "bot" | "agent" = "bot"): void {
    const indicator = from === "agent" ? this.agentTyping : this.typing;
    if (indicator.hidden === !typing) return;
    indicator.hidden = !typing;
    if (typing) this.follow(undefined);
  }

  /** The strip above the input while a person is being fetched or is answering; undefined hides it. */
  setHandoff(strip: HandoffStrip | undefined): void {
    this.handoff.dataset.state = strip?.state ?? "none";
    this.handoffText.dataset.state = strip?.state ?? "none";
    const text = strip?.text ?? "";
    if (this.handoffText.textContent !== text) this.handoffText.textContent = text;
    const cancellable = strip?.cancellable === true;
    if (!cancellable && this.isFocused(this.handoffCancel)) this.input.focus(); // it is about to vanish
    this.handoffCancel.hidden = !cancellable;
  }

  private isFocused(node: HTMLElement): boolean {
    const root = node.getRootNode();
    return (root instanceof ShadowRoot || root instanceof Document) && root.activeElement === node;
  }

  /**
   * Empty text clears the line. The same text a while later is announced again (a second "too
   * fast"); within a second it is the same event reported twice (ack and chat:error) and is not.
   */
  setStatus(text: string, tone: StatusTone = "info"): void {
    window.clearTimeout(this.statusTimer);
    this.status.dataset.tone = tone;
    const repeated = text !== "" && this.status.textContent === text;
    const shownAt = this.statusShownAt;
    this.statusShownAt = Date.now();
    if (repeated && this.statusShownAt - shownAt < 1_000) return;
    if (repeated) {
      this.status.textContent = "";
      this.statusTimer = window.setTimeout(() => {
        this.status.textContent = text;
      }, 150);
      return;
    }
    this.status.textContent = text;
  }

  private scrollToEnd(): void {
    this.scroller.scrollTop = this.scroller.scrollHeight;
    this.pinned = true;
  }

  /** Records the scroller's heights; true when they changed since last time. */
  private measure(): boolean {
    const geometry = `${this.scroller.scrollHeight}/${this.scroller.clientHeight}`;
    const changed = geometry !== this.geometry;
    this.geometry = geometry;
    return changed;
  }

  /**
   * Keeps the newest message in view after the list changed: a new message is scrolled to (a long
   * answer from its first line, not its last); otherwise the view stays at the end if it was there.
   */
  follow(added: HTMLElement | undefined): void {
    const { scroller } = this;
    if (added) {
      scroller.scrollTop = Math.min(scroller.scrollHeight - scroller.clientHeight, added.offsetTop - 12);
      // Known now, not at the next scroll event: a resize observed before it must not skip past
      // the first line of a long answer.
      this.pinned = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 24;
    } else if (this.pinned) {
      this.scrollToEnd();
    }
    this.measure(); // the layout this decision was made on
  }

  private submit(): void {
    if (this.handlers.submit(this.input.value)) {
      this.input.value = "";
      this.updateCounter();
    }
    this.input.focus();
  }

  private updateCounter(): void {
    const length = this.input.value.length;
    this.counter.textContent = `${length}/${MAX_TEXT}`;
    this.counter.classList.toggle("over", length > MAX_TEXT);
  }
}
