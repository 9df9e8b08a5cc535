/**
 * The bot's words as Markdown (FAQ answers are written in it: knowledge-base/**.yaml `answer`),
 * turned into HTML that is safe to put in a page, or into plain text for channels without HTML.
 * Shared by the server, the widget and the console (by relative import), so all three read an
 * answer the same way. Pure: a string in, a string out.
 *
 * Safe because: raw HTML in the source is escaped, never rendered (`html: false`); a link must be
 * http(s), mailto or tel, anything else (javascript:, data:, relative) stays text; a picture
 * becomes a link to it, so an answer never makes the reader's browser fetch anything. Links open
 * in a new tab without handing the new page a reference back (rel=noopener noreferrer).
 */
import MarkdownIt, { type Token } from "markdown-it";

const ALLOWED_LINK = /^(?:https?:|mailto:|tel:)/i;

/** An attribute of a token as text (markdown-it types them string or number). */
const attr = (token: Token, name: string) => String(token.attrGet(name) ?? "");

const md = new MarkdownIt("default", {
  html: false,
  linkify: true,
  // Answers written before Markdown put each step on its own line: a newline stays a line break.
  breaks: true,
  typographer: false,
});

md.validateLink = (url) => ALLOWED_LINK.test(url.trim());

const NEW_TAB: [string, string][] = [
  ["target", "_blank"],
  ["rel", "noopener noreferrer"],
];

md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  const token = tokens[idx] as Token;
  for (const [name, value] of NEW_TAB) token.attrSet(name, value);
  return self.renderToken(tokens, idx, options);
};

// No images: a picture in an answer would make every reader's browser fetch it from wherever the
// editor pointed. It becomes a link to the picture, labelled with its description.
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx] as Token;
  const src = attr(token, "src");
  const label = self.renderInlineAsText(token.children ?? [], options, env) || src;
  if (!src) return md.utils.escapeHtml(label);
  const attrs = NEW_TAB.map(([name, value]) => ` ${name}="${value}"`).join("");
  return `<a href="${md.utils.escapeHtml(src)}"${attrs}>${md.utils.escapeHtml(label)}</a>`;
};

// A table column's alignment comes as a style attribute, which a host page's CSP (style-src
// without 'unsafe-inline') refuses, reporting a violation for every answer with a table.
for (const cell of ["th_open", "td_open"]) {
  md.renderer.rules[cell] = (tokens, idx, options, _env, self) => {
    (tokens[idx] as Token).attrs = null;
    return self.renderToken(tokens, idx, options);
  };
}

/** Chinese characters and full-width punctuation, which no address we link to contains. */
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/;

/** Whether a shortened address still names somewhere: a host after the scheme, or a mail domain. */
function stillAnAddress(text: string): boolean {
  if (text.includes("@") && !text.includes("/")) return /^(?:mailto:)?[^@\s]+@[^@\s]+\.[^@\s]+$/i.test(text);
  try {
    return new URL(text).hostname.includes(".");
  } catch {
    return false;
  }
}

/**
 * Chinese runs straight on after an address ("登录https://www.12333.gov.cn办理"), and linkify
 * would take 办理 as part of the host (a different, punycode domain): a linkified address ends at
 * the first Chinese character, and what follows is text again.
 */
function endAtChinese(tokens: Token[], i: number, makeText: (content: string) => Token): void {
  const [open, text, close] = [tokens[i], tokens[i + 1], tokens[i + 2]];
  if (open?.markup !== "linkify" || text?.type !== "text" || close?.type !== "link_close") return;
  const cut = text.content.search(CJK);
  if (cut < 0) return;
  const [address, rest] = [text.content.slice(0, cut), text.content.slice(cut)];
  const href = md.normalizeLink(/^[a-z][a-z0-9+.-]*:/i.test(address) ? address : `mailto:${address}`);
  if (stillAnAddress(address) && md.validateLink(href)) {
    open.attrSet("href", href);
    text.content = address;
    tokens.splice(i + 3, 0, makeText(rest));
  } else {
    // Nothing before the Chinese is an address: the whole run is text.
    tokens.splice(i, 3, makeText(address + rest));
  }
}

/**
 * Links checked once more after parsing: `[label]()` has an empty address, which markdown-it lets
 * through without asking validateLink (it would open this page again), so only its label stays;
 * a linkified address is cut where Chinese starts (endAtChinese).
 */
md.core.ruler.after("linkify", "link_targets", (state) => {
  const makeText = (content: string) => Object.assign(new state.Token("text", "", 0), { content });
  for (const block of state.tokens) {
    const tokens = block.type === "inline" ? block.children : null;
    for (let i = 0; tokens && i < tokens.length; i++) {
      const token = tokens[i] as Token;
      if (token.type !== "link_open") continue;
      if (attr(token, "href") === "") {
        const close = tokens.findIndex((t, j) => j > i && t.type === "link_close");
        if (close > i) tokens.splice(close, 1);
        tokens.splice(i, 1);
        i--;
      } else endAtChinese(tokens, i, makeText);
    }
  }
});

const LIST_ITEM = /^ {0,3}(?:\d{1,9}[.)]|[-+*])(?:[ \t]|$)/;
/** The items that may start a list right under a paragraph line: "1." and non-empty bullets. */
const INTERRUPTING_ITEM = /^ {0,3}(?:1[.)]|[-+*])[ \t]+\S/;
const FENCE = /^\s*(`{3,}|~{3,})/;
/** Three asterisks or more: what masking leaves of a personal number (138****5678), never emphasis. */
const MASK_RUN = /\*{3,}/g;

/**
 * Two readings of the source that Markdown alone gets wrong for our answers, settled line by line
 * (outside fenced code):
 * - an unindented line right after a list item would continue that item ("lazy continuation"):
 *   every answer written before Markdown ends its numbered steps with such a closing sentence,
 *   which belongs after the list, so the list is ended there;
 * - the asterisks of masked numbers (the transcript masks bot messages too, and a flow's summary
 *   shows several) would pair up into bold across lines, so they are escaped.
 */
function settle(markdown: string): string {
  const out: string[] = [];
  let inList = false;
  let fence: string | undefined;
  for (const line of markdown.replace(/\r\n?/g, "\n").split("\n")) {
    if (fence) {
      if (line.trim().startsWith(fence)) fence = undefined;
      out.push(line);
      continue;
    }
    const opening = FENCE.exec(line)?.[1];
    const afterBlank = !out.at(-1)?.trim();
    if (opening) fence = opening;
    else if (LIST_ITEM.test(line)) inList ||= afterBlank || INTERRUPTING_ITEM.test(line);
    else if (inList && line.trim() !== "" && !/^\s/.test(line)) {
      if (!afterBlank) out.push("");
      inList = false;
    }
    out.push(opening ? line : line.replace(MASK_RUN, (run) => "\\*".repeat(run.length)));
  }
  return out.join("\n");
}

/** The answer as HTML: only elements Markdown makes, text escaped, links checked. */
export function answerAsHtml(markdown: string): string {
  return md.render(settle(markdown)).trimEnd();
}

/** A link's address as a reader would type it: no mailto:/tel:, no percent-encoding. */
const shownAddress = (href: string) => md.normalizeLinkText(href).replace(/^(?:mailto|tel):/i, "");

/** Inline tokens as text: emphasis markers dropped, a link as "label (address)". */
function inlineText(tokens: Token[]): string {
  let text = "";
  const links: { start: number; href: string }[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case "softbreak":
      case "hardbreak":
        text += "\n";
        break;
      case "link_open":
        links.push({ start: text.length, href: attr(token, "href") });
        break;
      case "link_close": {
        const link = links.pop();
        if (!link) break;
        const label = text.slice(link.start);
        const address = shownAddress(link.href);
        // An address written out (linkified, or [12333](tel:12333)) is not repeated.
        if (label.trim() !== address && label.trim() !== link.href) text += ` (${address})`;
        break;
      }
      case "image": {
        // Shown as a link in HTML (see above): here its description and address.
        const label = inlineText(token.children ?? []).trim();
        const address = shownAddress(attr(token, "src"));
        text += label && address ? `${label} (${address})` : label || address;
        break;
      }
      default:
        // text, code_inline and the like carry their characters; emphasis tokens carry none.
        if (token.nesting === 0) text += token.content;
    }
  }
  return text;
}

/**
 * The answer as plain text, for channels that show no HTML (WeChat text messages): emphasis
 * markers removed, list numbers and bullets kept, links written "label (address)".
 */
export function answerAsPlainText(markdown: string): string {
  const lines: string[] = [];
  let depth = 0;
  let marker = "";
  let row: string[] | undefined;
  const indent = () => "   ".repeat(Math.max(0, depth - 1));
  const add = (text: string) => {
    text.split("\n").forEach((line, i) => {
      lines.push(
        i === 0 && marker ? `${indent()}${marker}${line}` : `${depth > 0 ? `${indent()}   ` : ""}${line}`,
      );
    });
    marker = "";
  };
  for (const token of md.parse(settle(markdown), {})) {
    switch (token.type) {
      case "bullet_list_open":
      case "ordered_list_open":
        depth++;
        break;
      case "bullet_list_close":
      case "ordered_list_close":
        depth--;
        break;
      case "list_item_open":
        // An ordered item keeps its own number (info) and delimiter; a bullet is written "- ".
        marker = token.info ? `${token.info}${token.markup} ` : "- ";
        break;
      case "tr_open":
        row = [];
        break;
      case "tr_close":
        if (row) lines.push(row.join(" | "));
        row = undefined;
        break;
      case "inline": {
        const text = inlineText(token.children ?? []);
        if (row) row.push(text);
        else add(text);
        break;
      }
      case "fence":
      case "code_block":
        add(token.content.replace(/\n$/, ""));
        break;
    }
  }
  return lines.join("\n").trim();
}
