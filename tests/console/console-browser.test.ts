import { Secret, TOTP } from "otpauth";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgent, signIn } from "../testing/agent-client.js";
import { ensureBuilt, launchChromium } from "../testing/browser.js";
import { startTestServer, type TestServer } from "../testing/server.js";

describe("agent console and citizen widget in a real browser against the real server", () => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    await ensureBuilt("widget");
    await ensureBuilt("agent-console");
    server = await startTestServer({ env: { DEMO_STAFF: "false" } });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    server?.cleanup();
  });

  it("an agent signs in, accepts a chat and replies; the widget shows it; citizen markup stays text", async () => {
    const account = await createAgent(server!.app, "console.agent", { displayName: "张敏" });
    const pageErrors: string[] = [];

    // The agent signs in to the console.
    const agentContext = await browser!.newContext({ locale: "zh-CN", viewport: { width: 1366, height: 768 } });
    const consolePage = await agentContext.newPage();
    consolePage.on("pageerror", (e) => pageErrors.push(`console: ${e.message}`));
    await consolePage.goto(`${server!.url}/console`);
    await consolePage.getByTestId("sign-in-username").fill(account.username);
    await consolePage.getByTestId("sign-in-password").fill("wrong-password");
    await consolePage.getByTestId("sign-in-submit").click();
    await consolePage.getByTestId("sign-in-error").waitFor();
    await consolePage.getByTestId("sign-in-password").fill(account.password);
    await consolePage.getByTestId("sign-in-submit").click();
    await consolePage.getByTestId("presence").waitFor({ timeout: 10_000 });

    // A citizen asks for a person in the widget.
    const citizenContext = await browser!.newContext({ locale: "zh-CN" });
    const citizenPage = await citizenContext.newPage();
    citizenPage.on("pageerror", (e) => pageErrors.push(`widget: ${e.message}`));
    await citizenPage.goto(`${server!.url}/`);
    const widget = citizenPage.locator("#shebao-desk-widget");
    await widget.getByTestId("launcher").click();
    const input = widget.getByTestId("input");
    await input.fill("我要转人工");
    await input.press("Enter");
    await widget.getByTestId("handoff-status").filter({ hasText: /转接|客服/ }).waitFor({ timeout: 15_000 });

    // The agent accepts the offer and sees the transcript.
    await consolePage.getByTestId("offer-accept").first().click({ timeout: 15_000 });
    const panel = consolePage.getByTestId("chat-panel").first();
    await panel.locator('[data-testid="message"][data-role="citizen"]', { hasText: "我要转人工" }).waitFor();
    await widget.getByTestId("handoff-status").filter({ hasText: "张敏" }).waitFor({ timeout: 10_000 });
    // The chat's channel is in its header: a web chat here (a WeChat one reads 微信).
    expect(await panel.getByTestId("chat-channel").getAttribute("data-channel")).toBe("web");
    expect(await panel.getByTestId("chat-channel").textContent()).toBe("网页");

    // Markup from the citizen is shown as text in the console, never run.
    const markup = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>`;
    await input.fill(markup);
    await input.press("Enter");
    await panel.locator('[data-testid="message"][data-role="citizen"]', { hasText: "<img src=x" }).waitFor({ timeout: 10_000 });
    expect(await panel.locator("img").count()).toBe(0);
    expect(await consolePage.evaluate("window.__xss ?? null")).toBeNull();

    // The agent replies; the citizen's widget shows it as an agent message.
    await panel.getByTestId("reply-input").fill("您好，我是张敏，请问您想咨询什么？");
    await panel.getByTestId("reply-input").press("Enter");
    const agentMessage = widget.locator('[data-testid="message"][data-role="agent"]', { hasText: "我是张敏" });
    await agentMessage.waitFor({ timeout: 10_000 });

    // The agent closes with a wrap-up code; the citizen rates the service.
    await panel.getByTestId("close-chat").click();
    await consolePage.getByTestId("wrap-up-select").selectOption("resolved");
    await consolePage.getByTestId("close-confirm").click();
    await widget.getByTestId("survey").waitFor({ timeout: 10_000 });
    await widget.getByTestId("survey-rating-5").click();
    await widget.getByTestId("survey-submit").click();
    await widget.getByTestId("survey-thanks").waitFor({ timeout: 10_000 });

    const handoffs = await server!.app.storage.handoffs.listOpen();
    expect(handoffs).toEqual([]);
    expect(pageErrors).toEqual([]);
    await agentContext.close();
    await citizenContext.close();
  }, 90_000);

  it("an admin enrols an authenticator, saves the recovery codes, creates an agent and finds it in the audit log", async () => {
    const admin = await createAgent(server!.app, "console.admin", { displayName: "李静", roles: ["admin"] });
    const pageErrors: string[] = [];
    const context = await browser!.newContext({ locale: "zh-CN", viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));

    // Password first; an admin always needs a second factor, and this one has none yet: enrolment.
    await page.goto(`${server!.url}/console`);
    await page.getByTestId("sign-in-username").fill(admin.username);
    await page.getByTestId("sign-in-password").fill(admin.password);
    await page.getByTestId("sign-in-submit").click();
    const qr = page.getByTestId("enrol-qr");
    await qr.waitFor({ timeout: 10_000 });
    expect(await qr.getAttribute("src")).toMatch(/^data:image\/svg\+xml;base64,/);
    // The browser decoded it: the page's CSP lets data: images through.
    expect(
      await qr.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    ).toBeGreaterThan(0);

    // The authenticator app, played by otpauth from the secret shown for typing by hand.
    const secret = ((await page.getByTestId("enrol-secret").textContent()) ?? "").replace(/\s/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await page.getByTestId("sign-in-code").fill(new TOTP({ secret: Secret.fromBase32(secret) }).generate());
    await page.getByTestId("sign-in-code-submit").click();

    // Ten recovery codes, shown once; the console opens only when they are saved.
    const codes = page.getByTestId("recovery-codes").locator("li");
    await page.getByTestId("recovery-codes").waitFor({ timeout: 10_000 });
    expect(await codes.count()).toBe(10);
    expect(new Set(await codes.allTextContents()).size).toBe(10);
    await page.getByTestId("recovery-codes-saved").click();

    // An admin's console opens on the accounts, with no desk tab.
    await page.getByTestId("accounts-table").waitFor({ timeout: 10_000 });
    expect(await page.getByTestId("tab-desk").count()).toBe(0);
    await page.getByTestId("account-row-console.admin").waitFor();

    // A new agent; its first password is shown once and opens the account.
    await page.getByTestId("account-create").click();
    await page.getByTestId("account-form-username").fill("console.new-agent");
    await page.getByTestId("account-form-displayname").fill("王芳");
    await page.getByTestId("account-form-submit").click();
    const password = (await page.getByTestId("generated-password").textContent({ timeout: 10_000 })) ?? "";
    expect(password.length).toBeGreaterThanOrEqual(10);
    await page.getByTestId("generated-password-done").click();
    await page.getByTestId("account-row-console.new-agent").waitFor();
    expect((await signIn(server!.url, "console.new-agent", password)).status).toBe(200);

    // The audit log has the creation, by this admin, naming the new account by its username.
    await page.getByTestId("tab-audit").click();
    await page.getByTestId("audit-filter-action").fill("staff.create");
    await page.getByTestId("audit-apply").click();
    const created = page
      .locator('[data-testid="audit-row"][data-action="staff.create"]')
      .filter({ hasText: "console.new-agent" });
    // By this admin: the actor's id is named once the screen has read the accounts.
    await created.filter({ hasText: "console.admin" }).waitFor({ timeout: 10_000 });
    const actions = await page
      .getByTestId("audit-row")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action")));
    expect(new Set(actions)).toEqual(new Set(["staff.create"]));

    expect(pageErrors).toEqual([]);
    await context.close();
  }, 90_000);

  it("an editor finds an FAQ, reads what a version changed, rolls it back, and keeps the guard's questions", async () => {
    const editor = await createAgent(server!.app, "console.editor", { displayName: "周编辑", roles: ["editor"] });
    // A version published by an import: the answer on lost cards corrected.
    const v1 = await server!.app.storage.knowledgeVersions.get(1);
    const docs = new Map(v1?.documents);
    docs.set("card/card-lost.yaml", (docs.get("card/card-lost.yaml") as string).replace("  zh: |\n    发现社保卡丢失", "  zh: |\n    【更新】发现社保卡丢失"));
    await server!.app.storage.knowledgeVersions.publish({ documents: docs, author: "kb:import", note: "挂失说明", publishedAt: new Date().toISOString(), origin: "import" });

    const pageErrors: string[] = [];
    const context = await browser!.newContext({ locale: "zh-CN", viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(`${server!.url}/console`);
    await page.getByTestId("sign-in-username").fill(editor.username);
    await page.getByTestId("sign-in-password").fill(editor.password);
    await page.getByTestId("sign-in-submit").click();
    // An editor always needs a second factor: enrolment on the first sign-in.
    const secret = ((await page.getByTestId("enrol-secret").textContent({ timeout: 10_000 })) ?? "").replace(/\s/g, "");
    await page.getByTestId("sign-in-code").fill(new TOTP({ secret: Secret.fromBase32(secret) }).generate());
    await page.getByTestId("sign-in-code-submit").click();
    await page.getByTestId("recovery-codes-saved").click({ timeout: 10_000 });

    // The console opens on the knowledge base: every FAQ, then a search.
    const rows = page.getByTestId("faq-row");
    await rows.first().waitFor({ timeout: 10_000 });
    expect(await rows.count()).toBeGreaterThan(80);
    await page.getByTestId("faq-search").fill("挂失");
    await page.getByTestId("faq-search-submit").click();
    await page.locator('[data-testid="faq-row"][data-id="faq-card-lost"]').waitFor();
    await expect.poll(() => rows.count()).toBeLessThan(20);
    // Opened: the answer as published (version 2's correction), and the file it lives in.
    await page.locator('[data-testid="faq-row"][data-id="faq-card-lost"]').getByTestId("faq-open").click();
    await page.getByTestId("faq-detail-answer").filter({ hasText: "【更新】发现社保卡丢失" }).waitFor();
    expect(await page.getByTestId("faq-detail-text").textContent()).toMatch(/^id: faq-card-lost\n/);
    await page.getByTestId("faq-detail-close").click();
    await expect.poll(() => page.getByTestId("faq-detail").count()).toBe(0);

    // Version 2 against version 1: the corrected line, as a diff.
    const v2 = page.locator('[data-testid="version-row"][data-version="2"]');
    await v2.getByTestId("version-changes").click();
    await page.getByTestId("version-diff").filter({ hasText: "+    【更新】发现社保卡丢失" }).waitFor();

    // Back to version 1 in one step: published as version 3, and the desk serves it.
    await page.locator('[data-testid="version-row"][data-version="1"]').getByTestId("version-rollback").click();
    await page.getByTestId("rollback-note").fill("更新有误");
    await page.getByTestId("rollback-confirm").click();
    await page.getByTestId("versions-status").filter({ hasText: "已发布第 3 版" }).waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="version-row"][data-version="3"]').filter({ hasText: "rollback to version 1: 更新有误" }).waitFor();
    await expect
      .poll(async () => ((await (await fetch(`${server!.url}/readyz`)).json()) as { version: number }).version, { timeout: 10_000 })
      .toBe(3);
    // The list marks it as serving once the desk has swapped, without a reload.
    await page.locator('[data-testid="version-row"][data-version="3"]').filter({ hasText: "正在使用" }).waitFor({ timeout: 10_000 });

    // A question for the regression guard, then removed.
    await page.getByTestId("guard-text").fill("社保卡密码连着输错被锁了咋办");
    await page.getByTestId("guard-intent").fill("card.password");
    await page.getByTestId("guard-add").click();
    await page.getByTestId("guard-row").filter({ hasText: "社保卡密码连着输错被锁了咋办" }).waitFor();
    await page.getByTestId("guard-intent").fill("travel.booking");
    await page.getByTestId("guard-text").fill("订机票");
    await page.getByTestId("guard-add").click();
    await page.getByTestId("guard-error").waitFor();
    await page.getByTestId("guard-row").getByTestId("guard-remove").click();
    await expect.poll(() => page.getByTestId("guard-row").count()).toBe(0);
    if (process.env.KNOWLEDGE_SCREENSHOT) await page.screenshot({ path: process.env.KNOWLEDGE_SCREENSHOT, fullPage: true });

    expect(pageErrors).toEqual([]);
    await context.close();
  }, 90_000);
});
