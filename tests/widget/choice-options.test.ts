import { describe, expect, it } from "vitest";
import { byRole, chips, openWidgetPage, say, widgetHarness } from "../testing/widget-harness.js";

const SOON = { timeout: 10_000 };

describe("widget: a guided application's choice, in chromium against the real server", () => {
  const h = widgetHarness({ DEMO_STAFF: "false" });

  it("offers the options as buttons; a tap answers the question, is shown as the citizen's words, and retires the buttons", async () => {
    const server = await h.startServer();
    const context = await h.browser.newContext({ viewport: { width: 390, height: 844 } });
    h.track(() => context.close());
    const { page, widget, errors } = await openWidgetPage(context, server.url);

    await say(widget, "我要补办社保卡");
    const question = byRole(widget, "bot").filter({ hasText: "补办原因" }).last();
    await question.waitFor(SOON);
    expect((await chips(question)).map((c) => c.label)).toEqual(["丢失", "损坏", "到期", "换新一代卡", "取消办理"]);
    await page.screenshot({ path: process.env.SCREENSHOT_DIR ? `${process.env.SCREENSHOT_DIR}/choice-options.png` : undefined });

    await question.getByTestId("quick-reply").filter({ hasText: "损坏" }).click();
    // Tapped, the option is the citizen's answer, and the flow asks the next question.
    await byRole(widget, "citizen").filter({ hasText: "损坏" }).last().waitFor(SOON);
    await byRole(widget, "bot").filter({ hasText: "身份证" }).last().waitFor(SOON);
    expect((await chips(question)).every((c) => !c.enabled)).toBe(true);
    expect(errors).toEqual([]);
  });
});
