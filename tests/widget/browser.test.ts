import { describe, expect, it } from "vitest";
import { byRole, focusedTestId, sharedWidgetSuite, storedToken } from "../testing/widget-harness.js";

describe("chat widget in a real browser against the real server", () => {
  const suite = sharedWidgetSuite();

  async function openPage(locale: string) {
    const context = await suite.browser.newContext({ locale });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(`${suite.server.url}/`);
    const widget = page.locator("#shebao-desk-widget");
    return { context, page, widget, pageErrors };
  }

  it("answers, shows markup as plain text, and restores the conversation after a reload", async () => {
    const { context, page, widget, pageErrors } = await openPage("zh-CN");
    await widget.getByTestId("launcher").click();
    const input = widget.getByTestId("input");
    expect(await focusedTestId(page)).toBe("input");

    await input.fill("社保卡丢了怎么挂失");
    await input.press("Enter");
    const bots = byRole(widget, "bot");
    await bots.filter({ hasText: "挂失" }).first().waitFor({ timeout: 30_000 });

    const markup = `<img src=x onerror="window.__xss=1"><b>bold</b>`;
    await input.fill(markup);
    await input.press("Enter");
    // Acknowledged (stored), and answered, so both are in the history a reload brings back.
    const citizen = widget.locator('[data-testid="message"][data-role="citizen"][data-state="sent"]', {
      hasText: "<b>bold</b>",
    });
    await citizen.waitFor({ timeout: 30_000 });
    await bots.nth(1).waitFor({ timeout: 30_000 });

    const messages = widget.getByTestId("messages");
    expect(await citizen.getByTestId("message-text").textContent()).toContain("<b>bold</b>");
    expect(await messages.locator("b, img").count()).toBe(0);
    expect(await page.evaluate("window.__xss")).toBeUndefined();
    expect(await storedToken(page)).toBeTruthy();
    const before = await messages.getByTestId("message-text").allTextContents();
    expect(before.length).toBeGreaterThanOrEqual(4);

    await page.reload();
    // The widget reopens by itself in the same tab; open it if it did not.
    if ((await widget.getByTestId("launcher").getAttribute("aria-expanded")) !== "true") {
      await widget.getByTestId("launcher").click();
    }
    await messages
      .getByTestId("message-text")
      .nth(before.length - 1)
      .waitFor();
    expect(await messages.getByTestId("message-text").allTextContents()).toEqual(before);
    expect(await messages.locator("b, img").count()).toBe(0);
    expect(await page.evaluate("window.__xss")).toBeUndefined();
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("works from the keyboard and switches the language of the whole interface", async () => {
    const { context, page, widget, pageErrors } = await openPage("zh-CN");
    const launcher = widget.getByTestId("launcher");
    expect(await launcher.getAttribute("aria-label")).toBe("在线咨询");
    await launcher.focus();
    await page.keyboard.press("Enter");
    expect(await launcher.getAttribute("aria-expanded")).toBe("true");
    const panel = widget.getByTestId("panel");
    expect(await panel.getAttribute("role")).toBe("dialog");
    expect(await panel.getAttribute("aria-modal")).toBe("false");
    expect(await focusedTestId(page)).toBe("input");

    // Empty input sends nothing.
    await page.keyboard.press("Enter");
    expect(await widget.getByTestId("message").count()).toBe(0);

    const toggle = widget.getByTestId("locale-switch");
    expect(await toggle.textContent()).toBe("EN");
    await toggle.click();
    expect(await toggle.textContent()).toBe("中文");
    expect(await launcher.getAttribute("aria-label")).toBe("Chat with us");
    expect(await widget.getByTestId("input").getAttribute("aria-label")).toBe("Type your question");

    await widget.getByTestId("input").focus();
    await page.keyboard.press("Escape");
    expect(await launcher.getAttribute("aria-expanded")).toBe("false");
    expect(await focusedTestId(page)).toBe("launcher");
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
