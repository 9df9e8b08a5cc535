import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatClient } from "../testing/chat-client.js";
import { startTestServer, type TestServer } from "../testing/server.js";

let server: TestServer;
const open: { close(): void }[] = [];

beforeAll(async () => {
  // Open for half an hour, starting two hours from now in Shanghai: closed at the moment.
  const hour = (Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Shanghai", hour: "numeric", hourCycle: "h23" }).format(new Date())) + 2) % 24;
  const hh = String(hour).padStart(2, "0");
  server = await startTestServer({ env: { SERVICE_HOURS: `sun-sat ${hh}:00-${hh}:30`, DEMO_STAFF: "false" } });
});
afterAll(async () => {
  for (const c of open) c.close();
  await server.stop();
  server.cleanup();
});

describe("outside service hours", () => {
  it("says when agents are back, and says it again after a reload so 'leave a message' still applies", async () => {
    const c = await ChatClient.connect(server.url);
    open.push(c);
    const reply = await c.ask("转人工");
    expect(reply.quickReplies?.map((q) => q.payload)).toEqual([{ action: "handoff", command: "leave_message" }]);
    await c.until(() => c.handoff.at(-1)?.state === "unavailable");
    const backAt = c.handoff.at(-1)!.backAt;
    expect(backAt).toBeDefined();
    const again = await ChatClient.connect(server.url, { token: c.session.token });
    open.push(again);
    await again.until(() => again.handoff.length > 0);
    expect(again.handoff.at(-1)).toMatchObject({ state: "unavailable", backAt });
    // A conversation that never asked for a person is told nothing.
    const other = await ChatClient.connect(server.url);
    open.push(other);
    await other.ask("社保卡丢了怎么办");
    const otherAgain = await ChatClient.connect(server.url, { token: other.session.token });
    open.push(otherAgain);
    await new Promise((r) => setTimeout(r, 200));
    expect(otherAgain.handoff).toEqual([]);
  });
});
