import { describe, expect, it } from "vitest";
import { newHandoff } from "../../src/handoff/requests.js";
import { closedView, offerView, queueView } from "../../src/handoff/views.js";
import type { HandoffRecord } from "../../src/storage/ports.js";

const handoff = (over: Partial<HandoffRecord> = {}): HandoffRecord => ({
  ...newHandoff({
    id: "h1",
    conversationId: "abcd-ef01-2345",
    reason: "explicit",
    urgency: "normal",
    language: "en",
    skill: "pension",
    intent: "pension.arrival",
    arrivedAt: "2026-12-07T02:00:00.000Z",
  }),
  ...over,
});

describe("what staff see of the desk's records (pure)", () => {
  it("an offer's deadline counts from when it was made, however late it is shown", () => {
    const h = handoff({ offeredAt: "2026-12-07T02:01:00.000Z" });
    const shownLater = offerView(h, 60_000, new Date("2026-12-07T02:01:45.000Z"));
    expect(shownLater.expiresAt).toBe("2026-12-07T02:02:00.000Z");
  });

  it("the queue lists only chats storage knows open, oldest first, with the accept time only while active", () => {
    const placed = (id: string, arrivedAt: string, status: "waiting" | "offered" | "active") => ({
      id,
      status,
      agentId: status === "waiting" ? null : "a1",
      arrivedAt: Date.parse(arrivedAt),
      urgency: "normal" as const,
      language: "zh",
      skill: "other",
    });
    const view = queueView(
      [placed("late", "2026-12-07T02:05:00Z", "active"), placed("gone", "2026-12-07T01:00:00Z", "waiting"), placed("early", "2026-12-07T02:00:00Z", "offered")],
      [handoff({ id: "late", acceptedAt: "2026-12-07T02:06:00.000Z", status: "active" }), handoff({ id: "early", acceptedAt: "2026-12-07T02:03:00.000Z" })],
    );
    expect(view.map((q) => [q.chatId, q.acceptedAt])).toEqual([
      ["early", null],
      ["late", "2026-12-07T02:06:00.000Z"],
    ]);
  });

  it("a closed chat shows a short visitor code and its duration, no personal data", () => {
    const view = closedView(handoff({ acceptedAt: "2026-12-07T02:00:00.000Z", closedAt: "2026-12-07T02:04:30.000Z", wrapUp: "resolved" }));
    expect(view).toMatchObject({ citizenCode: "ABCD", language: "en", durationSec: 270, wrapUp: "resolved" });
  });
});
