import { Secret, TOTP } from "otpauth";
import type { Browser, Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgent } from "../testing/agent-client.js";
import { ensureBuilt, launchChromium } from "../testing/browser.js";
import { startTestServer, type TestServer } from "../testing/server.js";
import { byRole, openWidgetPage, say } from "../testing/widget-harness.js";

/**
 * The editors' FAQ editor in a real browser against the real server: a draft started, an answer
 * edited and tried before it is published, then published, and a citizen whose widget was open all
 * along gets the new answer from the same server.
 */
/** Scrolls the console's screen so the element's top is at the top of the window. */
const toTop = (element: Locator) =>
  element.evaluate((node) => (node as unknown as { scrollIntoView(options: object): void }).scrollIntoView({ block: "start" }));

describe("the knowledge editor in a real browser", () => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const MARK = "【2027年起新规】";
  const QUESTION = "社保卡丢了怎么挂失";

  beforeAll(async () => {
    await ensureBuilt("widget");
    await ensureBuilt("agent-console");
    // Review optional: the editor publishes their own draft. A short poll: every instance swaps soon.
    server = await startTestServer({ env: { DEMO_STAFF: "false", KNOWLEDGE_POLL_MS: "200", KNOWLEDGE_REVIEW: "optional" } });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    server?.cleanup();
  });

  it("an editor edits an answer in a draft, tries it, publishes it, and an open widget answers with it; then adds an intent and edits with no draft chosen", async () => {
    const editor = await createAgent(server!.app, "editor.zhou", { displayName: "周编辑", roles: ["editor"] });
    const pageErrors: string[] = [];

    // A citizen's widget is open before anything is published, and gets the published answer.
    const citizenContext = await browser!.newContext({ locale: "zh-CN" });
    const { page: citizenPage, widget, errors: widgetErrors } = await openWidgetPage(citizenContext, server!.url);
    await say(widget, QUESTION);
    await expect.poll(() => byRole(widget, "bot").count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const botBefore = byRole(widget, "bot");
    await botBefore.filter({ hasText: "挂失" }).last().waitFor({ timeout: 15_000 });
    expect((await botBefore.allTextContents()).join("\n")).not.toContain(MARK);
    const botCount = await botBefore.count();

    // The editor signs in with the second factor (enrolment on the first sign-in).
    const context = await browser!.newContext({ locale: "zh-CN", viewport: { width: 1366, height: 800 } });
    const page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(`${server!.url}/console`);
    await page.getByTestId("sign-in-username").fill(editor.username);
    await page.getByTestId("sign-in-password").fill(editor.password);
    await page.getByTestId("sign-in-submit").click();
    const secret = ((await page.getByTestId("enrol-secret").textContent({ timeout: 10_000 })) ?? "").replace(/\s/g, "");
    await page.getByTestId("sign-in-code").fill(new TOTP({ secret: Secret.fromBase32(secret) }).generate());
    await page.getByTestId("sign-in-code-submit").click();
    await page.getByTestId("recovery-codes-saved").click({ timeout: 10_000 });

    // The knowledge tab: no draft yet; one started.
    if ((await page.getByTestId("tab-knowledge").count()) > 0) await page.getByTestId("tab-knowledge").click();
    const bar = page.getByTestId("draft-bar");
    await bar.waitFor({ timeout: 10_000 });
    await page.getByTestId("draft-new-title").fill("挂失说明（2027）");
    await page.getByTestId("draft-start").click();
    const current = page.getByTestId("draft-current");
    await current.filter({ hasText: "挂失说明（2027）" }).waitFor({ timeout: 10_000 });
    expect(await current.getAttribute("data-status")).toBe("open");
    await page.getByTestId("draft-changes").filter({ hasText: "草稿还没有改动" }).waitFor();

    // The FAQ opened in the editor, as the draft has it.
    await page.getByTestId("draft-faq-id").fill("faq-card-lost");
    await page.getByTestId("draft-faq-open").click();
    const form = page.getByTestId("faq-editor");
    const answerZh = form.getByTestId("faq-form-answer-zh");
    await expect.poll(() => answerZh.inputValue(), { timeout: 10_000 }).toContain("挂失");
    expect(await form.getByTestId("faq-form-count-zh").textContent()).toMatch(/^\d+ 条（至少 5 条）$/);
    expect(await form.getByTestId("faq-form-flow").inputValue()).toBe("card.lost");

    // Too few English variants are caught before anything is sent; put back, nothing changed.
    const questionsEn = form.getByTestId("faq-form-questions-en");
    const englishBefore = await questionsEn.inputValue();
    await questionsEn.fill("lost card");
    await form.getByTestId("faq-editor-save").click();
    await form.getByText("至少需要 2 条，现在 1 条。").waitFor();
    await questionsEn.fill(englishBefore);

    // The answer with a marker sentence: previewed as citizens will see it, then saved into the draft.
    const original = await answerZh.inputValue();
    await answerZh.fill(`${MARK}**请先挂失**。\n${original}`);
    await form.getByTestId("faq-form-preview-zh").locator("strong", { hasText: "请先挂失" }).waitFor();
    // The form as the editor sees it at 1366x800: its top (questions, answers, previews), then its end.
    await toTop(form);
    await page.screenshot({ path: "/tmp/editor-form.png" });
    await toTop(form.getByTestId("faq-form-preview-zh"));
    await page.screenshot({ path: "/tmp/editor-form-end.png" });
    await form.getByTestId("faq-editor-save").click();
    await form.getByTestId("faq-editor-status").filter({ hasText: "已保存到草稿" }).waitFor({ timeout: 10_000 });

    // The draft shows the change as a diff.
    const change = page.locator('[data-testid="draft-change"][data-file="card/card-lost.yaml"]');
    await change.waitFor({ timeout: 10_000 });
    await change.getByTestId("draft-change-toggle").click();
    await change.getByTestId("draft-change-patch").filter({ hasText: `+    ${MARK}**请先挂失**。` }).waitFor();

    // A reload comes back to the same draft.
    const draftId = await current.getAttribute("data-id");
    await page.reload();
    await page.locator(`[data-testid="draft-current"][data-id="${draftId}"]`).waitFor({ timeout: 15_000 });

    // Tried before it is published: the draft's answer has the marker; citizens still get the old one.
    await page.getByTestId("try-question").fill(QUESTION);
    await page.getByTestId("try-ask").click();
    const tried = page.getByTestId("try-answer");
    await tried.getByTestId("try-answer-text").filter({ hasText: MARK }).waitFor({ timeout: 30_000 });
    expect(await tried.getAttribute("data-intent")).toBe("card.lost");

    // Published: progress, then the outcome.
    await page.getByTestId("draft-publish").click();
    await page.getByTestId("publish-note").fill("挂失说明（2027）");
    await page.getByTestId("publish-confirm").click();
    const outcome = page.locator('[data-testid="draft-outcome"][data-kind="published"]');
    await outcome.filter({ hasText: "已发布为第 2 版" }).waitFor({ timeout: 60_000 });
    expect(await outcome.getAttribute("data-version")).toBe("2");
    expect(await current.getAttribute("data-status")).toBe("published");
    await page.locator('[data-testid="draft-note"][data-kind="published"]').filter({ hasText: "已发布为第 2 版" }).waitFor();
    await toTop(bar);
    await page.screenshot({ path: "/tmp/editor-draft-bar.png" });

    // The same server, no restart: the widget open all along now answers with the marker.
    await expect
      .poll(async () => ((await (await fetch(`${server!.url}/readyz`)).json()) as { version: number }).version, { timeout: 15_000 })
      .toBe(2);
    await say(widget, QUESTION);
    await byRole(widget, "bot").filter({ hasText: MARK }).first().waitFor({ timeout: 15_000 });
    expect(await byRole(widget, "bot").count()).toBeGreaterThan(botCount);

    // A new intent with its FAQ: the id checked as the server checks it; the published draft is
    // done, so adding starts a draft of its own; then that draft is discarded.
    await page.getByTestId("draft-new-faq").click();
    const created = page.getByTestId("new-faq");
    await created.getByTestId("new-faq-intent-id").fill("Card-Fee");
    await created.getByTestId("new-faq-add").click();
    await created.getByText("意图编号须为小写英文单词").first().waitFor();
    await created.getByTestId("new-faq-intent-id").fill("card.fee");
    await created.getByTestId("new-faq-intent-zh").fill("补换卡工本费");
    await created.getByTestId("new-faq-intent-en").fill("card replacement fee");
    await created.getByTestId("faq-form-domain").selectOption("card");
    await created
      .getByTestId("faq-form-questions-zh")
      .fill(["补社保卡要交钱吗", "社保卡工本费多少钱", "换卡收不收费", "补办社保卡费用是多少", "社保卡重新做一张要花钱吗", "换卡收不收费"].join("\n"));
    await created.getByTestId("faq-form-duplicates-zh").filter({ hasText: "换卡收不收费" }).waitFor();
    await created.getByTestId("faq-form-questions-en").fill("Is there a fee to replace the card?\nhow much does a new social security card cost");
    await created.getByTestId("faq-form-answer-zh").fill("首次申领**免费**；补换卡按当地标准收取工本费。");
    await created.getByTestId("faq-form-answer-en").fill("The first card is **free**; a replacement may cost a small fee.");
    await created.getByTestId("faq-form-related").fill("card.replace");
    await created.getByTestId("new-faq-add").click();
    await page.locator('[data-testid="faq-editor"][data-faq="faq-card-fee"]').waitFor({ timeout: 10_000 });
    await page.getByTestId("knowledge-notice").filter({ hasText: "faq-card-fee" }).waitFor();
    await current.filter({ hasText: "新增 card.fee" }).waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="draft-change"][data-file="card/card-fee.yaml"][data-kind="added"]').waitFor();
    await page.locator('[data-testid="draft-change"][data-file="intents.tsv"]').waitFor();
    await page.getByTestId("draft-discard").click();
    await page.getByTestId("discard-confirm").click();
    await page.locator('[data-testid="draft-current"][data-status="discarded"]').waitFor({ timeout: 10_000 });

    // The draft chosen is discarded: the FAQ opened now is the published one, and saving it starts
    // a draft under the title asked for.
    await page.getByTestId("draft-faq-id").fill("faq-card-password");
    await page.getByTestId("draft-faq-open").click();
    const password = page.locator('[data-testid="faq-editor"][data-faq="faq-card-password"]');
    const tags = password.getByTestId("faq-form-tags");
    await expect.poll(() => tags.inputValue(), { timeout: 10_000 }).not.toBe("");
    expect(await password.getByTestId("faq-editor-draft-title").inputValue()).toBe("修改 faq-card-password");
    await tags.fill(`${await tags.inputValue()}, 密码锁定`);
    await password.getByTestId("faq-editor-save").click();
    await password.getByTestId("faq-editor-status").filter({ hasText: "已保存到草稿" }).waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="draft-current"][data-status="open"]').filter({ hasText: "修改 faq-card-password" }).waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="draft-change"][data-file="card/card-password.yaml"]').waitFor();
    // The same open draft in English, with its comment box and the steps open to its author.
    await page.getByTestId("locale-toggle").click();
    await page.getByTestId("draft-submit").filter({ hasText: "Submit for review" }).waitFor();
    await toTop(bar);
    await page.screenshot({ path: "/tmp/editor-draft-bar-en.png" });

    const versions = await server!.app.storage.knowledgeVersions.list(5);
    expect(versions[0]).toMatchObject({ version: 2, author: "editor.zhou", note: "挂失说明（2027）", origin: "editor" });
    expect(pageErrors).toEqual([]);
    expect(widgetErrors).toEqual([]);
    await citizenPage.close();
    await context.close();
    await citizenContext.close();
  }, 180_000);
});
