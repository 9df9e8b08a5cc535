import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgent } from "../testing/agent-client.js";
import { ensureBuilt, launchChromium } from "../testing/browser.js";
import { startTestServer, type TestServer } from "../testing/server.js";

describe("agent console and citizen widget in a real browser against the real server", () => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    await ensureBuilt("widget");
    await ensureBuilt("agent-console");
    server = await startTestServer({ env: { DEMO_STAFF: "false" } });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    server?.cleanup();
  });

  it("an agent signs in, accepts a chat and replies; the widget shows it; citizen markup stays text", async () => {
    const account = await createAgent(server!.app, "console.agent", { displayName: "张敏" });
    const pageErrors: string[] = [];

    // The agent signs in to the console.
    const agentContext = await browser!.newContext({ locale: "zh-CN", viewport: { width: 1366, height: 768 } });
    const consolePage = await agentContext.newPage();
    consolePage.on("pageerror", (e) => pageErrors.push(`console: ${e.message}`));
    await consolePage.goto(`${server!.url}/console`);
    await consolePage.getByTestId("sign-in-username").fill(account.username);
    await consolePage.getByTestId("sign-in-password").fill("wrong-password");
    await consolePage.getByTestId("sign-in-submit").click();
    await consolePage.getByTestId("sign-in-error").waitFor();
    await consolePage.getByTestId("sign-in-password").fill(account.password);
    await consolePage.getByTestId("sign-in-submit").click();
    await consolePage.getByTestId("presence").waitFor({ timeout: 10_000 });

    // A citizen asks for a person in the widget.
    const citizenContext = await browser!.newContext({ locale: "zh-CN" });
    const citizenPage = await citizenContext.newPage();
    citizenPage.on("pageerror", (e) => pageErrors.push(`widget: ${e.message}`));
    await citizenPage.goto(`${server!.url}/`);
    const widget = citizenPage.locator("#shebao-desk-widget");
    await widget.getByTestId("launcher").click();
    const input = widget.getByTestId("input");
    await input.fill("我要转人工");
    await input.press("Enter");
    await widget.getByTestId("handoff-status").filter({ hasText: /转接|客服/ }).waitFor({ timeout: 15_000 });

    // The agent accepts the offer and sees the transcript.
    await consolePage.getByTestId("offer-accept").first().click({ timeout: 15_000 });
    const panel = consolePage.getByTestId("chat-panel").first();
    await panel.locator('[data-testid="message"][data-role="citizen"]', { hasText: "我要转人工" }).waitFor();
    await widget.getByTestId("handoff-status").filter({ hasText: "张敏" }).waitFor({ timeout: 10_000 });

    // Markup from the citizen is shown as text in the console, never run.
    const markup = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>`;
    await input.fill(markup);
    await input.press("Enter");
    await panel.locator('[data-testid="message"][data-role="citizen"]', { hasText: "<img src=x" }).waitFor({ timeout: 10_000 });
    expect(await panel.locator("img").count()).toBe(0);
    expect(await consolePage.evaluate("window.__xss ?? null")).toBeNull();

    // The agent replies; the citizen's widget shows it as an agent message.
    await panel.getByTestId("reply-input").fill("您好，我是张敏，请问您想咨询什么？");
    await panel.getByTestId("reply-input").press("Enter");
    const agentMessage = widget.locator('[data-testid="message"][data-role="agent"]', { hasText: "我是张敏" });
    await agentMessage.waitFor({ timeout: 10_000 });

    // The agent closes with a wrap-up code; the citizen rates the service.
    await panel.getByTestId("close-chat").click();
    await consolePage.getByTestId("wrap-up-select").selectOption("resolved");
    await consolePage.getByTestId("close-confirm").click();
    await widget.getByTestId("survey").waitFor({ timeout: 10_000 });
    await widget.getByTestId("survey-rating-5").click();
    await widget.getByTestId("survey-submit").click();
    await widget.getByTestId("survey-thanks").waitFor({ timeout: 10_000 });

    const handoffs = await server!.app.storage.handoffs.listOpen();
    expect(handoffs).toEqual([]);
    expect(pageErrors).toEqual([]);
    await agentContext.close();
    await citizenContext.close();
  }, 90_000);
});
