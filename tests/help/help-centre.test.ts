import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../testing/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_STAFF: "false" } });
});
afterAll(async () => {
  await server.stop();
  await server.cleanup();
});

const get = (path: string) => fetch(`${server.url}${path}`, { redirect: "manual" });
const links = (html: string) => [...html.matchAll(/href="(\/help[^"]*)"/g)].map((m) => m[1] as string);

describe("the help centre (the self-service manual)", () => {
  it("lists every published FAQ by section, in Chinese and in English, readable with no script, small", async () => {
    const zh = await get("/help");
    expect(zh.status).toBe(200);
    expect(zh.headers.get("content-type")).toContain("text/html");
    expect(zh.headers.get("content-security-policy")).toMatch(/default-src 'none'.*style-src 'sha256-/);
    const html = await zh.text();
    expect(html).toContain('<html lang="zh-CN">');
    for (const section of ["养老保险", "医疗保险", "失业保险", "社保卡"]) expect(html).toContain(`<h2>${section}</h2>`);
    expect(html).not.toMatch(/<script(?! type="application\/ld\+json")/);
    const faqLinks = links(html).filter((l) => l.startsWith("/help/faq/"));
    expect(faqLinks.length).toBeGreaterThan(60);
    // Small talk and controls (greeting, agent.request) are the chat's, not the manual's.
    expect(faqLinks.some((l) => /greeting|agent-request|thanks/.test(l))).toBe(false);
    expect(Buffer.byteLength(html)).toBeLessThan(50 * 1024);
    const en = await (await get("/help/en")).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain("<h2>Pensions</h2>");
  });

  it("shows one FAQ with its answer, legal basis, related questions, the other language, and FAQ data for search engines", async () => {
    const home = await (await get("/help")).text();
    const card = links(home).find((l) => l.includes("card-lost") || l.includes("card.lost"));
    expect(card).toBeDefined();
    const res = await get(card as string);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("挂失");
    expect(html).toMatch(/<link rel="canonical" href="http:\/\/127\.0\.0\.1:\d+\/help\/faq\//);
    expect(html).toContain(`href="${(card as string).replace("/help/", "/help/en/")}"`);
    const ld = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)?.[1];
    const data = JSON.parse(ld as string) as { "@type": string; mainEntity: { name: string; acceptedAnswer: { text: string } }[] };
    expect(data["@type"]).toBe("FAQPage");
    expect(data.mainEntity[0]?.acceptedAnswer.text).toContain("挂失");
    expect(Buffer.byteLength(html)).toBeLessThan(50 * 1024);
    // "Still need help?" opens the chat with the question in its input.
    const ask = /<p class="help">[^<]*<a href="([^"]+)"/.exec(html)?.[1]?.replaceAll("&#38;", "&");
    expect(ask).toMatch(/^\/m\?ask=/);
    expect(new URLSearchParams((ask as string).split("?")[1]).get("ask")).toBe(data.mainEntity[0]?.name);
    expect((await get("/help/faq/no-such-faq")).status).toBe(404);
    expect((await get("/help/faq/%3Cscript%3E")).status).toBe(404);
  });

  it("finds with the bot's understanding: typos, Traditional characters and colloquial words; marks the words; escapes what was typed", async () => {
    const first = async (q: string, locale = "") => {
      const html = await (await get(`/help${locale}/search?q=${encodeURIComponent(q)}`)).text();
      return links(html).filter((l) => l.includes("/faq/"))[0] ?? "";
    };
    expect(await first("社保卡丢了怎么办")).toMatch(/card/);
    expect(await first("養老金怎麼領取")).toMatch(/pension/);
    expect(await first("失业金咋领")).toMatch(/unemployment/);
    // A slip of the input method (半 for 办) in a colloquial question still finds it.
    expect(await first("社保卡掉了咋补半")).toMatch(/card/);
    expect(await first("lost my social security card", "/en")).toMatch(/card/);
    const marked = await (await get(`/help/search?q=${encodeURIComponent("挂失")}`)).text();
    expect(marked).toContain("<mark>挂失</mark>");
    const hostile = await (await get(`/help/search?q=${encodeURIComponent('<img src=x onerror=alert(1)>')}`)).text();
    expect(hostile).not.toContain("<img src=x");
    expect(hostile).toContain("&#60;img src=x onerror=alert(1)&#62;");
    const empty = await get("/help/search?q=");
    expect(empty.status).toBe(302);
    expect(empty.headers.get("location")).toBe("/help");
  });

  it("gives search engines a sitemap of every page in both languages", async () => {
    const res = await get("/help/sitemap.xml");
    expect(res.headers.get("content-type")).toContain("application/xml");
    const xml = await res.text();
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] as string);
    const home = await (await get("/help")).text();
    const faqCount = links(home).filter((l) => l.startsWith("/help/faq/")).length;
    expect(locs.length).toBe(2 + 2 * faqCount);
    expect(locs.every((l) => /^http:\/\/127\.0\.0\.1:\d+\/help/.test(l))).toBe(true);
  });
});
