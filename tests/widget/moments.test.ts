
import type { BrowserContext, Locator, Page, WebSocketRoute } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { HandoffStatusView, MessageView } from "../../src/protocol/events.js";
import {
  byRole,
  chips,
  focusedTestId,
  openWidgetPage,
  say,
  storedToken,
  widgetHarness,
} from "../testing/widget-harness.js";

/**
 * Text and buttons that belong to a moment (item 9), the privacy line that follows what a guided
 * application asks (item 11), and times in the service's zone, in chromium against the real
 * server. What the server is still being changed to send (`asking`, `waitingForAgents`) is fed
 * to the widget on its own socket: the test sits between the page and the server (playwright's
 * routeWebSocket) and adds frames as the server would send them.
 */

const ENV = { DEMO_STAFF: "false", OFFER_TIMEOUT_MS: "60000", AGENT_GRACE_MS: "300" };
const SOON = { timeout: 10_000 };

/**
 * Service hours that are closed now, whatever the hour: half an hour a day, starting six hours
 * from now in Shanghai. `opens` is that time there (HH:00).
 */
function closedNow(): { env: Record<string, string>; opens: string } {
  const hour = Number(
    new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Shanghai", hour: "2-digit", hourCycle: "h23" }).format(
      new Date(),
    ),
  );
  const hh = String((hour + 6) % 24).padStart(2, "0");
  return {
    env: { SERVICE_HOURS: `sun-sat ${hh}:00-${hh}:30`, SERVICE_TIMEZONE: "Asia/Shanghai" },
    opens: `${hh}:00`,
  };
}

describe("widget: stale buttons, status strip, privacy line and times", () => {
  const h = widgetHarness(ENV);
  const startServer = (env: Record<string, string> = {}) => h.startServer(env);
  const signInAgent = () => h.signInAgent({ displayName: "王芳" });

  interface Citizen {
    context: BrowserContext;
    page: Page;
    widget: Locator;
    strip: Locator;
    cancel: Locator;
    privacy: Locator;
    errors: string[];
    /** Sends a socket.io event to the page as if the server had; set with `{ tap: true }`. */
    push?: (event: "chat:reply" | "chat:handoff", payload: MessageView | HandoffStatusView) => void;
  }

  async function openWidget(
    options: { timezoneId?: string; tap?: boolean; viewport?: { width: number; height: number } } = {},
  ): Promise<Citizen> {
    const context = await h.browser.newContext({
      locale: "zh-CN",
      ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
      ...(options.viewport ? { viewport: options.viewport } : {}),
    });
    h.track(() => context.close());
    context.setDefaultTimeout(SOON.timeout);
    let route: WebSocketRoute | undefined;
    let upgraded = false;
    if (options.tap) {
      // Passes every frame through, and keeps the page's end to add frames of our own.
      await context.routeWebSocket(/\/socket\.io\//, (ws) => {
        const toServer = ws.connectToServer();
        ws.onMessage((message) => {
          if (message === "5") {
            route = ws; // engine.io's upgrade (after long-polling): from here on the page listens on this WebSocket
            upgraded = true;
          }
          toServer.send(message);
        });
        toServer.onMessage((message) => {
          ws.send(message);
          if (typeof message === "string" && message.startsWith("40")) {
            route = ws; // socket.io's connect, on a WebSocket from the start: the page listens here
            upgraded = true;
          }
        });
      });
    }
    const { page, widget, errors } = await openWidgetPage(context, h.server.url);
    await expect.poll(() => storedToken(page), SOON).toBeTruthy();
    const citizen: Citizen = {
      context,
      page,
      widget,
      strip: widget.getByTestId("handoff-status"),
      cancel: widget.getByTestId("handoff-cancel"),
      privacy: widget.getByTestId("privacy"),
      errors,
    };
    if (options.tap) {
      await expect.poll(() => upgraded, SOON).toBe(true);
      citizen.push = (event, payload) => route!.send(`42${JSON.stringify([event, payload])}`);
    }
    return citizen;
  }

  it("enables quick replies only on the newest message, until the citizen says something after it", async () => {
    await startServer();
    const { page, widget, errors } = await openWidget();
    const withChips = widget.locator(
      '[data-testid="message"][data-role="bot"]:has([data-testid="quick-reply"])',
    );

    await say(widget, "社保卡");
    await withChips.first().waitFor();
    const first = withChips.first();
    const menu = await chips(first);
    expect(menu.length).toBeGreaterThan(1);
    expect(menu.every((c) => c.enabled)).toBe(true);

    // Typing something else: the first menu's moment has passed; the new answer's buttons are live.
    await say(widget, "养老金");
    await expect.poll(() => withChips.count(), SOON).toBe(2);
    const second = withChips.nth(1);
    expect((await chips(first)).every((c) => !c.enabled)).toBe(true);
    expect((await chips(first)).map((c) => c.label)).toEqual(menu.map((c) => c.label)); // still shown
    expect((await chips(second)).every((c) => c.enabled)).toBe(true);

    // Pressing a disabled button does nothing.
    const citizens = byRole(widget, "citizen");
    const said = await citizens.count();
    await first.getByTestId("quick-reply").first().click({ force: true });
    await page.waitForTimeout(500);
    expect(await citizens.count()).toBe(said);

    // Pressing a live one from the keyboard sends it, disables the buttons, and leaves the keyboard in the input.
    const live = second.getByTestId("quick-reply").first();
    const label = (await live.textContent()) ?? "";
    await live.focus();
    await page.keyboard.press("Enter");
    await citizens.nth(said).waitFor();
    expect(await citizens.nth(said).getByTestId("message-text").textContent()).toBe(label);
    expect((await chips(second)).every((c) => !c.enabled)).toBe(true);
    expect(await focusedTestId(page)).toBe("input");
    await byRole(widget, "bot").nth(2).waitFor();
    expect(errors).toEqual([]);
  });

  it("takes the 'unavailable' strip away once an agent writes, and 'Leave a message' only while nobody can answer", async () => {
    const { app } = await startServer(closedNow().env);
    const { widget, strip, cancel, errors } = await openWidget();

    await say(widget, "转人工");
    const nobody = byRole(widget, "bot").filter({ hasText: "现在不是人工客服服务时间" });
    await nobody.waitFor();
    await expect.poll(() => strip.getAttribute("data-state"), SOON).toBe("unavailable");
    expect(await strip.textContent()).toMatch(/^人工客服将于 .+ 恢复服务$/);
    expect(await chips(nobody)).toEqual([{ label: "留言", enabled: true }]);

    // Pressed: the prompt for the message follows, and the button's moment has passed.
    await nobody.getByTestId("quick-reply").click();
    await byRole(widget, "bot").filter({ hasText: "请输入您的留言" }).waitFor();
    expect(await chips(nobody)).toEqual([{ label: "留言", enabled: false }]);
    await say(widget, "我的养老金这个月没到账，请回复我");
    await expect.poll(async () => (await app.storage.tickets.list("open", 10)).length, SOON).toBe(1);
    // Still true: nobody can answer yet.
    expect(await strip.getAttribute("data-state")).toBe("unavailable");

    // An agent comes online and answers the message into the conversation: the strip is outlived.
    const agent = await signInAgent();
    const tickets = await agent.call("agent:tickets", {});
    if (!tickets.ok) throw new Error(tickets.error.code);
    const replied = await agent.call("agent:ticket-reply", {
      ticketId: tickets.tickets[0]!.id,
      text: "您好，已为您查询，本月养老金明天到账。",
    });
    expect(replied.ok).toBe(true);
    await byRole(widget, "agent").filter({ hasText: "本月养老金明天到账" }).waitFor();
    await expect.poll(() => strip.getAttribute("data-state"), SOON).toBe("none");
    expect(await strip.textContent()).toBe("");
    expect(await cancel.isVisible()).toBe(false);
    expect(errors).toEqual([]);
  });

  it("disables the queue's Cancel once an agent has the chat", async () => {
    await startServer();
    const agent = await signInAgent();
    const { widget, strip, cancel, errors } = await openWidget();

    await say(widget, "转人工");
    const queued = byRole(widget, "bot").filter({ hasText: "正在为您转接人工客服" });
    await queued.waitFor();
    await expect.poll(() => strip.getAttribute("data-state"), SOON).toMatch(/^(queued|offered)$/);
    await expect.poll(() => chips(queued), SOON).toEqual([{ label: "取消转人工", enabled: true }]);

    await agent.until(() => agent.received["agent:offer"].length > 0);
    const accepted = await agent.call("agent:accept", { chatId: agent.received["agent:offer"][0]!.chatId });
    expect(accepted.ok).toBe(true);
    await expect.poll(() => strip.getAttribute("data-state"), SOON).toBe("connected");
    expect(await chips(queued)).toEqual([{ label: "取消转人工", enabled: false }]);
    expect(await cancel.isVisible()).toBe(false);
    expect(errors).toEqual([]);
  });

  it("shows when agents are back in the service's time zone, not the reader's", async () => {
    const { env, opens } = closedNow();
    await startServer(env);
    const { page, widget, strip, errors } = await openWidget({ timezoneId: "America/New_York" });
    expect(await page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone")).toBe("America/New_York");

    await say(widget, "转人工");
    await expect.poll(() => strip.getAttribute("data-state"), SOON).toBe("unavailable");
    const text = (await strip.textContent()) ?? "";
    // Shanghai's wall clock, named, for a reader in New York (where it is 12 or 13 hours earlier).
    expect(text).toMatch(new RegExp(`^人工客服将于 (\\d+月\\d+日周. ?)?中国标准时间 ${opens} 恢复服务$`));
    expect(errors).toEqual([]);
  });

  it("says what a guided application's question needs under the input, and shows 'waiting for agents' (fed payloads)", async () => {
    await startServer();
    const citizen = await openWidget({ tap: true });
    const { widget, strip, cancel, privacy, errors } = citizen;
    const push = citizen.push!;
    const general = "为保护您的隐私，请不要发送密码或银行卡号。";
    expect(await privacy.textContent()).toBe(general);
    expect(await privacy.getAttribute("data-kind")).toBe("general");

    let seq = 1000;
    const bot = (text: string, extra: Partial<MessageView> = {}): MessageView => ({
      id: `fed-${++seq}`,
      seq,
      role: "bot",
      text,
      createdAt: new Date().toISOString(),
      ...extra,
    });

    push("chat:reply", bot("请输入用于发放失业保险金的银行卡号。", { asking: "bank_card" }));
    await byRole(widget, "bot").filter({ hasText: "银行卡号" }).waitFor();
    expect(await privacy.textContent()).toBe(
      "这一步需要填写您的银行卡号。卡号只用于本次申请，加密保存，工作人员只能看到部分号码。请不要发送银行卡密码或任何其他密码。",
    );
    expect(await privacy.getAttribute("data-kind")).toBe("asking");
    await widget.getByTestId("locale-switch").click();
    await expect
      .poll(() => privacy.textContent())
      .toBe(
        "This step needs your bank card number. It is used only for this application, stored encrypted, and staff see only part of it. Never send your card's PIN or any password.",
      );
    await widget.getByTestId("locale-switch").click();

    push("chat:reply", bot("请输入您的手机号码。", { asking: "mobile" }));
    await expect
      .poll(() => privacy.textContent())
      .toBe("这一步需要填写您的手机号码。号码只用于本次申请，加密保存，工作人员只能看到部分号码。");
    push("chat:reply", bot("请输入您的身份证号码。", { asking: "id_number" }));
    await expect
      .poll(() => privacy.textContent())
      .toBe("这一步需要填写您的身份证号码。号码只用于本次申请，加密保存，工作人员只能看到部分号码。");
    push("chat:reply", bot("请问您的姓名？", { asking: "person_name" }));
    await expect.poll(() => privacy.textContent()).toBe("这一步需要填写您的姓名。姓名只用于本次申请，加密保存，工作人员只能看到您的姓。");
    push("chat:reply", bot("请选择离职日期。", { asking: "date" }));
    await expect.poll(() => privacy.textContent()).toBe(general);
    expect(await privacy.getAttribute("data-kind")).toBe("general");

    // In line while nobody is online: its own words, with Cancel; Leave a message is live too.
    push("chat:handoff", { handoffId: "h-fed", state: "queued", waitingForAgents: true });
    await expect
      .poll(() => strip.textContent())
      .toBe("客服暂时不在线，您已在排队，客服上线后将第一时间为您接入");
    expect(await cancel.isVisible()).toBe(true);
    await widget.getByTestId("locale-switch").click();
    await expect
      .poll(() => strip.textContent())
      .toBe("No agent is online yet; you are in line and the first agent to come online will take your chat");
    await widget.getByTestId("locale-switch").click();

    const buttons = bot("您已在排队。", {
      quickReplies: [
        { label: "留言", payload: { action: "handoff", command: "leave_message" } },
        { label: "取消转人工", payload: { action: "handoff", command: "cancel" } },
      ],
    });
    push("chat:reply", buttons);
    const inLine = byRole(widget, "bot").filter({ hasText: "您已在排队。" });
    await inLine.waitFor();
    expect(await chips(inLine)).toEqual([
      { label: "留言", enabled: true },
      { label: "取消转人工", enabled: true },
    ]);

    // An agent came online and was offered the chat: leaving a message no longer fits; cancelling does.
    push("chat:handoff", { handoffId: "h-fed", state: "offered", position: 1, etaSec: 20 });
    await expect.poll(() => strip.textContent()).toBe("正在为您转接人工客服，您是下一位，预计等待不到1分钟");
    expect(await chips(inLine)).toEqual([
      { label: "留言", enabled: false },
      { label: "取消转人工", enabled: true },
    ]);
    push("chat:handoff", { handoffId: "h-fed", state: "connected", agentName: "王芳" });
    await expect.poll(() => strip.textContent()).toBe("客服王芳已接入");
    expect(await chips(inLine)).toEqual([
      { label: "留言", enabled: false },
      { label: "取消转人工", enabled: false },
    ]);
    expect(await cancel.isVisible()).toBe(false);
    // Pressing the disabled Cancel sends nothing.
    const said = await byRole(widget, "citizen").count();
    await inLine.getByTestId("quick-reply").nth(1).click({ force: true });
    await citizen.page.waitForTimeout(500);
    expect(await byRole(widget, "citizen").count()).toBe(said);
    expect(errors).toEqual([]);
  });
});
