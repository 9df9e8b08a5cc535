import { describe, expect, it } from "vitest";
import { Channels } from "../../../src/channels/channels.js";
import type { ChannelAdapter } from "../../../src/channels/port/channel-port.js";
import type { Channel } from "../../../src/domain/channel.js";
import type { MessageView } from "../../../src/domain/message.js";

const view = (id: string): MessageView => ({ id, seq: 1, role: "bot", text: id, createdAt: "2026-12-08T00:00:00Z" });

function recording(channel: Channel, reachable: boolean) {
  const got: string[] = [];
  const adapter: ChannelAdapter = {
    channel,
    capabilities: { buttons: true, richText: true, liveStatus: true, survey: true },
    message: (conversationId, m) => got.push(`${conversationId}:${m.id}`),
    handoff: (conversationId, s) => got.push(`${conversationId}:status:${s.state}`),
    typing: () => {},
    isReachable: async () => reachable,
    receive: async () => {},
  };
  return { adapter, got };
}

describe("Channels: one outbox over every channel", () => {
  it("sends each conversation's messages to its own channel, in order, while its channel is looked up", async () => {
    const web = recording("web", true);
    const wechat = recording("wechat", false);
    const lookups: string[] = [];
    const store = {
      get: async (id: string) => {
        lookups.push(id);
        await new Promise((r) => setTimeout(r, 20));
        return id.startsWith("w") ? { id, channel: "wechat" as const, key: id, locale: "zh" as const, createdAt: "", updatedAt: "" } : id === "gone" ? undefined : { id, channel: "web" as const, key: id, locale: "zh" as const, createdAt: "", updatedAt: "" };
      },
    };
    const errors: string[] = [];
    const channels = new Channels(store, (_e, what) => errors.push(what)).add(web.adapter).add(wechat.adapter);
    channels.message("c1", view("1"));
    channels.message("w1", view("a"));
    channels.handoff("c1", { handoffId: "h", state: "queued", position: 2 });
    channels.message("c1", view("2"));
    channels.message("gone", view("x"));
    await new Promise((r) => setTimeout(r, 80));
    // Known now: sent at once, after the ones before it.
    channels.message("c1", view("3"));
    expect(web.got).toEqual(["c1:1", "c1:status:queued", "c1:2", "c1:3"]);
    expect(wechat.got).toEqual(["w1:a"]);
    // One lookup per conversation, however many sends waited for it.
    expect(lookups.filter((id) => id === "c1")).toHaveLength(1);
    expect(await channels.isConnected("c1")).toBe(true);
    expect(await channels.isConnected("w1")).toBe(false);
    expect(await channels.isConnected("gone")).toBe(false);
    expect(errors).toEqual([]);
    expect(() => channels.add(recording("web", true).adapter)).toThrow(/twice/);
  });
});
