import type { Locale } from "../../domain/locale.js";
import type { MessageView, QuickReplyView } from "../../domain/message.js";
import { answerAsPlainText } from "../../protocol/answer-markdown.js";
import type { ChannelCapabilities } from "./channel-port.js";

/** One message as a channel sends it. */
export interface RenderedPart {
  text: string;
  format: "plain" | "markdown";
  /** Buttons under the message (on the last part only); empty where the channel has none. */
  choices: QuickReplyView[];
}

const choicesIntro: Record<Locale, string> = { zh: "回复数字选择：", en: "Reply with a number:" };
/** The survey's ratings as choices, in the order of their score: the number sent back is the score. */
const ratingLabels: Record<Locale, string[]> = {
  zh: ["1分 很不满意", "2分 不满意", "3分 一般", "4分 满意", "5分 非常满意"],
  en: ["1 very poor", "2 poor", "3 fair", "4 good", "5 very good"],
};

/**
 * The choices a reply offers on a channel: its quick replies, and where the channel has no survey
 * of its own, the ratings of the closed chat it asks about. What `renderReply` shows, and what a
 * number or a label sent back is read against (`choiceFor`).
 */
export function choicesOf(view: MessageView, capabilities: ChannelCapabilities, locale: Locale): QuickReplyView[] {
  const choices = view.quickReplies ?? [];
  if (!view.survey || capabilities.survey) return choices;
  const { handoffId } = view.survey;
  return [...choices, ...ratingLabels[locale].map((label, i) => ({ label, payload: { action: "survey" as const, handoffId, rating: i + 1 } }))];
}
/** Room kept in each part for its "（1/3）" marker. */
const MARKER_ROOM = Buffer.byteLength("\n（99/99）", "utf8");

const bytes = (s: string) => Buffer.byteLength(s, "utf8");

/**
 * A reply of the dialog as a channel can show it. With rich text, the Markdown as written and the
 * links as Markdown links; without, plain text with the links written out. With buttons, the quick
 * replies as buttons; without, as numbered choices (the citizen answers with the number, read back
 * by `choiceFor`). Past the channel's length limit, several parts (`splitLongText`). Pure.
 */
export function renderReply(view: MessageView, capabilities: ChannelCapabilities, locale: Locale): RenderedPart[] {
  const links = view.links ?? [];
  const parts = capabilities.richText
    ? [view.text, links.map((l) => `[${l.label}](${l.url})`).join("\n")]
    : [answerAsPlainText(view.text), ...links.map((l) => `${l.label}：${l.url}`)];
  const choices = choicesOf(view, capabilities, locale);
  if (!capabilities.buttons && choices.length > 0) parts.push([choicesIntro[locale], ...choices.map((c, i) => `${i + 1}. ${c.label}`)].join("\n"));
  const text = parts.filter((p) => p.trim() !== "").join("\n\n");
  const format = capabilities.richText ? "markdown" : "plain";
  const texts = capabilities.maxBytes === undefined ? [text] : splitLongText(text, capabilities.maxBytes);
  return texts.map((t, i) => ({ text: t, format, choices: capabilities.buttons && i === texts.length - 1 ? choices : [] }));
}

/**
 * The choice a citizen's answer picks among the last reply's choices: its number ("2", "２", "2.")
 * where they were numbered, or its label as sent back by a button. Undefined for anything else.
 */
export function choiceFor(text: string, choices: readonly QuickReplyView[] | undefined): QuickReplyView | undefined {
  if (!choices) return undefined;
  const m = /^\s*([0-9０-９]{1,2})\s*[.。、]?\s*$/.exec(text);
  if (!m) return choices.find((c) => c.label === text.trim());
  const n = Number((m[1] as string).replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)));
  return choices[n - 1];
}

/**
 * Text too long for one message, cut into parts of at most `maxBytes`: at a blank line if there is
 * one in the second half of the part, else at a line end or a sentence end, else at a character
 * boundary. Each part but a lone one ends "（1/3）".
 */
export function splitLongText(text: string, maxBytes: number): string[] {
  if (bytes(text) <= maxBytes) return [text];
  const room = maxBytes - MARKER_ROOM;
  const parts: string[] = [];
  let rest = text;
  while (bytes(rest) > room) {
    // The longest prefix that fits, by characters (code points), then the best break inside it.
    let fit = 0;
    let used = 0;
    for (const ch of rest) {
      const b = bytes(ch);
      if (used + b > room) break;
      used += b;
      fit += ch.length;
    }
    const head = rest.slice(0, fit);
    const half = Math.floor(head.length / 2);
    const breaks = [head.lastIndexOf("\n\n"), head.lastIndexOf("\n"), Math.max(...["。", "！", "？", ". ", "；"].map((p) => head.lastIndexOf(p)))];
    const at = breaks.find((i) => i >= half);
    const cut = at === undefined ? fit : at + (head.startsWith("\n\n", at) ? 2 : 1);
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest !== "") parts.push(rest);
  return parts.map((p, i) => `${p}\n（${i + 1}/${parts.length}）`);
}
