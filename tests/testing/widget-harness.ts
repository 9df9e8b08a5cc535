import { randomUUID } from "node:crypto";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";
import { AgentClient, createAgent } from "./agent-client.js";
import { ensureBuilt, launchChromium } from "./browser.js";
import { startTestServer, type TestServer } from "./server.js";

/** The demo page loaded in a browser context, with the widget opened (launcher clicked). */
export async function openWidgetPage(context: BrowserContext, url: string): Promise<{ page: Page; widget: Locator; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${url}/`);
  const widget = page.locator("#shebao-desk-widget");
  await widget.getByTestId("launcher").click();
  return { page, widget, errors };
}

/**
 * Chromium and one server shared by all the tests of a file (tests that need no server of their
 * own): registers the hooks that build the widget, start both, and close both after the file.
 */
export function sharedWidgetSuite() {
  let browser: Browser | undefined;
  let server: TestServer | undefined;

  beforeAll(async () => {
    await ensureBuilt("widget");
    server = await startTestServer();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await server?.cleanup();
  });

  return {
    get browser(): Browser {
      if (!browser) throw new Error("the browser starts in beforeAll");
      return browser;
    },
    get server(): TestServer {
      if (!server) throw new Error("the server starts in beforeAll");
      return server;
    },
  };
}

/**
 * Chromium and a server per test for the widget's browser tests: registers the hooks, and undoes
 * what each test made (pages, agents, the server) after it, newest first, even when one fails.
 */
export function widgetHarness(baseEnv: Record<string, string>) {
  let browser: Browser | undefined;
  let server: TestServer | undefined;
  let disposers: (() => unknown)[] = [];

  beforeAll(async () => {
    await ensureBuilt("widget");
    browser = await launchChromium();
  });

  afterEach(async () => {
    const failures: unknown[] = [];
    for (const dispose of disposers.reverse()) {
      try {
        await dispose();
      } catch (error) {
        failures.push(error); // the rest still go: a server left running would keep the run alive
      }
    }
    disposers = [];
    server = undefined;
    if (failures.length > 0) throw failures[0];
  });

  afterAll(async () => {
    await browser?.close();
  });

  return {
    get browser(): Browser {
      if (!browser) throw new Error("the browser starts in beforeAll");
      return browser;
    },
    get server(): TestServer {
      if (!server) throw new Error("startServer() first");
      return server;
    },
    /** Runs `dispose` after the test. */
    track(dispose: () => unknown): void {
      disposers.push(dispose);
    },
    async startServer(env: Record<string, string> = {}): Promise<TestServer> {
      const started = await startTestServer({ env: { ...baseEnv, ...env } });
      disposers.push(async () => {
        await started.stop();
        await started.cleanup();
      });
      server = started;
      return started;
    },
    /** A fresh staff account signed in on its own socket. */
    async signInAgent(extra: { displayName?: string; capacity?: number } = {}): Promise<AgentClient> {
      const account = await createAgent(this.server.app, `agent-${randomUUID().slice(0, 8)}`, extra);
      const agent = await AgentClient.signInAndConnect(this.server.url, account);
      disposers.push(() => agent.close());
      return agent;
    },
  };
}

/** The messages of one role in the widget. */
export const byRole = (widget: Locator, role: "bot" | "citizen" | "agent" | "system") =>
  widget.locator(`[data-testid="message"][data-role="${role}"]`);

/** Types a message and presses Enter; resolves once the server has stored it. */
export async function say(widget: Locator, text: string): Promise<void> {
  const input = widget.getByTestId("input");
  await input.fill(text);
  await input.press("Enter");
  await widget
    .locator('[data-testid="message"][data-role="citizen"][data-state="sent"]', { hasText: text })
    .last()
    .waitFor();
}

/** The testid of the element focused inside the widget's shadow root (an expression: no DOM types here). */
export const focusedTestId = (page: Page) =>
  page.evaluate(
    `document.getElementById("shebao-desk-widget").shadowRoot.activeElement?.dataset.testid ?? null`,
  ) as Promise<string | null>;

/** The conversation token the widget keeps in the page's localStorage; null before the server sent one. */
export const storedToken = (page: Page) =>
  page.evaluate(`localStorage.getItem("shebao-desk:token")`) as Promise<string | null>;

/** Each quick-reply button of a message: its label and whether it can be pressed. */
export async function chips(message: Locator): Promise<{ label: string; enabled: boolean }[]> {
  const buttons = message.getByTestId("quick-reply");
  const out: { label: string; enabled: boolean }[] = [];
  for (let i = 0; i < (await buttons.count()); i++) {
    const button = buttons.nth(i);
    out.push({ label: (await button.textContent()) ?? "", enabled: await button.isEnabled() });
  }
  return out;
}
