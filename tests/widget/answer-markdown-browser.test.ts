import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { createAgent } from "../testing/agent-client.js";
import { ensureBuilt, launchChromium } from "../testing/browser.js";
import { startTestServer, type TestServer } from "../testing/server.js";
import { byRole, say } from "../testing/widget-harness.js";

const QUESTION = "社保卡丢了怎么挂失";
const XSS = `<img src=x onerror="window.__xss=1">`;
/** The lost-card answer as an editor would write it in Markdown, with markup an attacker slipped in. */
const ANSWER = [
  "发现社保卡丢失，请**务必**第一时间挂失：",
  "1. 拨打 [12333](tel:12333) 临时挂失；",
  "2. 在[掌上12333](https://si.example.cn/app)办理；",
  "3. 带身份证到网点正式挂失。",
  `${XSS}卡找到了，可以解除挂失&rarr;继续使用。`,
].join("\n");

/**
 * Bot answers written in Markdown, end to end: a knowledge version whose answer is Markdown is
 * published to a running desk (only the answer changes, so the model stays), a citizen asks in the
 * real widget, and an agent who takes the chat reads it in the real console. Both show elements,
 * and neither runs the markup hidden in the answer.
 */
describe("Markdown answers in the widget and the console, in a real browser against the real server", () => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    await ensureBuilt("widget");
    await ensureBuilt("agent-console");
    server = await startTestServer({ env: { KNOWLEDGE_POLL_MS: "100", DEMO_STAFF: "false" } });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    server?.cleanup();
  });

  /**
   * The desk's own pages forbid inline handlers by CSP, which would stop an escaped-or-not onerror
   * alike; host sites embedding the widget may have no CSP at all. Without it, only the escaping is
   * between the answer and the page, which is what these tests are about.
   */
  const withoutCsp = { bypassCSP: true, locale: "zh-CN" } as const;

  /**
   * Proves the check for __xss can fail: the same markup put in this page unescaped does run. Its
   * error event has fired by the time this resolves, so an answer's copy would have fired too.
   */
  async function markupWouldRun(page: Page): Promise<void> {
    await page.evaluate(
      `document.body.insertAdjacentHTML("beforeend", '<img src=x onerror="window.__control=1">')`,
    );
    await page.waitForFunction("window.__control === 1");
  }

  it("renders the bot's Markdown as elements and leaves the citizen's and the hidden markup inert", async () => {
    // An editor publishes the answer in Markdown; only the answer changes, so the model stays.
    const versions = server!.app.storage.knowledgeVersions;
    const documents = new Map((await versions.latest())?.documents);
    const faq = parse(documents.get("card/card-lost.yaml") as string) as { answer: { zh: string } };
    documents.set("card/card-lost.yaml", stringify({ ...faq, answer: { ...faq.answer, zh: ANSWER } }));
    const published = await versions.publish({
      documents,
      author: "li.editor",
      note: "挂失说明改为 Markdown",
      publishedAt: new Date().toISOString(),
      origin: "editor",
    });
    // The desk serves a newly published version within KNOWLEDGE_POLL_MS.
    await expect
      .poll(
        async () => ((await (await fetch(`${server!.url}/readyz`)).json()) as { version: number }).version,
        {
          timeout: 10_000,
        },
      )
      .toBe(published.version);

    const pageErrors: string[] = [];
    const consoleErrors: string[] = [];

    // An agent is on shift in the console.
    const account = await createAgent(server!.app, "markdown.agent", { displayName: "王芳" });
    const agentContext = await browser!.newContext({ ...withoutCsp, viewport: { width: 1366, height: 768 } });
    const consolePage = await agentContext.newPage();
    consolePage.on("pageerror", (e) => consoleErrors.push(e.message));
    await consolePage.goto(`${server!.url}/console`);
    await consolePage.getByTestId("sign-in-username").fill(account.username);
    await consolePage.getByTestId("sign-in-password").fill(account.password);
    await consolePage.getByTestId("sign-in-submit").click();
    await consolePage.getByTestId("presence").waitFor({ timeout: 10_000 });

    // A citizen asks; the answer is the published Markdown.
    const citizenContext = await browser!.newContext(withoutCsp);
    const page = await citizenContext.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(`${server!.url}/`);
    const widget = page.locator("#shebao-desk-widget");
    await widget.getByTestId("launcher").click();
    await say(widget, QUESTION);
    const answer = byRole(widget, "bot").filter({ hasText: "第一时间挂失" }).getByTestId("message-text");
    await answer.waitFor({ timeout: 30_000 });

    expect(await answer.locator("strong").allTextContents()).toEqual(["务必"]);
    expect(await answer.locator("ol > li").count()).toBe(3);
    const link = answer.locator('a[rel~="noopener"]', { hasText: "掌上12333" });
    expect(await link.getAttribute("href")).toBe("https://si.example.cn/app");
    expect(await link.getAttribute("target")).toBe("_blank");
    expect(await answer.locator('a[href="tel:12333"]').count()).toBe(1);
    // The closing sentence follows the list instead of joining its last step.
    expect(await answer.locator("ol + p").textContent()).toContain("卡找到了");
    // A character reference is decoded (by the browser's own table in the widget: html-entities.ts).
    expect(await answer.textContent()).toContain("解除挂失→继续使用");
    // The hidden markup shows as the characters it is made of.
    expect(await answer.locator("img").count()).toBe(0);
    expect(await answer.textContent()).toContain(XSS);

    // A citizen's own Markdown and markup stay plain text.
    await say(widget, "**急** <b>社保卡</b>");
    const citizenText = byRole(widget, "citizen").last().getByTestId("message-text");
    expect(await citizenText.textContent()).toBe("**急** <b>社保卡</b>");
    expect(await citizenText.locator("*").count()).toBe(0);

    await markupWouldRun(page);
    expect(await page.evaluate("window.__xss ?? null")).toBeNull();

    // The citizen asks for a person; the agent takes the chat and reads the answer the same way.
    await say(widget, "我要转人工");
    await consolePage.getByTestId("offer-accept").first().click({ timeout: 15_000 });
    const panel = consolePage.getByTestId("chat-panel").first();
    const transcriptAnswer = panel.locator('[data-testid="message"][data-role="bot"]', {
      hasText: "第一时间挂失",
    });
    await transcriptAnswer.waitFor({ timeout: 10_000 });
    expect(await transcriptAnswer.locator("strong").allTextContents()).toEqual(["务必"]);
    expect(await transcriptAnswer.locator("ol > li").count()).toBe(3);
    expect(
      await transcriptAnswer.locator('a[rel~="noopener"][href="https://si.example.cn/app"]').count(),
    ).toBe(1);
    expect(await transcriptAnswer.locator("img").count()).toBe(0);
    expect(await transcriptAnswer.textContent()).toContain(XSS);
    expect(await transcriptAnswer.textContent()).toContain("解除挂失→继续使用");
    // The citizen's line in the transcript is still text.
    const citizenLine = panel.locator('[data-testid="message"][data-role="citizen"]', { hasText: "**急**" });
    expect(await citizenLine.locator("b, strong").count()).toBe(0);

    await markupWouldRun(consolePage);
    expect(await consolePage.evaluate("window.__xss ?? null")).toBeNull();
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await agentContext.close();
    await citizenContext.close();
  }, 90_000);
});
