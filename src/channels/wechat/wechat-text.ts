import type { Locale } from "../../domain/locale.js";
import type { MessageView, QuickReplyView } from "../../domain/message.js";
import { answerAsPlainText } from "../../protocol/answer-markdown.js";

/** WeChat's limit for one text message is 2,048 bytes; a little is kept for the part marker. */
export const WECHAT_TEXT_BYTES = 2000;

const bytes = (s: string) => Buffer.byteLength(s, "utf8");

const choicesIntro: Record<Locale, string> = { zh: "回复数字选择：", en: "Reply with a number:" };

/**
 * A reply as WeChat text, which has no buttons and no formatting: the Markdown as plain text, the
 * links written out, and the quick replies as numbered choices (the citizen answers with the
 * number; `choiceFor` reads it back).
 */
export function wechatText(view: MessageView, locale: Locale): string {
  const parts = [answerAsPlainText(view.text)];
  for (const link of view.links ?? []) parts.push(`${link.label}：${link.url}`);
  const choices = view.quickReplies ?? [];
  if (choices.length > 0) parts.push([choicesIntro[locale], ...choices.map((c, i) => `${i + 1}. ${c.label}`)].join("\n"));
  return parts.filter((p) => p.trim() !== "").join("\n\n");
}

/** The choice a citizen's "2" (or "２", "2." ) picks among the last reply's numbered ones, if any. */
export function choiceFor(text: string, choices: readonly QuickReplyView[] | undefined): QuickReplyView | undefined {
  const m = /^\s*([0-9０-９]{1,2})\s*[.。、]?\s*$/.exec(text);
  if (!m || !choices) return undefined;
  const n = Number((m[1] as string).replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)));
  return choices[n - 1];
}

/**
 * Text too long for one WeChat message, cut into parts of at most `maxBytes`: at a blank line if
 * there is one in the second half of the part, else at a line end or a sentence end, else at a
 * character boundary. Each part but a lone one ends "（1/3）".
 */
export function splitForWechat(text: string, maxBytes = WECHAT_TEXT_BYTES): string[] {
  if (bytes(text) <= maxBytes) return [text];
  const room = maxBytes - bytes("\n（99/99）");
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
