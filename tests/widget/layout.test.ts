import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { byRole, openWidgetPage, sharedWidgetSuite } from "../testing/widget-harness.js";

/**
 * The widget's layout at the phone sizes citizens use, upright and on their side, and on a
 * desktop (item 13), and the view staying at the newest message when the language is switched
 * (item 17a). Chromium against the real server; boxes in CSS pixels of the viewport.
 */

type Box = { x: number; y: number; width: number; height: number };
const PORTRAIT: [number, number][] = [
  [360, 640],
  [390, 844],
  [414, 896],
];
const LANDSCAPE: [number, number][] = PORTRAIT.map(([w, h]) => [h, w]);
const DESKTOP: [number, number] = [1280, 800];
/** Rounding of sub-pixel layout. */
const EPS = 1;
const SOON = { timeout: 10_000 };

describe("widget layout on phones and desktop", () => {
  const suite = sharedWidgetSuite();

  async function openWidget(width: number, height: number) {
    const context = await suite.browser.newContext({ locale: "zh-CN", viewport: { width, height } });
    context.setDefaultTimeout(30_000);
    const { page, widget, errors } = await openWidgetPage(context, suite.server.url);
    return { context, page, widget, errors };
  }

  const box = async (locator: Locator): Promise<Box> => {
    const b = await locator.boundingBox();
    if (!b) throw new Error("not rendered");
    return b;
  };

  /** Asks and waits for the bot's answer to it. */
  async function ask(widget: Locator, text: string): Promise<void> {
    const bots = byRole(widget, "bot");
    const before = await bots.count();
    const input = widget.getByTestId("input");
    await input.fill(text);
    await input.press("Enter");
    await bots.nth(before).waitFor();
  }

  /** What is drawn at the centre of an element: the element itself (or a child), not something over it. */
  const hitsItself = (page: Page, testId: string) =>
    page.evaluate(`(() => {
      const root = document.getElementById("shebao-desk-widget").shadowRoot;
      const target = root.querySelector('[data-testid="${testId}"]');
      const r = target.getBoundingClientRect();
      const hit = root.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
      return hit !== null && target.contains(hit);
    })()`) as Promise<boolean>;

  function expectInside(inner: Box, outer: Box, what: string): void {
    expect(inner.x, `${what}: left`).toBeGreaterThanOrEqual(outer.x - EPS);
    expect(inner.y, `${what}: top`).toBeGreaterThanOrEqual(outer.y - EPS);
    expect(inner.x + inner.width, `${what}: right`).toBeLessThanOrEqual(outer.x + outer.width + EPS);
    expect(inner.y + inner.height, `${what}: bottom`).toBeLessThanOrEqual(outer.y + outer.height + EPS);
  }

  it("fills a phone's screen upright and on its side, keeps Send and the input in full view, and floats on a desktop", async () => {
    const { context, page, widget, errors } = await openWidget(390, 844);
    await ask(widget, "社保卡丢了怎么挂失");
    const panel = widget.getByTestId("panel");
    const header = panel.locator("header");
    const sizes = [...PORTRAIT, ...LANDSCAPE, DESKTOP];

    for (const locale of ["zh", "en"] as const) {
      if (locale === "en") await widget.getByTestId("locale-switch").click();
      for (const [width, height] of sizes) {
        await page.setViewportSize({ width, height });
        const at = `${width}×${height} ${locale}`;
        const viewport = { x: 0, y: 0, width, height };
        const panelBox = await box(panel);
        const scroller = await box(widget.getByTestId("scroller"));
        expectInside(panelBox, viewport, `${at} panel`);
        for (const id of ["send", "input", "privacy"]) {
          const part = await box(widget.getByTestId(id));
          expectInside(part, viewport, `${at} ${id}`);
          expectInside(part, panelBox, `${at} ${id} in panel`);
        }
        expect(await hitsItself(page, "send"), `${at}: Send is not covered`).toBe(true);
        expect(await hitsItself(page, "input"), `${at}: input is not covered`).toBe(true);
        const send = await box(widget.getByTestId("send"));
        expect(send.height, `${at}: Send is a full-size target`).toBeGreaterThanOrEqual(44 - EPS);

        if (width === DESKTOP[0] && height === DESKTOP[1]) {
          // The floating panel, beside the page, above the launcher.
          expect(panelBox.width, at).toBeCloseTo(420, 0);
          expect(panelBox.height, at).toBeCloseTo(680, 0);
          expect(width - (panelBox.x + panelBox.width), at).toBeCloseTo(24, 0);
          expect(scroller.height, at).toBeGreaterThanOrEqual(0.5 * panelBox.height);
          continue;
        }
        // A phone: the whole screen.
        expect(panelBox, at).toEqual(viewport);
        if (width > height) {
          // On its side: one compact header line, and the messages keep at least ~45% of the height.
          expect((await box(header)).height, `${at}: header`).toBeLessThanOrEqual(56);
          expect(scroller.height, `${at}: messages`).toBeGreaterThanOrEqual(0.45 * height);
        } else {
          expect(scroller.height, `${at}: messages`).toBeGreaterThanOrEqual(0.5 * height);
        }
      }
    }

    // Usable on its side, not only drawn: type and press Send.
    await page.setViewportSize({ width: 844, height: 390 });
    await widget.getByTestId("input").fill("养老金");
    await widget.getByTestId("send").click();
    await widget
      .locator('[data-testid="message"][data-role="citizen"][data-state="sent"]', { hasText: "养老金" })
      .waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  /** Evaluates `expression` with `node` the message scroller (a string: the root tsconfig has no DOM types). */
  const onScroller = (page: Page, expression: string) =>
    page.evaluate(`(() => {
      const node = document.getElementById("shebao-desk-widget").shadowRoot.querySelector('[data-testid="scroller"]');
      return ${expression};
    })()`);

  /** The newest message lies wholly inside the scroller's visible box. */
  async function newestInView(widget: Locator): Promise<boolean> {
    const newest = await box(widget.getByTestId("message").last());
    const scroller = await box(widget.getByTestId("scroller"));
    return newest.y >= scroller.y - EPS && newest.y + newest.height <= scroller.y + scroller.height + EPS;
  }

  it("keeps the newest message in view when the phone is turned, with or without scroll anchoring", async () => {
    const { context, page, widget, errors } = await openWidget(390, 844);
    await ask(widget, "社保卡丢了怎么挂失");
    await ask(widget, "养老金怎么领取");
    await ask(widget, "谢谢");
    await expect.poll(() => newestInView(widget), SOON).toBe(true);
    const turns = [
      ...LANDSCAPE,
      ...PORTRAIT,
      [640, 360] as [number, number],
      DESKTOP,
      [390, 844] as [number, number],
    ];
    for (const anchoring of ["auto", "none"]) {
      await onScroller(page, `(node.style.overflowAnchor = "${anchoring}")`);
      for (const [width, height] of turns) {
        await page.setViewportSize({ width, height });
        await expect
          .poll(() => newestInView(widget), { timeout: 2_000, message: `${width}×${height} ${anchoring}` })
          .toBe(true);
      }
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  for (const [width, height] of [DESKTOP, [844, 390] as [number, number], [390, 844] as [number, number]]) {
    it(`keeps the newest message in view after a language switch (${width}×${height})`, async () => {
      const { context, page, widget, errors } = await openWidget(width, height);
      // Enough for the list to scroll, ending in a short answer that fits in the view.
      await ask(widget, "社保卡丢了怎么挂失");
      await ask(widget, "养老金怎么领取");
      await ask(widget, "谢谢");
      await expect
        .poll(() => onScroller(page, "node.scrollHeight > node.clientHeight + 200"), SOON)
        .toBe(true);
      await expect.poll(() => newestInView(widget), SOON).toBe(true);
      // As Safari (iOS), which has no scroll anchoring: Chromium's would otherwise hide the bug by
      // keeping the visible text in place while the text above it grows.
      await onScroller(page, `(node.style.overflowAnchor = "none")`);

      // Re-labelling (the longer English intro, buttons and prompts) changes heights above it.
      await widget.getByTestId("locale-switch").click();
      expect(await widget.getByTestId("locale-switch").textContent()).toBe("中文");
      await expect.poll(() => newestInView(widget), { timeout: 2_000 }).toBe(true);
      // And back.
      await widget.getByTestId("locale-switch").click();
      await expect.poll(() => newestInView(widget), { timeout: 2_000 }).toBe(true);

      // A reader who scrolled up to read stays where they are.
      const scrollTop = () => onScroller(page, "node.scrollTop") as Promise<number>;
      await onScroller(page, "(node.scrollTop = 0)");
      await expect.poll(scrollTop, SOON).toBe(0);
      await widget.getByTestId("locale-switch").click();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await scrollTop()).toBe(0);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
