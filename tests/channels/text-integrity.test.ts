import { afterAll, describe, expect, it } from "vitest";
import { SurveySchema } from "../../src/channels/web/inputs.js";
import { ChatClient } from "../testing/chat-client.js";
import { startTestServer, type TestServer } from "../testing/server.js";

const servers: TestServer[] = [];
afterAll(() => servers[0]?.cleanup());

describe("text integrity: what the ack says is what is stored and read back", () => {
  it("stores a lone surrogate as U+FFFD, acks exactly that, and reads it back so, after a reconnect and after a restart", async () => {
    const first = await startTestServer();
    servers.push(first);
    const c = await ChatClient.connect(first.url);
    const sent = ["前\uD800后", "\uDC00社保卡丢了怎么办", "养老金😀到账了吗\uD83D", "医保卡😀怎么用"];
    const acked: string[] = [];
    for (const text of sent) {
      const ack = await c.send(text);
      if (!ack.ok) throw new Error(`refused: ${ack.error.code}`);
      acked.push(ack.message.text);
    }
    expect(acked).toEqual(["前\uFFFD后", "\uFFFD社保卡丢了怎么办", "养老金😀到账了吗\uFFFD", "医保卡😀怎么用"]);
    // Each is answered as usual.
    await c.until(() => c.replies.length >= sent.length, 15_000);

    const stored = async (server: TestServer) =>
      (await server.app.storage.messages.listRecent(c.session.conversationId, 100)).filter((m) => m.role === "citizen").map((m) => m.text);
    expect(await stored(first)).toEqual(acked);
    const again = await ChatClient.connect(first.url, { token: c.session.token });
    expect(again.session.messages.filter((m) => m.role === "citizen").map((m) => m.text)).toEqual(acked);
    c.close();
    again.close();

    // From the file, not the memory of recent messages.
    await first.stop();
    const second = await startTestServer({ dataDir: first.dataDir });
    servers.push(second);
    const back = await ChatClient.connect(second.url, { token: c.session.token });
    expect(back.session.messages.filter((m) => m.role === "citizen").map((m) => m.text)).toEqual(acked);
    expect(await stored(second)).toEqual(acked);
    back.close();
    await second.stop();
  });

  it("treats a survey comment the same way", () => {
    const parsed = SurveySchema.parse({ handoffId: "h-1", rating: 4, comment: "谢谢\uD800" });
    expect(parsed.comment).toBe("谢谢\uFFFD");
  });
});
