import { randomUUID } from "node:crypto";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { AgentClient } from "../testing/agent-client.js";
import { ChatClient } from "../testing/chat-client.js";
import { byRole, openWidgetPage, say, storedToken, widgetHarness } from "../testing/widget-harness.js";

/**
 * The widget's side of the live handoff in chromium against the real server: the citizen asks for
 * a person in the widget, real agents answer on the /agent namespace (as the console does), and
 * other citizens are real socket.io clients. Each test has its own server, so the desk's wait
 * estimates (mean handle time of closed chats) and who is online never depend on another test.
 */

/** Offers never lapse within a test; an agent who leaves releases their chats quickly. */
const ENV = { DEMO_STAFF: "false", OFFER_TIMEOUT_MS: "60000", AGENT_GRACE_MS: "300" };
/** For waits on the server and the page (vitest's expect.poll gives up after 1 s by default). */
const SOON = { timeout: 10_000 };

describe("widget: live handoff against the real server", () => {
  const h = widgetHarness(ENV);
  const startServer = (env: Record<string, string> = {}) => h.startServer(env);
  const signInAgent = (extra: { displayName?: string; capacity?: number } = {}) => h.signInAgent(extra);

  /** Another citizen, as a plain socket.io client, to stand in the queue. */
  async function otherCitizen(): Promise<ChatClient> {
    const citizen = await ChatClient.connect(h.server.url);
    h.track(() => citizen.close());
    return citizen;
  }

  interface Citizen {
    context: BrowserContext;
    page: Page;
    widget: Locator;
    strip: Locator;
    cancel: Locator;
    errors: string[];
  }

  /** A citizen's browser with the widget open; `token` resumes an existing conversation. */
  async function openWidget(token?: string): Promise<Citizen> {
    const context = await h.browser.newContext({ locale: "zh-CN" });
    h.track(() => context.close());
    context.setDefaultTimeout(SOON.timeout);
    if (token) {
      await context.addInitScript(`localStorage.setItem("shebao-desk:token", ${JSON.stringify(token)})`);
    }
    const { page, widget, errors } = await openWidgetPage(context, h.server.url);
    const citizen = {
      context,
      page,
      widget,
      strip: widget.getByTestId("handoff-status"),
      cancel: widget.getByTestId("handoff-cancel"),
      errors,
    };
    // A new conversation is open once the server's chat:session brought its token.
    await expect.poll(() => storedToken(page), SOON).toBeTruthy();
    return citizen;
  }

  /** The whole minutes of a wait estimate in the strip's text. */
  const minutesIn = (text: string | null): number => Number(/(\d+) (?:分钟|min)/.exec(text ?? "")?.[1]);

  /** The conversation a page's widget holds: the `cid` claim of its token (`<payload>.<signature>`). */
  async function conversationId(page: Page): Promise<string> {
    const token = (await storedToken(page)) ?? "";
    return (JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString("utf8")) as { cid: string })
      .cid;
  }

  /** Switches the widget's language and waits until the server has stored it for the conversation. */
  async function switchLocale(citizen: Citizen, to: "zh" | "en"): Promise<void> {
    const toggle = citizen.widget.getByTestId("locale-switch");
    await toggle.click();
    expect(await toggle.textContent()).toBe(to === "en" ? "中文" : "EN");
    // What the desk says next, and what a reload shows, is in the conversation's stored language.
    const id = await conversationId(citizen.page);
    await expect.poll(async () => (await h.server.app.storage.conversations.get(id))?.locale, SOON).toBe(to);
  }

  /** The agent (the only one online) accepts the citizen's request for a person: returns the chat id. */
  async function accept(citizen: Citizen, agent: AgentClient): Promise<string> {
    await agent.until(() => agent.received["agent:offer"].length > 0);
    const chatId = agent.received["agent:offer"][0]!.chatId;
    const accepted = await agent.call("agent:accept", { chatId });
    if (!accepted.ok) throw new Error(`accept refused: ${accepted.error.code}`);
    await expect.poll(() => citizen.strip.getAttribute("data-state"), SOON).toBe("connected");
    return chatId;
  }

  it("says when nobody is online, shows the place in line in both languages, survives a reload, and cancels", async () => {
    const { app } = await startServer();
    const citizen = await openWidget();
    const { widget, strip, cancel } = citizen;
    expect(await strip.getAttribute("aria-live")).toBe("polite");
    expect(await strip.getAttribute("data-state")).toBe("none");
    expect(await cancel.isVisible()).toBe(false);

    // Nobody signed in (within service hours): in line for the first agent to come online, with
    // no place or estimate to give; a message can be left instead, or the line left.
    await say(widget, "转人工");
    const nobody = byRole(widget, "bot").filter({ hasText: "现在暂时没有客服在线" });
    await nobody.waitFor();
    expect(await nobody.getByTestId("quick-reply").allTextContents()).toEqual(["留言", "取消转人工"]);
    await expect
      .poll(() => strip.textContent(), SOON)
      .toBe("客服暂时不在线，您已在排队，客服上线后将第一时间为您接入");
    expect(await strip.getAttribute("data-state")).toBe("queued");
    expect(await cancel.isVisible()).toBe(true);
    await cancel.click();
    await expect.poll(() => strip.getAttribute("data-state"), SOON).toBe("none");
    expect(await cancel.isVisible()).toBe(false);
    const leftLine = byRole(widget, "bot").filter({ hasText: "已取消转人工" });
    await leftLine.waitFor();
    // The citizen spoke after them: the buttons' moment has passed.
    for (const button of await nobody.getByTestId("quick-reply").all())
      expect(await button.isDisabled()).toBe(true);

    // One agent with room for one chat, holding an offer for another citizen; a third waits.
    const agent = await signInAgent({ capacity: 1 });
    const first = await otherCitizen();
    await first.ask("转人工");
    await agent.until(() => agent.received["agent:offer"].length === 1);
    const second = await otherCitizen();
    await second.ask("转人工");
    await second.until(() => second.handoff.at(-1)?.state === "queued");
    expect(second.handoff.at(-1)?.position).toBe(1);

    await say(widget, "转人工");
    const queued = byRole(widget, "bot").filter({ hasText: "正在为您转接人工客服" });
    await queued.waitFor();
    expect(await queued.getByTestId("quick-reply").allTextContents()).toEqual(["取消转人工"]);
    // Position 2 and nobody free. How long that is, is the desk's estimate (tests/handoff/estimate.test.ts):
    // here, that it is shown, in whole minutes, in both languages.
    await expect
      .poll(() => strip.textContent(), SOON)
      .toMatch(/^正在为您转接人工客服，前面还有 1 位，预计等待约 \d+ 分钟$/);
    const secondInLine = minutesIn(await strip.textContent());
    expect(await strip.getAttribute("data-state")).toBe("queued");
    expect(await cancel.isVisible()).toBe(true);
    expect(await cancel.getAttribute("aria-label")).toBe("取消转人工");

    await switchLocale(citizen, "en");
    expect(await strip.textContent()).toBe(`Connecting you to an agent: 1 ahead, about ${secondInLine} min`);
    expect(await cancel.textContent()).toBe("Cancel");

    // The citizen ahead leaves: the widget moves up without doing anything.
    await second.ask("取消");
    await expect
      .poll(() => strip.textContent(), SOON)
      .toMatch(/^Connecting you to an agent: you are next, about \d+ min$/);
    const next = minutesIn(await strip.textContent());
    await switchLocale(citizen, "zh");
    expect(await strip.textContent()).toBe(`正在为您转接人工客服，您是下一位，预计等待约 ${next} 分钟`);

    // A reload while waiting: the server re-sends where the request stands.
    await citizen.page.reload();
    if ((await widget.getByTestId("launcher").getAttribute("aria-expanded")) !== "true") {
      await widget.getByTestId("launcher").click();
    }
    await expect
      .poll(() => strip.textContent(), SOON)
      .toBe(`正在为您转接人工客服，您是下一位，预计等待约 ${next} 分钟`);
    expect(await strip.getAttribute("data-state")).toBe("queued");
    expect(await cancel.isVisible()).toBe(true);

    // The offered chat is withdrawn: the agent is offered this citizen's chat next.
    await first.ask("取消");
    await agent.until(() => agent.received["agent:offer"].length === 2);
    const mine = agent.received["agent:offer"][1]!.chatId;
    await expect.poll(() => strip.getAttribute("data-state"), SOON).toBe("offered");
    // The offer already holds the agent's slot: only the answer is left to wait for.
    expect(await strip.textContent()).toBe("正在为您转接人工客服，您是下一位，预计等待不到1分钟");

    await cancel.click();
    await agent.until(() => agent.received["agent:offer-withdrawn"].some((w) => w.chatId === mine));
    expect(agent.received["agent:offer-withdrawn"].find((w) => w.chatId === mine)?.reason).toBe("cancelled");
    await expect.poll(() => strip.getAttribute("data-state"), SOON).toBe("none");
    expect(await strip.textContent()).toBe("");
    expect(await cancel.isVisible()).toBe(false);
    expect(await byRole(widget, "citizen").last().getByTestId("message-text").textContent()).toBe(
      "取消转人工",
    );
    await leftLine.nth(1).waitFor(); // the second time in this test
    expect(await app.storage.handoffs.get(mine)).toMatchObject({ status: "cancelled" });
    expect(citizen.errors).toEqual([]);
  });

  it("shows who joined, the agent's messages and typing apart from the bot's, and system messages", async () => {
    await startServer();
    const agent = await signInAgent({ displayName: "王芳" });
    const citizen = await openWidget();
    const { page, widget, strip, cancel } = citizen;

    await say(widget, "转人工");
    // An agent is free: offered at once, so the citizen is next with less than a minute to wait.
    await expect
      .poll(() => strip.textContent(), SOON)
      .toBe("正在为您转接人工客服，您是下一位，预计等待不到1分钟");
    await switchLocale(citizen, "en");
    expect(await strip.textContent()).toBe("Connecting you to an agent: you are next, less than 1 min");
    await switchLocale(citizen, "zh");

    const chatId = await accept(citizen, agent);
    const joined = byRole(widget, "system").filter({ hasText: "客服王芳已接入" });
    await joined.waitFor();
    expect(await strip.textContent()).toBe("客服王芳已接入");
    expect(await cancel.isVisible()).toBe(false);
    // An expression: the root tsconfig has no DOM types for test files.
    const align = await page.evaluate(
      `getComputedStyle(document.getElementById("shebao-desk-widget").shadowRoot.querySelector('[data-role="system"]')).alignItems`,
    );
    expect(align).toBe("center");
    await switchLocale(citizen, "en");
    expect(await strip.textContent()).toBe("王芳 has joined");
    await switchLocale(citizen, "zh");

    const agentTyping = widget.getByTestId("agent-typing");
    expect(await agentTyping.isVisible()).toBe(false);
    await agent.call("agent:typing", { chatId, typing: true });
    await agentTyping.waitFor();
    expect(await agentTyping.textContent()).toBe("客服正在输入…");
    expect(await widget.getByTestId("typing").isVisible()).toBe(false);

    const sent = await agent.call("agent:message", {
      chatId,
      clientId: randomUUID(),
      text: "<b>您好</b>，我是王芳",
    });
    expect(sent.ok).toBe(true);
    const fromAgent = byRole(widget, "agent");
    await fromAgent.waitFor();
    expect(await fromAgent.getByTestId("agent-name").textContent()).toBe("王芳");
    expect(await fromAgent.getByTestId("message-text").textContent()).toBe("<b>您好</b>，我是王芳");
    expect(await fromAgent.locator("b").count()).toBe(0);
    await agentTyping.waitFor({ state: "hidden" });

    await agent.call("agent:typing", { chatId, typing: true });
    await agentTyping.waitFor();
    await agent.call("agent:typing", { chatId, typing: false });
    await agentTyping.waitFor({ state: "hidden" });

    // The citizen's words reach the agent, and the bot stays out of it.
    await say(widget, "我的养老金没到账");
    await agent.until(() =>
      agent.received["agent:chat-message"].some((m) => m.message.text === "我的养老金没到账"),
    );
    const closed = await agent.call("agent:close", { chatId, wrapUp: "resolved" });
    expect(closed.ok).toBe(true);
    await byRole(widget, "system").filter({ hasText: "本次人工服务已结束" }).waitFor();
    await expect.poll(() => strip.getAttribute("data-state"), SOON).toBe("none");
    // Everything after the citizen asked for a person came from the desk or the agent, not the bot.
    const bots = await byRole(widget, "bot").getByTestId("message-text").allTextContents();
    expect(bots.at(-1)).toContain("正在为您转接人工客服");
    expect(citizen.errors).toEqual([]);
  });

  it("tells the agent the citizen is typing: once per burst, withdrawn after 3 s idle or on send", async () => {
    await startServer();
    const agent = await signInAgent({ displayName: "王芳" });
    const typed: { typing: boolean; at: number }[] = [];
    agent.socket.on("agent:citizen-typing", ({ typing }) => typed.push({ typing, at: Date.now() }));
    const citizen = await openWidget();
    const { widget } = citizen;
    await say(widget, "转人工");
    const chatId = await accept(citizen, agent);
    const input = widget.getByTestId("input");

    // Half a second of typing: one "typing" (the widget repeats it at most every 2 s)...
    await input.pressSequentially("我的养老金", { delay: 100 });
    await expect.poll(() => typed.length, SOON).toBeGreaterThan(0);
    expect(typed.map((t) => t.typing)).toEqual([true]);
    // ...withdrawn 3 s after the last key.
    await expect.poll(() => typed.length, { timeout: 6_000 }).toBe(2);
    expect(typed[1]!.typing).toBe(false);
    expect(typed[1]!.at - typed[0]!.at).toBeGreaterThanOrEqual(3_000);
    expect(agent.received["agent:citizen-typing"].every((t) => t.chatId === chatId)).toBe(true);

    // Typing again at once: a "stopped" notice does not hold back the next "typing" one.
    await input.pressSequentially("没到账");
    await expect.poll(() => typed.length, SOON).toBe(3);
    expect(typed[2]!.typing).toBe(true);
    // Sending withdraws it at once, not 3 s later.
    await input.press("Enter");
    await expect.poll(() => typed.map((t) => t.typing), SOON).toEqual([true, false, true, false]);
    expect(typed[3]!.at - typed[2]!.at).toBeLessThan(2_000);
    await agent.until(() =>
      agent.received["agent:chat-message"].some((m) => m.message.text === "我的养老金没到账"),
    );
    expect(citizen.errors).toEqual([]);
  });

  it("takes the survey once, shows the server's refusal, and remembers it after a reload", async () => {
    const { app } = await startServer();
    const agent = await signInAgent({ displayName: "王芳" });
    const citizen = await openWidget();
    const { page, widget, strip } = citizen;
    await say(widget, "转人工");
    const chatId = await accept(citizen, agent);
    const closed = await agent.call("agent:close", { chatId, wrapUp: "resolved" });
    expect(closed.ok).toBe(true);

    const closing = byRole(widget, "system").filter({ hasText: "本次人工服务已结束" });
    await closing.waitFor();
    await expect.poll(() => strip.getAttribute("data-state"), SOON).toBe("none");
    const survey = closing.getByTestId("survey");
    expect(await survey.getAttribute("data-handoff-id")).toBe(chatId);
    expect(await widget.getByTestId("survey-rating-1").getAttribute("aria-label")).toBe("1 分");
    expect(await widget.getByTestId("survey-comment").getAttribute("maxlength")).toBe("500");

    await widget.getByTestId("survey-submit").click();
    expect(await widget.getByTestId("survey-error").textContent()).toBe("请先选择 1 到 5 分。");

    await widget.getByTestId("survey-rating-4").click();
    expect(await widget.getByTestId("survey-rating-4").getAttribute("aria-pressed")).toBe("true");
    await widget.getByTestId("survey-comment").fill("  很耐心  ");
    await widget.getByTestId("survey-submit").click();
    await widget.getByTestId("survey-thanks").waitFor();
    expect(await widget.getByTestId("survey-thanks").textContent()).toBe("感谢您的评价");
    for (const id of ["survey-rating-5", "survey-comment", "survey-submit"]) {
      expect(await widget.getByTestId(id).isDisabled()).toBe(true);
    }
    expect(await app.storage.handoffs.get(chatId)).toMatchObject({
      status: "closed",
      surveyRating: 4,
      surveyComment: "很耐心",
    });

    // The same conversation in another browser, which does not know the survey was answered:
    // the server refuses a second rating and the widget says why, letting the citizen try again.
    const elsewhere = await openWidget((await storedToken(page))!);
    const again = elsewhere.widget.getByTestId("survey");
    await again.waitFor();
    expect(await again.getAttribute("data-handoff-id")).toBe(chatId);
    await elsewhere.widget.getByTestId("survey-rating-1").click();
    await elsewhere.widget.getByTestId("survey-submit").click();
    const refusal = elsewhere.widget.getByTestId("survey-error");
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe("这次服务无法评价（未结束或已评价）。");
    expect(await elsewhere.widget.getByTestId("survey-submit").isDisabled()).toBe(false);
    expect(await elsewhere.widget.getByTestId("survey-thanks").count()).toBe(0);
    expect(await app.storage.handoffs.get(chatId)).toMatchObject({
      surveyRating: 4,
      surveyComment: "很耐心",
    });

    await switchLocale(citizen, "en");
    expect(await widget.getByTestId("survey-thanks").textContent()).toBe("Thank you for your feedback");
    expect(await widget.getByTestId("survey-rating-2").getAttribute("aria-label")).toBe("2 of 5");

    await page.reload();
    if ((await widget.getByTestId("launcher").getAttribute("aria-expanded")) !== "true") {
      await widget.getByTestId("launcher").click();
    }
    await widget.getByTestId("survey-thanks").waitFor();
    expect(await widget.getByTestId("survey-thanks").textContent()).toBe("Thank you for your feedback");
    expect(await widget.getByTestId("survey-submit").isDisabled()).toBe(true);
    expect(await widget.getByTestId("survey-rating-4").getAttribute("aria-pressed")).toBe("true");
    expect(citizen.errors).toEqual([]);
    expect(elsewhere.errors).toEqual([]);
  });
});
