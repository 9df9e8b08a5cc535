import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import { localDate } from "../domain/local-time.js";
import { cspHash, type PagePolicy, pageHeaders } from "../http/browser-headers.js";
import type { Faq, Locale } from "../knowledge/faq.js";
import type { KnowledgeSource } from "../publishing/active-knowledge.js";
import { helpSections, readableFaqs, searchFaqs } from "./help-catalogue.js";
import { esc, faqBody, faqStructuredData, HELP_STYLE, helpPage, helpPath, homeBody, searchBody, words } from "./help-html.js";

export interface HelpPluginOptions {
  /** The published version serving now: the help centre changes with it. */
  knowledge: KnowledgeSource;
  clock: () => Date;
  /** The address the desk is reached at, for canonical links and the sitemap. */
  origin: () => string;
}

/** Only the inline stylesheet; the form submits to this site; no script runs (the JSON-LD is data). */
export const HELP_PAGE_POLICY: PagePolicy = {
  csp: ["default-src 'none'", `style-src ${cspHash(HELP_STYLE)}`, "form-action 'self'", "base-uri 'none'"],
  framing: "none",
  referrer: "strict-origin-when-cross-origin",
};

const Query = z.object({ q: z.string().max(100).optional() });
const Id = z.object({ id: z.string().max(80).regex(/^[a-z0-9][a-z0-9.-]*$/) });

/**
 * The self-service manual (/help, /help/en): every published FAQ in effect as a page of its own,
 * grouped by section, with its legal basis and related questions; a search that uses the bot's
 * understanding; a sitemap. Server-rendered HTML with one small stylesheet: readable without
 * JavaScript on a slow phone, and by search engines.
 */
export async function helpPlugin(fastify: FastifyInstance, options: HelpPluginOptions): Promise<void> {
  const faqs = () => {
    const knowledge = options.knowledge.current();
    return readableFaqs(knowledge.catalogue.faqsById.values(), localDate(options.clock(), knowledge.catalogue.timeZone));
  };
  const send = (reply: FastifyReply, status: number, html: string) =>
    reply.code(status).headers(pageHeaders(HELP_PAGE_POLICY)).header("cache-control", "public, max-age=60").type("text/html; charset=utf-8").send(html);

  for (const locale of ["zh", "en"] as const) {
    const other: Locale = locale === "zh" ? "en" : "zh";
    const notFound = (reply: FastifyReply) =>
      send(reply, 404, helpPage({ locale, title: "404", other: helpPath.home(other), canonical: helpPath.home(locale), noindex: true, body: `<h1>404</h1><p><a href="${helpPath.home(locale)}">${words.back[locale]}</a></p>` }, options.origin()));

    fastify.get(helpPath.home(locale), async (_request, reply) => {
      return send(reply, 200, helpPage({ locale, title: words.title[locale], other: helpPath.home(other), canonical: helpPath.home(locale), body: homeBody(helpSections(faqs()), locale) }, options.origin()));
    });

    fastify.get(`${helpPath.home(locale)}/faq/:id`, async (request, reply) => {
      const id = Id.safeParse(request.params);
      const all = faqs();
      const faq = id.success ? all.find((f) => f.id === id.data.id) : undefined;
      if (!faq) return notFound(reply);
      const byIntent = new Map(all.map((f) => [f.intent, f]));
      const related = faq.related.map((intent) => byIntent.get(intent)).filter((f): f is Faq => f !== undefined);
      return send(
        reply,
        200,
        helpPage(
          { locale, title: faq.questions[locale][0] as string, other: helpPath.faq(other, faq.id), canonical: helpPath.faq(locale, faq.id), body: faqBody(faq, related, locale), structured: faqStructuredData(faq, locale), ask: faq.questions[locale][0] as string },
          options.origin(),
        ),
      );
    });

    fastify.get(helpPath.search(locale), async (request, reply) => {
      const parsed = Query.safeParse(request.query);
      const q = parsed.success ? (parsed.data.q ?? "").trim() : "";
      if (q === "") return reply.redirect(helpPath.home(locale));
      const understanding = await options.knowledge.current().understander.understand(q, options.clock());
      const found = searchFaqs(q, understanding.candidates, faqs(), locale);
      const searchUrl = `${helpPath.search(locale)}?q=${encodeURIComponent(q)}`;
      return send(
        reply,
        200,
        helpPage({ locale, title: `${q} · ${words.search[locale]}`, other: `${helpPath.search(other)}?q=${encodeURIComponent(q)}`, canonical: searchUrl, noindex: true, body: searchBody(q, found, locale), ask: q }, options.origin()),
      );
    });
  }

  fastify.get("/help/sitemap.xml", async (_request, reply) => {
    const origin = options.origin();
    const paths = [helpPath.home("zh"), helpPath.home("en"), ...faqs().flatMap((f) => [helpPath.faq("zh", f.id), helpPath.faq("en", f.id)])];
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${paths.map((p) => `<url><loc>${esc(origin + p)}</loc></url>`).join("")}</urlset>`;
    return reply.header("cache-control", "public, max-age=300").type("application/xml; charset=utf-8").send(xml);
  });
}
