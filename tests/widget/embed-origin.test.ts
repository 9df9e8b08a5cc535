import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, launchChromium } from "../testing/browser.js";
import { startTestServer, type TestServer } from "../testing/server.js";
import { byRole, storedToken } from "../testing/widget-harness.js";

/**
 * The widget embedded by other sites, in a real browser: a bureau's page on another origin (here
 * another port) includes `<script src="<desk>/widget.js">` under a strict CSP of its own, the one
 * the README recommends. Listed in CORS_ORIGINS it chats; an unlisted site's page cannot.
 * And the desk's own pages (demo page, console, /verify) run under their CSP without a violation.
 */

/** Records every CSP violation a page reports (as events and as console messages). */
async function watchViolations(context: BrowserContext): Promise<(page: Page) => Promise<string[]>> {
  // A string: these tests have no DOM types; it runs in every page before the page's own code.
  await context.addInitScript(`
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(e.violatedDirective + " " + e.blockedURI), true);
  `);
  const logged = new WeakMap<Page, string[]>();
  context.on("page", (page) => {
    const lines: string[] = [];
    logged.set(page, lines);
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) lines.push(message.text());
    });
  });
  return async (page) => [
    ...((await page.evaluate("window.__csp")) as string[]),
    ...(logged.get(page) ?? []),
  ];
}

/** A one-page site: the bureau's page embedding the desk's widget, with a CSP as the README recommends. */
function hostSite(deskUrl: () => string): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.url === "/frame-host") {
      // A page with no CSP of its own, to try framing other pages from.
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end("<!doctype html><title>frame host</title><body></body>");
      return;
    }
    if (request.url !== "/") {
      response.writeHead(404).end();
      return;
    }
    const desk = deskUrl();
    const ws = desk.replace(/^http/, "ws");
    response.writeHead(200, {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": `default-src 'self'; script-src 'self' ${desk}; connect-src 'self' ${desk} ${ws}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'`,
    });
    response.end(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>某区人社局</title></head>
<body><h1>某区人力资源和社会保障局</h1><script src="${desk}/widget.js" defer></script></body></html>`);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** Adds an iframe for the URL and resolves once it loaded (a refused one loads the browser's error page). */
const ADD_FRAME = `(src) => new Promise((resolve) => {
  const frame = document.createElement("iframe");
  frame.src = src;
  frame.onload = () => resolve();
  document.body.append(frame);
})`;

const titleOf = (frame: Frame) => (frame.evaluate("document.title") as Promise<string>).catch(() => "");

/** Opens a bare engine.io WebSocket to the desk from the page, as any site's script could. */
async function rawWebSocket(page: Page, deskUrl: string): Promise<string> {
  const url = `${deskUrl.replace(/^http/, "ws")}/socket.io/?EIO=4&transport=websocket`;
  return (await page.evaluate(`new Promise((resolve) => {
    const ws = new WebSocket(${JSON.stringify(url)});
    ws.onmessage = (event) => { resolve(String(event.data).startsWith("0") ? "open" : "unexpected"); ws.close(); };
    ws.onerror = () => resolve("refused");
    setTimeout(() => resolve("no answer"), 5000);
  })`)) as string;
}

const originOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

describe("the widget on other sites, and the desk's pages under their CSP, in a real browser", () => {
  let desk: TestServer | undefined;
  let browser: Browser | undefined;
  let listed: Server;
  let unlisted: Server;

  beforeAll(async () => {
    await ensureBuilt("widget");
    await ensureBuilt("agent-console");
    listed = await hostSite(() => desk!.url);
    unlisted = await hostSite(() => desk!.url);
    desk = await startTestServer({ env: { CORS_ORIGINS: originOf(listed) } });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
    desk?.cleanup();
    await new Promise((resolve) => listed?.close(resolve));
    await new Promise((resolve) => unlisted?.close(resolve));
  });

  async function openHost(origin: string) {
    const context = await browser!.newContext({ locale: "zh-CN" });
    const violations = await watchViolations(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    // socket.io's requests that got an answer the page could read, and those that failed (CORS, refusal).
    const socketAnswers: number[] = [];
    const socketFailures: string[] = [];
    page.on("requestfinished", async (request) => {
      if (request.url().startsWith(`${desk!.url}/socket.io/`))
        socketAnswers.push((await request.response())?.status() ?? 0);
    });
    page.on("requestfailed", (request) => {
      if (request.url().startsWith(`${desk!.url}/socket.io/`))
        socketFailures.push(request.failure()?.errorText ?? "");
    });

    await page.goto(`${origin}/`);
    const widget = page.locator("#shebao-desk-widget");
    await widget.getByTestId("launcher").click();
    return {
      context,
      page,
      widget,
      errors,
      socketAnswers,
      socketFailures,
      violations: () => violations(page),
    };
  }

  it("a site listed in CORS_ORIGINS embeds the widget and chats, under its own strict CSP", async () => {
    const { context, page, widget, errors, violations } = await openHost(originOf(listed));
    const input = widget.getByTestId("input");
    await input.fill("社保卡丢了怎么挂失");
    await input.press("Enter");
    await byRole(widget, "bot").filter({ hasText: "挂失" }).first().waitFor({ timeout: 30_000 });
    expect(await storedToken(page)).toBeTruthy();
    expect(await rawWebSocket(page, desk!.url)).toBe("open");
    expect(errors).toEqual([]);
    expect(await violations()).toEqual([]);
    await context.close();
  });

  it("an unlisted site's page loads the script but is refused at the socket's handshake", async () => {
    const { context, page, widget, socketAnswers, socketFailures } = await openHost(originOf(unlisted));
    const input = widget.getByTestId("input");
    await input.fill("社保卡丢了怎么挂失");
    await input.press("Enter");
    await expect.poll(() => socketFailures.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(socketAnswers).toEqual([]);
    // Long-polling was never readable cross-origin without CORS; a WebSocket has no CORS, so the
    // handshake's Origin check is what stops a page that opens one itself, as any site could.
    expect(await rawWebSocket(page, desk!.url)).toBe("refused");
    expect(await storedToken(page)).toBeNull();
    expect(
      await widget.locator('[data-testid="message"][data-role="citizen"][data-state="sent"]').count(),
    ).toBe(0);
    expect(await byRole(widget, "bot").count()).toBe(0);
    await context.close();
  });

  it("the demo page runs the widget under its CSP without a violation", async () => {
    const context = await browser!.newContext({ locale: "zh-CN" });
    const violations = await watchViolations(context);
    const page = await context.newPage();
    await page.goto(`${desk!.url}/`);
    const widget = page.locator("#shebao-desk-widget");
    await widget.getByTestId("launcher").click();
    await widget.getByTestId("input").fill("养老金怎么领取");
    await widget.getByTestId("input").press("Enter");
    await byRole(widget, "bot").first().waitFor({ timeout: 30_000 });
    expect(await violations(page)).toEqual([]);
    // The widget's shadow stylesheet applied: the launcher is laid out as a fixed button, not inline text.
    expect(
      await page.evaluate(
        `getComputedStyle(document.getElementById("shebao-desk-widget").shadowRoot.querySelector('[data-testid="launcher"]')).position`,
      ),
    ).toBe("fixed");
    await context.close();
  });

  it("the console's sign-in page and /verify render under their CSP without a violation", async () => {
    const context = await browser!.newContext({ locale: "zh-CN" });
    const violations = await watchViolations(context);
    const page = await context.newPage();
    await page.goto(`${desk!.url}/console`);
    await page.getByTestId("sign-in-username").waitFor();
    expect(await violations(page)).toEqual([]);

    await page.goto(`${desk!.url}/verify?code=nonsense`);
    await page.locator(".result.bad").waitFor();
    expect(await violations(page)).toEqual([]);
    // The inline stylesheet, allowed by its hash, applied.
    expect(await page.evaluate("getComputedStyle(document.body).maxWidth")).toBe("640px");
    await context.close();
  });

  it("a page of another site cannot frame the console or /verify; the demo page frames only on its own origin", async () => {
    const context = await browser!.newContext();
    const page = await context.newPage();
    await page.goto(`${originOf(unlisted)}/frame-host`);
    const framed = async (url: string) => {
      await page.evaluate(`(${ADD_FRAME})(${JSON.stringify(url)})`);
      const frame = page.frames().find((f) => f.url() === url);
      // A refused frame shows the browser's error page: no document of ours in it.
      return frame ? await titleOf(frame) : "";
    };
    // Frames of another origin do load here (another host's page without a frame rule)...
    expect(await framed(`${originOf(listed)}/frame-host`)).toBe("frame host");
    // ...but not the desk's pages.
    expect(await framed(`${desk!.url}/console`)).not.toContain("Agent console");
    expect(await framed(`${desk!.url}/verify`)).not.toContain("Certificate check");
    expect(await framed(`${desk!.url}/`)).not.toContain("Sample City");
    await context.close();

    // The demo page in a frame of the demo page (same origin) is allowed.
    const own = await browser!.newContext();
    const demo = await own.newPage();
    await demo.goto(`${desk!.url}/`);
    await demo.evaluate(`(${ADD_FRAME})(${JSON.stringify(`${desk!.url}/?framed`)})`);
    await expect
      .poll(async () => {
        const frame = demo.frames().find((f) => f.url() === `${desk!.url}/?framed`);
        return frame ? await titleOf(frame) : "";
      })
      .toContain("Sample City");
    await own.close();
  });
});
