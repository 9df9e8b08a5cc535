import type { Faq, Locale } from "../knowledge/faq.js";
import { answerAsHtml, answerAsPlainText } from "../protocol/answer-markdown.js";

/** Text for an HTML element or attribute. */
export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Every user-facing word of the help centre, per language. */
export const words = {
  title: { zh: "社保自助服务手册", en: "Social security self-service manual" },
  lead: {
    zh: "养老、医疗、失业、工伤、生育保险和社保卡的政策与办事指南，随时可查。",
    en: "Policies and how-tos for pensions, medical, unemployment, work-injury and maternity insurance and the social security card.",
  },
  search: { zh: "搜索", en: "Search" },
  placeholder: { zh: "输入关键词，如：社保卡丢了", en: "Type a few words, e.g. lost card" },
  results: { zh: "搜索结果", en: "Results" },
  none: { zh: "没有找到相关内容。换个说法试试，或直接在线咨询。", en: "Nothing found. Try other words, or ask us in the chat." },
  legal: { zh: "政策依据", en: "Legal basis" },
  related: { zh: "相关问题", en: "Related questions" },
  help: { zh: "仍需帮助？", en: "Still need help?" },
  chat: { zh: "在线咨询（7×24小时）", en: "Chat with us (24/7)" },
  back: { zh: "返回目录", en: "All topics" },
  other: { zh: "English", en: "中文" },
} satisfies Record<string, Record<Locale, string>>;

/** Where each page is, per language: the Chinese pages at /help, the English ones under /help/en. */
export const helpPath = {
  home: (locale: Locale) => (locale === "zh" ? "/help" : "/help/en"),
  faq: (locale: Locale, id: string) => `${locale === "zh" ? "/help" : "/help/en"}/faq/${encodeURIComponent(id)}`,
  search: (locale: Locale) => `${locale === "zh" ? "/help" : "/help/en"}/search`,
};

// Small enough to send with every page: no script, no web font, readable on a 320 px phone.
export const HELP_STYLE = `body{margin:0;font:16px/1.6 system-ui,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#1f2328;background:#f6f7f9}
header,main,footer{max-width:46rem;margin:0 auto;padding:0 1rem}header{padding-top:1rem}a{color:#0b57d0}h1{font-size:1.5rem;margin:.5rem 0}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem}form{display:flex;gap:.5rem;margin:1rem 0}input{flex:1;min-width:0;font:inherit;padding:.5rem;border:1px solid #8c959f;border-radius:6px}
button{font:inherit;padding:.5rem 1rem;border:0;border-radius:6px;background:#0b57d0;color:#fff}ul{padding-left:1.2rem}li{margin:.25rem 0}
article{background:#fff;border-radius:8px;padding:1rem 1.25rem;margin:1rem 0}.lang{float:right}.help{background:#e8f0fe;border-radius:8px;padding:.75rem 1rem;margin:1.5rem 0}
mark{background:#fff3bf}footer{color:#57606a;font-size:.875rem;padding-bottom:2rem}`;

interface Page {
  locale: Locale;
  title: string;
  /** This page in the other language (for the switch and hreflang), path only. */
  other: string;
  canonical: string;
  body: string;
  /** schema.org data for search engines, as JSON. */
  structured?: unknown;
  /** Search result pages are not for indexing. */
  noindex?: boolean;
  /** The question "still need help?" puts in the chat's input. */
  ask?: string;
}

/** A page of the help centre: server-rendered, no script needed to read it. */
export function helpPage(page: Page, origin: string): string {
  const { locale } = page;
  const otherLocale: Locale = locale === "zh" ? "en" : "zh";
  const ld = page.structured ? `<script type="application/ld+json">${JSON.stringify(page.structured).replace(/</g, "\\u003c")}</script>` : "";
  return `<!doctype html><html lang="${locale === "zh" ? "zh-CN" : "en"}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(page.title)}</title><link rel="canonical" href="${esc(origin + page.canonical)}"><link rel="alternate" hreflang="${otherLocale === "zh" ? "zh-CN" : "en"}" href="${esc(origin + page.other)}">
${page.noindex ? '<meta name="robots" content="noindex">' : ""}<style>${HELP_STYLE}</style>${ld}</head><body>
<header><a class="lang" href="${esc(page.other)}" hreflang="${otherLocale}">${words.other[locale]}</a><a href="${helpPath.home(locale)}">${words.title[locale]}</a>
<form role="search" action="${helpPath.search(locale)}" method="get"><label for="q" hidden>${words.search[locale]}</label><input id="q" name="q" type="search" placeholder="${esc(words.placeholder[locale])}" maxlength="100"><button type="submit">${words.search[locale]}</button></form></header>
<main>${page.body}</main>
<footer><p class="help">${words.help[locale]} <a href="${esc(page.ask ? `/m?ask=${encodeURIComponent(page.ask)}` : "/m")}">${words.chat[locale]}</a></p></footer></body></html>`;
}

const faqTitle = (faq: Faq, locale: Locale) => faq.questions[locale][0] as string;

/** The contents: every section with its questions. */
export function homeBody(sections: { name: Record<Locale, string>; faqs: Faq[] }[], locale: Locale): string {
  const list = sections
    .map((s) => `<section><h2>${esc(s.name[locale])}</h2><ul>${s.faqs.map((f) => `<li><a href="${helpPath.faq(locale, f.id)}">${esc(faqTitle(f, locale))}</a></li>`).join("")}</ul></section>`)
    .join("");
  return `<h1>${words.title[locale]}</h1><p>${words.lead[locale]}</p>${list}`;
}

/** One FAQ: the answer (steps and documents as written), its legal basis, related questions. */
export function faqBody(faq: Faq, related: Faq[], locale: Locale): string {
  const legal = faq.legalBasis.length ? `<h2>${words.legal[locale]}</h2><ul>${faq.legalBasis.map((l) => `<li>${esc(l)}</li>`).join("")}</ul>` : "";
  const more = related.length
    ? `<h2>${words.related[locale]}</h2><ul>${related.map((r) => `<li><a href="${helpPath.faq(locale, r.id)}">${esc(faqTitle(r, locale))}</a></li>`).join("")}</ul>`
    : "";
  return `<article><h1>${esc(faqTitle(faq, locale))}</h1>${answerAsHtml(faq.answer[locale])}${legal}</article>${more}<p><a href="${helpPath.home(locale)}">${words.back[locale]}</a></p>`;
}

/** schema.org FAQPage data for one FAQ, as search engines read it. */
export function faqStructuredData(faq: Faq, locale: Locale): unknown {
  return {
    "@context": "https://schema.org",
    "@type": "FAQPage",
    inLanguage: locale === "zh" ? "zh-CN" : "en",
    mainEntity: [{ "@type": "Question", name: faqTitle(faq, locale), acceptedAnswer: { "@type": "Answer", text: answerAsPlainText(faq.answer[locale]) } }],
  };
}

/** The query's words marked where they appear in a title (as typed; the understanding finds more than it marks). */
function marked(text: string, query: string): string {
  const q = query.trim();
  if (q.length < 2) return esc(text);
  const at = text.toLowerCase().indexOf(q.toLowerCase());
  if (at < 0) return esc(text);
  return `${esc(text.slice(0, at))}<mark>${esc(text.slice(at, at + q.length))}</mark>${esc(text.slice(at + q.length))}`;
}

/** What a search found, each with the start of its answer. */
export function searchBody(query: string, found: Faq[], locale: Locale): string {
  const items = found
    .map((f) => {
      const excerpt = answerAsPlainText(f.answer[locale]).replace(/\s+/g, " ").slice(0, 90);
      return `<li><a href="${helpPath.faq(locale, f.id)}">${marked(faqTitle(f, locale), query)}</a><br><small>${marked(excerpt, query)}…</small></li>`;
    })
    .join("");
  return `<h1>${words.results[locale]}：${esc(query)}</h1>${found.length ? `<ul>${items}</ul>` : `<p>${words.none[locale]}</p>`}`;
}
