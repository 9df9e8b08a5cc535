import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CITIZENS } from "../../src/records/demo/index.js";
import { openMongo } from "../../src/storage/mongo/connection.js";
import { ChatClient } from "../testing/chat-client.js";
import { startTestServer, type TestServer, type TestStore } from "../testing/server.js";

const zhang = DEMO_CITIZENS.unemployedEligible;
const zhao = DEMO_CITIZENS.cardHolder;

/**
 * Every stored byte of the desk's records as text, to look for what must not be there: the SQLite
 * files (WAL included) of an embedded desk, every document of every collection of a MongoDB one.
 */
async function storedBytes(server: TestServer): Promise<Map<string, string>> {
  const stored = new Map<string, string>();
  const uri = server.mongoUri;
  if (uri) {
    const conn = await openMongo(uri);
    try {
      for (const c of await conn.listCollections())
        stored.set(c.name, JSON.stringify(await conn.collection(c.name).find({}).toArray()));
    } finally {
      await conn.close();
    }
  }
  // The embedded store's files, and the demo back office's (its own SQLite file on an embedded desk).
  for (const file of ["desk.sqlite", "desk.sqlite-wal", "records-demo.sqlite", "records-demo.sqlite-wal"]) {
    try {
      stored.set(file, readFileSync(join(server.dataDir, file)).toString("latin1"));
    } catch {}
  }
  return stored;
}

/**
 * Guided applications end to end over real sockets: a desk whose records are in `store`, the same
 * cases on each (tests/channels/flows.test.ts, flows-mongo.test.ts).
 */
export function flowsSuite(store: TestStore): void {
  let server: TestServer;
  const clients: ChatClient[] = [];
  async function connect(token?: string) {
    const c = await ChatClient.connect(server.url, token ? { token } : {});
    clients.push(c);
    return c;
  }
  const start = (options: { dataDir?: string; env: Record<string, string> }) =>
    startTestServer({ ...options, store });

  beforeAll(async () => {
    server = await start({ env: { CHAT_RATE_LIMIT: "1000", DEMO_STATUS_STEP_MS: "150" } });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await server.stop();
    await server.cleanup();
  });

  describe(`guided applications over the chat (${store} store)`, () => {
    it("files an unemployment application and tells the citizen each status change, also in the history", async () => {
      const c = await connect();
      await c.ask("我要申请失业金");
      await c.ask(`我叫${zhang.name}，身份证${zhang.idNumber}，手机17000000101`);
      await c.ask("上个月底");
      await c.ask("单位倒闭了");
      const confirm = await c.ask("6222021234567890128");
      expect(confirm.text).toContain("请核对");
      const done = await c.ask("确认提交");
      const number = /SQ\d{14}/.exec(done.text)?.[0];
      expect(number).toBeDefined();
      // The demo back office moves the application on every 150 ms; each step reaches the chat.
      await c.until(
        () => c.replies.filter((r) => r.text.includes(`${number}`) && r.text.includes("新进展")).length >= 3,
        5000,
      );
      const notices = c.replies.filter((r) => r.text.includes("新进展")).map((r) => r.text);
      expect(notices[0]).toContain("已受理");
      expect(notices.at(-1)).toContain("已通过");
      // Each status is said once, with what its note adds: no "已受理。已受理，等待审核".
      expect(notices[0]).toBe(`您的申请 ${number} 有新进展：已受理 — 等待工作人员审核。`);
      for (const n of notices)
        for (const label of ["已受理", "审核中", "已通过"])
          expect(n.split(label).length - 1, n).toBeLessThanOrEqual(1);
      const again = await connect(c.session.token);
      expect(again.session.messages.filter((m) => m.text.includes("新进展")).length).toBe(3);
    });

    it("shows the citizen their own answers in full in the summary they confirm; stored and for staff, masked", async () => {
      const c = await connect();
      const first = await c.ask("我要申请失业金");
      // Each question says what kind of answer it asks for, so the widget can say what is safe to send.
      expect(first.asking).toBe("person_name");
      await c.ask(`我叫${zhang.name}，身份证${zhang.idNumber}，手机17000000177`);
      await c.ask("上个月底");
      const card = await c.ask("单位倒闭了");
      expect(card.asking).toBe("bank_card");
      const confirm = await c.ask("6222021234567890128");
      expect(confirm.asking).toBeUndefined();
      for (const own of [zhang.name, zhang.idNumber, "17000000177", "6222021234567890128"])
        expect(confirm.text, own).toContain(own);
      // After a reconnect the history shows it the same way.
      const again = await connect(c.session.token);
      expect(again.session.messages.find((m) => m.id === confirm.id)?.text).toContain(zhang.idNumber);
      // The citizen's own message giving their name is stored with the name masked, like the numbers.
      const given = (await server.app.storage.messages.listRecent(c.session.conversationId, 20)).find(
        (m) => m.role === "citizen" && m.text.includes("我叫"),
      );
      expect(given!.text).not.toContain(zhang.name);
      expect(given!.text).toContain(`我叫${zhang.name.slice(0, 1)}`);
      expect(given!.textSealed).not.toBeNull();
      // Stored (what staff and logs see): masked, the name too.
      const stored = await server.app.storage.messages.get(confirm.id);
      expect(stored!.text).not.toContain(zhang.idNumber);
      expect(stored!.text).not.toContain("6222021234567890128");
      expect(stored!.text).not.toContain(zhang.name);
      expect(stored!.text).toContain("请核对");
    });

    it("stores a name typed on its own, in answer to the question asking for it, masked", async () => {
      const c = await connect();
      const asked = await c.ask("我要申请失业金");
      expect(asked.asking).toBe("person_name");
      await c.ask(zhang.name);
      const rows = await server.app.storage.messages.listRecent(c.session.conversationId, 10);
      const answer = rows.filter((m) => m.role === "citizen").at(-1)!;
      expect(answer.text).not.toContain(zhang.name);
      expect(answer.text.startsWith(zhang.name.slice(0, 1))).toBe(true);
    });

    it("keeps personal data out of what is stored: masked text, encrypted flow state", async () => {
      const c = await connect();
      await c.ask("我要申请失业金");
      await c.ask(`我叫${zhang.name}，身份证${zhang.idNumber}，手机17000000155`);
      const stored = await storedBytes(server);
      expect([...stored.keys()]).toContain(store === "mongodb" ? "messages" : "desk.sqlite");
      for (const [where, bytes] of stored) {
        expect(bytes.includes(zhang.idNumber), where).toBe(false);
        expect(bytes.includes("17000000155"), where).toBe(false);
      }
    });

    it("issues a certificate whose PDF downloads through its signed link and whose code /verify accepts", async () => {
      const c = await connect();
      await c.ask("我要开参保证明");
      await c.ask("参保证明");
      await c.ask(zhao.idNumber);
      await c.ask(zhao.name);
      const issued = await c.ask("确认提交");
      const link = issued.links?.[0]?.url;
      expect(link).toMatch(/\/certificates\/SQ\d{14}\.pdf\?sig=/);
      const pdf = await fetch(link as string);
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get("content-type")).toBe("application/pdf");
      expect(
        Buffer.from(await pdf.arrayBuffer())
          .subarray(0, 4)
          .toString(),
      ).toBe("%PDF");
      expect((await fetch((link as string).replace(/sig=.*/, "sig=forged"))).status).toBe(404);
      const code = /验证码\s*([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})/.exec(issued.text)?.[1];
      expect(code).toBeDefined();
      const valid = await fetch(`${server.url}/verify?code=${code}`);
      expect(valid.status).toBe(200);
      expect(await valid.text()).toContain("有效");
      expect((await fetch(`${server.url}/verify?code=ABCD-EFGH-JKMN-PQRS`)).status).toBe(404);
    });

    it("ends an idle flow with a notice pushed to the chat and kept in the history", async () => {
      const quick = await start({
        env: { CHAT_RATE_LIMIT: "1000", DEMO_STATUS_STEP_MS: "0", FLOW_IDLE_MS: "300" },
      });
      try {
        const c = await ChatClient.connect(quick.url);
        await c.ask("我要申请失业金");
        await c.until(() => c.replies.some((r) => r.text.includes("已自动结束")), 3000);
        const next = await c.ask("17000000177");
        expect(next.text).not.toContain("手机");
        c.close();
        const again = await ChatClient.connect(quick.url, { token: c.session.token });
        expect(again.session.messages.some((m) => m.text.includes("已自动结束"))).toBe(true);
        again.close();
      } finally {
        await quick.stop();
        await quick.cleanup();
      }
    });

    it("ends an idle flow even when the server was restarted in between: the expiry is a job kept in the store", async () => {
      const env = { CHAT_RATE_LIMIT: "1000", DEMO_STATUS_STEP_MS: "0", FLOW_IDLE_MS: "1500" };
      let first = await start({ env });
      const dataDir = first.dataDir;
      try {
        const c = await ChatClient.connect(first.url);
        await c.ask("我要申请失业金");
        c.close();
        await first.stop();
        // Back up after the flow went idle; the citizen says nothing more.
        await new Promise((r) => setTimeout(r, 1700));
        first = await start({ dataDir, env });
        const again = await ChatClient.connect(first.url, { token: c.session.token });
        await again.until(
          () =>
            again.session.messages.some((m) => m.text.includes("已自动结束")) ||
            again.replies.some((r) => r.text.includes("已自动结束")),
          3000,
        );
        again.close();
      } finally {
        await first.stop();
        await first.cleanup();
      }
    });

    it("resumes a flow after a restart of the server", async () => {
      const c = await connect();
      await c.ask("帮我办理异地就医备案");
      await c.ask(`我叫${zhang.name}，身份证${zhang.idNumber}`);
      await server.stop();
      c.close();
      server = await start({
        dataDir: server.dataDir,
        env: { CHAT_RATE_LIMIT: "1000", DEMO_STATUS_STEP_MS: "0" },
      });
      const again = await connect(c.session.token);
      const next = await again.ask("17000000166");
      expect(next.text).toContain("哪种情况");
    });
  });
}
