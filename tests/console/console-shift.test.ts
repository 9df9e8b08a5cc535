import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClosedChatView, IntentNameView } from "../../src/protocol/agent-events.js";
import { AgentClient, createAgent } from "../testing/agent-client.js";
import { ensureBuilt, launchChromium } from "../testing/browser.js";
import { ChatClient } from "../testing/chat-client.js";
import { startTestServer, type TestServer } from "../testing/server.js";

/**
 * The agent console over a shift, in Debian's chromium against the real server with real sockets:
 * callback numbers on left messages, presence across a reload, honest queue figures, intent
 * names, the "recently closed" list, and every time in the service's zone. The service runs in
 * Asia/Kolkata (UTC+5:30, no daylight saving) while the browser is in America/New_York, so a time
 * shown in the wrong zone cannot pass. The describes run in order on one server: the left
 * messages first, while nobody is online.
 */
const SERVICE_ZONE = "Asia/Kolkata";
const SERVICE_OFFSET_MS = 5.5 * 3_600_000;
const BROWSER_ZONE = "America/New_York";

const pad = (n: number) => String(n).padStart(2, "0");
/** "14:05" in the service's zone, by arithmetic. */
function serviceClock(iso: string): string {
  const d = new Date(Date.parse(iso) + SERVICE_OFFSET_MS);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
/** "05/03 14:05" (month/day, as the console's Chinese dates read) in the service's zone. */
function serviceDateTimeZh(iso: string): string {
  const d = new Date(Date.parse(iso) + SERVICE_OFFSET_MS);
  return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${serviceClock(iso)}`;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** CONSOLE_SCREENSHOTS=<folder> keeps a PNG of the console at a few steps, to look at the layout. */
async function shot(page: Page, name: string) {
  const folder = process.env.CONSOLE_SCREENSHOTS;
  if (folder) await page.screenshot({ path: `${folder}/${name}.png` });
}

describe("agent console over a shift (real browser, real server, real sockets)", () => {
  let server: TestServer;
  let browser: Browser;
  const open: { close(): unknown }[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await ensureBuilt("agent-console");
    server = await startTestServer({
      env: {
        DEMO_STAFF: "false",
        SERVICE_TIMEZONE: SERVICE_ZONE,
        OFFER_TIMEOUT_MS: "120000",
        AGENT_GRACE_MS: "1000",
      },
    });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const c of open.splice(0).reverse()) await c.close();
    await browser?.close();
    await server?.stop();
    server?.cleanup();
  });

  const citizen = async () => {
    const c = await ChatClient.connect(server.url);
    open.push(c);
    return c;
  };

  async function consolePage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      locale: "zh-CN",
      timezoneId: BROWSER_ZONE,
      viewport: { width: 1366, height: 800 },
    });
    open.push(context);
    const page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
    return { context, page };
  }

  /** Connected and agent:hello applied (the presence select shows online or away, not offline). */
  async function connected(page: Page) {
    await page.locator('[data-testid="connection"][data-status="connected"]').waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="presence"]:not(.presence--offline)').waitFor({ timeout: 10_000 });
  }

  async function signIn(page: Page, account: { username: string; password: string }) {
    await page.goto(`${server.url}/console`);
    await page.getByTestId("sign-in-username").fill(account.username);
    await page.getByTestId("sign-in-password").fill(account.password);
    await page.getByTestId("sign-in-submit").click();
    await connected(page);
  }

  async function signOut(page: Page) {
    await page.getByTestId("sign-out").click();
    await page.getByTestId("sign-in-username").waitFor();
  }

  async function toEnglish(page: Page) {
    if ((await page.locator("html").getAttribute("lang")) !== "en")
      await page.getByTestId("locale-toggle").click();
  }
  async function toChinese(page: Page) {
    if ((await page.locator("html").getAttribute("lang")) === "en")
      await page.getByTestId("locale-toggle").click();
  }

  /** A citizen who asks for a person while nobody is online and leaves a message instead. */
  async function leaveMessage(text: string) {
    const c = await citizen();
    const reply = await c.ask("转人工");
    const leave = reply.quickReplies?.find(
      (q) => "command" in q.payload && q.payload.command === "leave_message",
    );
    expect(leave).toBeDefined();
    await c.ask(leave!.label, { quickReply: leave!.payload });
    const receipt = await c.ask(text);
    expect(receipt.text).toContain("留言已收到");
    return c.session.conversationId;
  }

  describe("left messages", () => {
    let context: BrowserContext;
    let page: Page;
    let withNumber: string;

    beforeAll(async () => {
      withNumber = await leaveMessage("养老金这个月没到账，请回电 13912345678，谢谢");
      await leaveMessage("社保卡丢了，怎么补办？");
      const account = await createAgent(server.app, "tickets.agent", { displayName: "Tess" });
      ({ context, page } = await consolePage());
      await signIn(page, account);
    }, 60_000);

    // Closing the page takes the agent offline, whatever the tests did: the next describe starts clean.
    afterAll(() => context?.close());

    const numbered = () => page.locator('[data-testid="ticket"]', { hasText: "养老金这个月没到账" });
    const plain = () => page.locator('[data-testid="ticket"]', { hasText: "社保卡丢了" });

    it("item 20: a message with a callback number offers to show it, fetches it on click and shows it as text; the list stays masked", async () => {
      await numbered().waitFor({ timeout: 10_000 });
      await plain().waitFor();
      const show = numbered().getByTestId("ticket-callback-show");
      expect(await show.textContent()).toBe("显示回电号码");
      expect(await plain().getByTestId("ticket-callback-show").count()).toBe(0);
      await toEnglish(page);
      expect(await show.textContent()).toBe("Show callback number");
      await toChinese(page);
      // Before the click the number is nowhere on the page: the list shows the masked text.
      expect(await numbered().locator(".ticket__text").textContent()).toMatch(/139\*+5678/);
      expect(await page.locator("body").textContent()).not.toContain("13912345678");

      await show.click();
      const number = numbered().getByTestId("ticket-callback-number");
      await number.waitFor({ timeout: 10_000 });
      expect(await number.textContent()).toBe("13912345678");
      expect(await numbered().getByTestId("ticket-callback").textContent()).toBe("回电号码: 13912345678");
      // Text (not a field, not markup), selectable, and the message itself still masked.
      expect(await number.evaluate((el) => [el.tagName, el.children.length])).toEqual(["SPAN", 0]);
      expect(
        await number.evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).userSelect),
      ).not.toBe("none");
      expect(await numbered().locator(".ticket__text").textContent()).not.toContain("13912345678");
      expect(await plain().getByTestId("ticket-callback-number").count()).toBe(0);
      await shot(page, "tickets-zh");
      await toEnglish(page);
      await shot(page, "tickets-en");
      await toChinese(page);
      expect(pageErrors).toEqual([]);
    });

    it("time zone: a message's time is shown in the service's zone, not the browser's", async () => {
      const ticket = (await server.app.desk.tickets.list()).find((t) => t.conversationId === withNumber)!;
      const time = numbered().locator("time");
      expect(await time.getAttribute("datetime")).toBe(ticket.createdAt);
      expect(await time.textContent()).toBe(serviceDateTimeZh(ticket.createdAt));
      expect(await time.getAttribute("title")).toContain(SERVICE_ZONE);
    });
  });

  describe("presence", () => {
    let context: BrowserContext | undefined;
    afterAll(() => context?.close());

    it("item 22: the presence the agent chose survives a reload (sent in the handshake); a new sign-in starts online", async () => {
      const account = await createAgent(server.app, "presence.agent", { displayName: "Pat" });
      const opened = await consolePage();
      context = opened.context;
      const page = opened.page;
      await signIn(page, account);
      const presence = page.getByTestId("presence");
      expect(await presence.inputValue()).toBe("online");

      await presence.selectOption("away");
      await page.locator('[data-testid="presence"].presence--away').waitFor();
      await expect.poll(() => server.app.desk.presence.presenceOf(account.id)).toBe("away");

      await page.reload();
      await connected(page);
      expect(await presence.inputValue()).toBe("away");
      // The reload's new socket and the old one's goodbye may reach the server in either order.
      await expect.poll(() => server.app.desk.presence.presenceOf(account.id)).toBe("away");

      // Online again, reloading at once (before the server has even answered): still online.
      await presence.selectOption("online");
      await page.locator('[data-testid="presence"].presence--online').waitFor();
      await page.reload();
      await connected(page);
      expect(await presence.inputValue()).toBe("online");

      // Away again, then signing out: the next sign-in (a new shift) starts online.
      await presence.selectOption("away");
      await page.locator('[data-testid="presence"].presence--away').waitFor();
      await signOut(page);
      await signIn(page, account);
      expect(await presence.inputValue()).toBe("online");
      await signOut(page);
      expect(pageErrors).toEqual([]);
    });
  });

  describe("a chat through the queue to the recently closed list", () => {
    let page: Page;
    let ann: { username: string; password: string; id: string };
    let chatId: string;
    let first: ChatClient;
    let intents: IntentNameView[];
    const calculation = () => intents.find((i) => i.id === "pension.benefit.calculation")!;
    const panel = () => page.locator(`[data-testid="chat-panel"][data-chat-id="${chatId}"]`);
    const timeOf = (p: Page, id: string) =>
      p.locator(`[data-testid="queue-item"][data-chat-id="${id}"] [data-testid="queue-time"]`);

    beforeAll(async () => {
      ann = await createAgent(server.app, "queue.ann", { displayName: "安", capacity: 1 });
      const bo = await createAgent(server.app, "queue.bo", { displayName: "Bo", capacity: 1 });
      ({ page } = await consolePage());
      await signIn(page, ann);

      // Citizen 1 asks how the pension is calculated, then for a person: offered to Ann, who
      // takes the chat a few seconds later.
      first = await citizen();
      await first.ask("养老金怎么计算");
      await first.ask("转人工");
      const offer = page.getByTestId("offer");
      await offer.waitFor({ timeout: 10_000 });
      chatId = (await offer.getAttribute("data-chat-id"))!;
      await sleep(2_500);
      await page.getByTestId("offer-accept").click();
      await panel().waitFor();

      // Bo comes online (another console) and is offered citizen 2; Ann and Bo are full, so
      // citizen 3 waits.
      const boClient = await AgentClient.signInAndConnect(server.url, bo);
      open.push(boClient);
      intents = boClient.hello.intents;
      await (await citizen()).ask("转人工");
      await boClient.until(() => boClient.received["agent:offer"].length > 0, 8_000);
      await (await citizen()).ask("转人工");
    }, 60_000);

    it("item 18: the queue says how many wait, are offered and are in progress, separately", async () => {
      await page
        .locator('[data-testid="queue-counts"][data-waiting="1"][data-offered="1"][data-active="1"]')
        .waitFor({ timeout: 10_000 });
      const counts = page.getByTestId("queue-counts");
      expect(await counts.textContent()).toBe("排队 1 · 待接入 1 · 进行中 1");
      expect(await page.locator('[data-testid="queue-item"]').count()).toBe(3);
      await toEnglish(page);
      expect(await counts.textContent()).toBe("1 waiting · 1 offered · 1 in progress");
      await toChinese(page);
    });

    it("item 18: an accepted chat is timed from the accept and worded as a chat, not a wait", async () => {
      const handoff = (await server.app.storage.handoffs.get(chatId))!;
      const acceptedAt = handoff.acceptedAt!;
      expect(Date.parse(acceptedAt) - Date.parse(handoff.arrivedAt)).toBeGreaterThan(2_000);
      const active = timeOf(page, chatId);
      expect(await active.getAttribute("data-kind")).toBe("in_chat");
      expect(await active.getAttribute("data-since")).toBe(acceptedAt);
      expect(await active.textContent()).toBe("通话中 不到 1 分钟");
      const waiting = page.locator(
        '[data-testid="queue-item"]:not([data-status="active"]) [data-testid="queue-time"]',
      );
      expect(await waiting.count()).toBe(2);
      for (const text of await waiting.allTextContents()) expect(text).toMatch(/^已等待 0:\d\d$/);
      await toEnglish(page);
      expect(await active.textContent()).toBe("in chat under 1 min");
      await toChinese(page);

      // In a second tab whose clock the test controls: 59 s after the accept (over a minute after
      // the citizen asked) the chat is under a minute old; four and a half minutes on, 4 minutes,
      // while the others have waited over four.
      const { context, page: tab } = await consolePage();
      await context.clock.install();
      await signIn(tab, ann);
      const time = timeOf(tab, chatId);
      await time.waitFor();
      await tab.clock.setFixedTime(Date.parse(acceptedAt) + 59_000);
      await expect.poll(() => time.textContent()).toBe("通话中 不到 1 分钟");
      await tab.clock.setFixedTime(Date.parse(acceptedAt) + 4 * 60_000 + 30_000);
      await expect.poll(() => time.textContent()).toBe("通话中 4 分钟");
      const waitingThere = tab.locator(
        '[data-testid="queue-item"]:not([data-status="active"]) [data-testid="queue-time"]',
      );
      for (const text of await waitingThere.allTextContents()) expect(text).toMatch(/^已等待 4:\d\d$/);
      await context.close();
    });

    it("item 19: the context panel names the chat's intent in the console's language", async () => {
      const intent = panel().getByTestId("context-intent");
      expect(await intent.getAttribute("data-intent")).toBe("pension.benefit.calculation");
      expect(await intent.textContent()).toBe(calculation().zh);
      await toEnglish(page);
      expect(await intent.textContent()).toBe(calculation().en);
      await shot(page, "chat-en");
      await toChinese(page);
    });

    it("time zone: the transcript's times are in the service's zone", async () => {
      const time = panel().locator('[data-testid="message"][data-role="citizen"] time').first();
      const createdAt = (await time.getAttribute("datetime"))!;
      expect(await time.textContent()).toBe(serviceClock(createdAt));
    });

    it("item 23: a closed chat goes to the recently closed list (visitor, intent, wrap-up, duration, time), kept across a reload", async () => {
      // Another tab of Ann's hears the close too, with the line the list shows.
      const annTab = await AgentClient.signInAndConnect(server.url, ann);
      open.push(annTab);
      expect(annTab.hello.recentlyClosed).toEqual([]);
      expect(await page.getByTestId("closed-chat").count()).toBe(0);

      await panel().getByTestId("close-chat").click();
      await page.getByTestId("wrap-up-select").selectOption("referred_office");
      await page.getByTestId("close-confirm").click();
      await panel().waitFor({ state: "detached" });
      await annTab.until(() => annTab.received["agent:chat-ended"].some((e) => e.chatId === chatId));
      const summary = annTab.received["agent:chat-ended"].find((e) => e.chatId === chatId)!
        .summary as ClosedChatView;
      expect(summary.citizenCode).toMatch(/^[0-9A-F]{4}$/);

      const line = page.locator(`[data-testid="closed-chat"][data-chat-id="${chatId}"]`);
      const check = async (lang: "zh" | "en") => {
        await line.waitFor({ timeout: 10_000 });
        const text = (id: string) => line.getByTestId(id).textContent();
        expect(await text("closed-visitor")).toBe(
          lang === "zh" ? `访客 ${summary.citizenCode}` : `Visitor ${summary.citizenCode}`,
        );
        expect(await text("closed-intent")).toBe(calculation()[lang]);
        expect(await text("closed-wrap-up")).toBe(
          lang === "zh" ? "已引导至经办机构" : "Referred to the local office",
        );
        expect(await text("closed-duration")).toBe(lang === "zh" ? "时长 不到 1 分钟" : "lasted under 1 min");
        const clock = serviceClock(summary.closedAt);
        expect(await text("closed-time")).toBe(lang === "zh" ? `${clock} 结束` : `closed ${clock}`);
        expect(await page.getByTestId("recently-closed-count").textContent()).toBe("1");
      };
      await check("zh");
      await shot(page, "closed-zh");

      // After a reload the list comes back from agent:hello.
      await page.reload();
      await connected(page);
      await check("zh");
      await toEnglish(page);
      await check("en");
      await shot(page, "closed-en");
      await toChinese(page);
      expect(pageErrors).toEqual([]);
    });
  });
});
