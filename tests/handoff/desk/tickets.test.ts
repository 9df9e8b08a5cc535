import { afterEach, describe, expect, it } from "vitest";
import { type DeskBench, deskBench } from "./harness.js";

let bench: DeskBench;
afterEach(async () => bench.dispose());

describe("Tickets: messages left when nobody could answer", () => {
  it("keeps the message masked with the original sealed, offers the callback number only on request, and answers it once", async () => {
    bench = await deskBench();
    const agent = await bench.newAgent("li");
    const conversation = await bench.newConversation();
    const left = await bench.desk.tickets.leave(conversation, "养老金没到账，请回电 13812345678", "zh");
    expect(left.text).toContain(left.ticketId.slice(0, 8).toUpperCase());

    const [listed] = await bench.desk.tickets.list();
    expect(listed).toMatchObject({ id: left.ticketId, conversationId: conversation, hasCallback: true, status: "open" });
    expect(listed?.text).not.toContain("13812345678");
    expect(await bench.desk.tickets.callback(agent, left.ticketId)).toBe("13812345678");

    await bench.desk.tickets.reply(agent, left.ticketId, "已查到，明天到账");
    expect(bench.messagesTo(conversation).at(-1)).toMatchObject({ role: "agent", text: "已查到，明天到账", agentName: "li" });
    expect(await bench.desk.tickets.list()).toEqual([]);
    await expect(bench.desk.tickets.reply(agent, left.ticketId, "again")).rejects.toMatchObject({ code: "HANDOFF_UNKNOWN_TICKET" });
    await expect(bench.desk.tickets.callback(agent, "nope")).rejects.toMatchObject({ code: "HANDOFF_UNKNOWN_TICKET" });
  });

  it("says there is no callback number when the message gives none", async () => {
    bench = await deskBench();
    const agent = await bench.newAgent("wang");
    const left = await bench.desk.tickets.leave(await bench.newConversation(), "请问社保卡怎么补办", "zh");
    expect((await bench.desk.tickets.list())[0]?.hasCallback).toBe(false);
    expect(await bench.desk.tickets.callback(agent, left.ticketId)).toBeNull();
  });
});

describe("Tickets: listing the open ones", () => {
  it("does not open any sealed original (whether a number was given is kept when the message is left)", async () => {
    bench = await deskBench();
    const conversation = await bench.newConversation();
    await bench.desk.tickets.leave(conversation, "请回电 13812345678", "zh");
    bench.clock.advance(1000);
    await bench.desk.tickets.leave(conversation, "卡号 6222021234567890123 补办", "zh");
    let opened = 0;
    const decrypt = bench.cipher.decrypt.bind(bench.cipher);
    bench.cipher.decrypt = (sealed: string) => {
      opened++;
      return decrypt(sealed);
    };
    const listed = await bench.desk.tickets.list();
    expect(listed.map((t) => t.hasCallback)).toEqual([true, false]);
    expect(opened).toBe(0);
  });

  it("still tells for a message left before the flag was kept", async () => {
    bench = await deskBench();
    const conversation = await bench.newConversation();
    await bench.storage.tickets.create({
      id: "old-ticket",
      conversationId: conversation,
      language: "zh",
      text: "请回电 138****5678",
      textSealed: bench.cipher.encrypt("请回电 13812345678"),
      hasCallback: null,
      status: "open",
      createdAt: "2026-12-01T00:00:00.000Z",
      answeredBy: null,
      answeredAt: null,
    });
    expect((await bench.desk.tickets.list()).map((t) => [t.id, t.hasCallback])).toEqual([["old-ticket", true]]);
  });
});
