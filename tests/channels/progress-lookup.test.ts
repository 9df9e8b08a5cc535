import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localDateTime } from "../../src/domain/local-time.js";
import { DEMO_CITIZENS } from "../../src/records/demo/index.js";
import { ChatClient } from "../testing/chat-client.js";
import { startTestServer, type TestServer } from "../testing/server.js";

const zhang = DEMO_CITIZENS.unemployedEligible;
let server: TestServer;
const clients: ChatClient[] = [];
async function connect() {
  const c = await ChatClient.connect(server.url, { locale: "zh" });
  clients.push(c);
  return c;
}
let number: string;

beforeAll(async () => {
  server = await startTestServer({ env: { CHAT_RATE_LIMIT: "1000", DEMO_STATUS_STEP_MS: "0" } });
  // One application on file, filed the way a citizen files it.
  const c = await connect();
  await c.ask("我要申请失业金");
  await c.ask(`我叫${zhang.name}，身份证${zhang.idNumber}，手机17000000101`);
  await c.ask("上个月底");
  await c.ask("单位倒闭了");
  await c.ask("6222021234567890128");
  const done = await c.ask("确认提交");
  number = /SQ\d{14}/.exec(done.text)?.[0] as string;
  expect(done.text).toContain("查询进度");
});
afterAll(async () => {
  for (const c of clients) c.close();
  await server.stop();
  server.cleanup();
});

/** The reply shows this application's timeline. */
const isTimeline = (text: string) => text.includes(number) && text.includes("· ") && text.includes("已提交 — 自动预审通过");

describe("progress lookup: what the submission tells the citizen to send works", () => {
  it("'查询进度' alone starts the lookup and asks for the number; the number then answers", async () => {
    const c = await connect();
    const asked = await c.ask("查询进度");
    expect(asked.text).toContain("请提供受理编号（以SQ开头）");
    expect(isTimeline((await c.ask(number)).text)).toBe(true);
  });

  it("'查询进度 SQ…', a bare number, and a number inside a sentence all go to the lookup", async () => {
    for (const text of [`查询进度 ${number}`, number, `我的申请${number}现在怎么样了？`, number.toLowerCase(), `进度 ${number.slice(0, 2)}-${number.slice(2, 10)}-${number.slice(10)}`]) {
      const c = await connect();
      const reply = await c.ask(text);
      expect(isTimeline(reply.text), text).toBe(true);
    }
  });

  it("shows the timeline's times in the service's time zone (Asia/Shanghai), not UTC", async () => {
    const c = await connect();
    const reply = await c.ask(number);
    const application = await server.app.records.getApplication(number);
    const shown = /· (\d{4}-\d{2}-\d{2} \d{2}:\d{2})/.exec(reply.text)?.[1];
    expect(shown).toBe(localDateTime(application!.timeline[0]!.at, "Asia/Shanghai"));
    expect(shown).not.toBe(application!.timeline[0]!.at.slice(0, 16).replace("T", " "));
    // The date in the number is the same day as the time shown.
    expect(shown?.slice(0, 10).replaceAll("-", "")).toBe(number.slice(2, 10));
  });

  it("a person asked for after a lookup goes to the skill group of the application looked up", async () => {
    const c = await connect();
    await c.ask(`${number}进度怎么样`);
    await c.ask("转人工");
    const open = await server.app.storage.handoffs.open(c.session.conversationId);
    expect(open?.skill).toBe("unemployment");
  });

  it("a number that is not on file is said plainly, not called out of scope", async () => {
    const c = await connect();
    const reply = await c.ask("SQ20200101999999");
    expect(reply.text).toContain("没有查到");
  });

  it("in the middle of another application, answers the lookup and asks that application's question again", async () => {
    const c = await connect();
    const first = await c.ask("我要补办社保卡");
    const reply = await c.ask(`对了，${number}办得怎么样了`);
    expect(isTimeline(reply.text)).toBe(true);
    expect(reply.text).toContain("我们继续办理");
    // The question asked before is asked again, and the application goes on.
    const question = first.text.split("\n").at(-1) as string;
    expect(reply.text.endsWith(question)).toBe(true);
  });
});
