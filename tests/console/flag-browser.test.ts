import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgent } from "../testing/agent-client.js";
import { ensureBuilt, launchChromium } from "../testing/browser.js";
import { ChatClient } from "../testing/chat-client.js";
import { startTestServer, type TestServer } from "../testing/server.js";

describe("an agent flags a citizen's question for the editors, in a real browser", () => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    await ensureBuilt("agent-console");
    server = await startTestServer({ env: { DEMO_STAFF: "false" } });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    server?.cleanup();
  });

  it("opens the flag on a citizen's message, adds a note, confirms, and sees it sent", async () => {
    const account = await createAgent(server!.app, "flag.agent", { displayName: "李华" });
    const pageErrors: string[] = [];
    const context = await browser!.newContext({ locale: "zh-CN", viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(`${server!.url}/console`);
    await page.getByTestId("sign-in-username").fill(account.username);
    await page.getByTestId("sign-in-password").fill(account.password);
    await page.getByTestId("sign-in-submit").click();
    await page.getByTestId("presence").waitFor({ timeout: 10_000 });

    const citizen = await ChatClient.connect(server!.url);
    try {
      await citizen.ask("电子社保卡在微信里怎么解绑");
      await citizen.ask("转人工");
      await page.getByTestId("offer-accept").first().click({ timeout: 15_000 });
      const panel = page.getByTestId("chat-panel").first();
      const question = panel.locator('[data-testid="message"][data-role="citizen"]', { hasText: "电子社保卡在微信里怎么解绑" });
      await question.waitFor({ timeout: 10_000 });
      // Only the citizen's words carry the action.
      expect(await panel.locator('[data-testid="message"][data-role="bot"] [data-testid="flag-open"]').count()).toBe(0);

      await question.getByTestId("flag-open").click();
      await question.getByTestId("flag-note").fill("常有人问");
      await question.getByTestId("flag-confirm").click();
      await question.getByTestId("flag-sent").waitFor({ timeout: 10_000 });

      const stored = (await server!.app.storage.messages.listRecent(citizen.session.conversationId, 20)).find((m) => m.text === "电子社保卡在微信里怎么解绑");
      expect(await server!.app.storage.unansweredQuestions.flagsOn(stored!.id)).toEqual([expect.objectContaining({ agentId: account.id, note: "常有人问" })]);
      expect(pageErrors).toEqual([]);
    } finally {
      citizen.close();
      await context.close();
    }
  });
});
