import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../testing/nlu.js";
import { byRole, sharedWidgetSuite } from "../testing/widget-harness.js";

/**
 * /m: the whole page is the chat, dressed as WeChat, for WeChat's own browser and a mini-program's
 * web-view (issue 16). Chromium against the real server, at the phone widths the issue names
 * (320 to 430 px) upright and on their side.
 */
const SIZES: [number, number][] = [
  [320, 568],
  [360, 640],
  [375, 667],
  [430, 932],
  [568, 320],
  [844, 390],
  [932, 430],
];
/** Sizes whose screenshots are kept (test-artifacts/, not committed) for a person to look at. */
const KEPT = new Set(["360×640", "844×390"]);
const EPS = 1;

type Box = { x: number; y: number; width: number; height: number };

describe("the WeChat-style mobile chat page (/m)", () => {
  const suite = sharedWidgetSuite();

  const box = async (locator: Locator): Promise<Box> => {
    const b = await locator.boundingBox();
    if (!b) throw new Error("not rendered");
    return b;
  };
  /** The avatar a message row draws before its bubble (its ::before text), and the bubble's colour. */
  const looks = (page: Page, role: string) =>
    page.evaluate(`(() => {
      const root = document.getElementById("shebao-desk-widget").shadowRoot;
      const row = root.querySelector('[data-testid="message"][data-role="${role}"]');
      return { avatar: getComputedStyle(row, "::before").content, bubble: getComputedStyle(row.querySelector(".bubble")).backgroundColor };
    })()`) as Promise<{ avatar: string; bubble: string }>;

  it("opens as the whole page with the question from ?ask= in the input, and answers it in WeChat's look", async () => {
    const context = await suite.browser.newContext({ locale: "zh-CN", viewport: { width: 375, height: 667 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const response = await page.goto(`${suite.server.url}/m?ask=${encodeURIComponent("社保卡丢了怎么办")}`);
    expect(response?.headers()["content-security-policy"]).toContain("script-src 'self'");
    const widget = page.locator("#shebao-desk-widget");
    const input = widget.getByTestId("input");
    await expect.poll(() => input.inputValue()).toBe("社保卡丢了怎么办");
    // Nothing to open or close: no launcher, no close button, Esc changes nothing.
    expect(await widget.getByTestId("launcher").count()).toBe(0);
    await input.press("Escape");
    expect(await widget.getByTestId("panel").isVisible()).toBe(true);
    await widget.getByTestId("send").click();
    await byRole(widget, "bot").first().waitFor();
    expect(await byRole(widget, "bot").first().textContent()).toContain("挂失");
    expect(await looks(page, "bot")).toEqual({ avatar: '"社"', bubble: "rgb(255, 255, 255)" });
    expect(await looks(page, "citizen")).toEqual({ avatar: '"我"', bubble: "rgb(149, 236, 105)" });
    // The green Send of WeChat (the pointer moved off it first: hovered, it is darker), and chips under the answer.
    await page.mouse.move(0, 0);
    const sendColour = `(() => getComputedStyle(document.getElementById("shebao-desk-widget").shadowRoot.querySelector('[data-testid="send"]')).backgroundColor)()`;
    expect(await page.evaluate(sendColour)).toBe("rgb(6, 173, 86)");
    expect(await widget.getByTestId("quick-reply").count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("fills the screen from 320 to 430 px wide, upright and on its side, with Send in full view and room for messages", async () => {
    const context = await suite.browser.newContext({ locale: "zh-CN", viewport: { width: 375, height: 667 } });
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/m`);
    const widget = page.locator("#shebao-desk-widget");
    await widget.getByTestId("input").fill("养老金怎么算");
    await widget.getByTestId("send").click();
    await byRole(widget, "bot").first().waitFor();
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      const at = `${width}×${height}`;
      const panel = await box(widget.getByTestId("panel"));
      expect(panel, at).toEqual({ x: 0, y: 0, width, height });
      for (const id of ["send", "input"]) {
        const part = await box(widget.getByTestId(id));
        expect(part.x, `${at} ${id} left`).toBeGreaterThanOrEqual(-EPS);
        expect(part.x + part.width, `${at} ${id} right`).toBeLessThanOrEqual(width + EPS);
        expect(part.y + part.height, `${at} ${id} bottom`).toBeLessThanOrEqual(height + EPS);
      }
      const scroller = await box(widget.getByTestId("scroller"));
      expect(scroller.height, `${at}: messages`).toBeGreaterThanOrEqual((width > height ? 0.4 : 0.5) * height);
      // Nothing wider than the screen: no sideways scrolling.
      expect(await page.evaluate("document.documentElement.scrollWidth"), at).toBeLessThanOrEqual(width);
      if (KEPT.has(at)) await page.screenshot({ path: join(projectRoot, "test-artifacts", `mobile-page-${width}x${height}.png`) });
    }
    await context.close();
  });

  it("shows the whole hint in the input and the whole line under the title, from 320 to 430 px upright, and one header line on its side", async () => {
    const context = await suite.browser.newContext({ locale: "zh-CN", viewport: { width: 320, height: 568 } });
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/m`);
    const widget = page.locator("#shebao-desk-widget");
    const input = widget.getByTestId("input");
    await widget.getByTestId("panel").waitFor();
    expect(await input.inputValue()).toBe("");
    // A hint that fits a phone's one-line input (the floating widget's has an example in it).
    expect(await input.getAttribute("placeholder")).toBe("请输入您的问题");
    // Chromium counts an empty input's placeholder in its scroll size: a hint cut off scrolls; an ellipsis makes the line wider than its box.
    const sizes = (selector: string) =>
      page.evaluate(`(() => {
        const e = document.getElementById("shebao-desk-widget").shadowRoot.querySelector(${JSON.stringify(selector)});
        return { scrollWidth: e.scrollWidth, clientWidth: e.clientWidth, scrollHeight: e.scrollHeight, clientHeight: e.clientHeight };
      })()`) as Promise<{ scrollWidth: number; clientWidth: number; scrollHeight: number; clientHeight: number }>;
    for (const [width, height] of [
      [320, 568],
      [360, 640],
      [430, 932],
    ] as const) {
      await page.setViewportSize({ width, height });
      for (const [what, selector] of [
        ["hint", '[data-testid="input"]'],
        ["subtitle", ".subtitle"],
      ] as const) {
        const s = await sizes(selector);
        expect(s.scrollWidth, `${what} at ${width}: width`).toBeLessThanOrEqual(s.clientWidth);
        // A pixel of a glyph's descent is not a line cut off.
        expect(s.scrollHeight, `${what} at ${width}: height`).toBeLessThanOrEqual(s.clientHeight + 1);
      }
      expect((await box(input)).height, `one-line input at ${width}`).toBeCloseTo(44, 0);
      const panel = await box(widget.getByTestId("panel"));
      expect(panel).toEqual({ x: 0, y: 0, width, height });
      const send = await box(widget.getByTestId("send"));
      expect(send.x + send.width).toBeLessThanOrEqual(width + EPS);
      expect((await box(widget.getByTestId("scroller"))).height).toBeGreaterThanOrEqual(0.5 * height);
      if (width === 320) await page.screenshot({ path: join(projectRoot, "test-artifacts", "mobile-page-320x568.png") });
    }
    expect(await widget.locator(".subtitle").textContent()).toContain("12333");
    // On its side the header stays one line: the title and the line under it side by side.
    await page.setViewportSize({ width: 844, height: 390 });
    const title = await box(widget.locator(".title"));
    const subtitle = await box(widget.locator(".subtitle"));
    expect(subtitle.x).toBeGreaterThan(title.x + title.width);
    await context.close();
  });
});
