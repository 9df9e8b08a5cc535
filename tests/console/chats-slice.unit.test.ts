import { describe, expect, it } from "vitest";
import {
  type ChatsState,
  chatsReducer,
  initialChatsState,
} from "../../agent-console/src/features/chats/model/chats-slice";
import { context, frozen, hello, message } from "./desk-fixtures";

/** The chats slice (features/chats/model/chats-slice.ts): state and action in, state out. */

const opened = (...chats: ReturnType<typeof context>[]): ChatsState =>
  frozen(
    chats.reduce((state, c) => chatsReducer(state, { type: "chatOpened", context: c }), initialChatsState),
  );

const texts = (state: ChatsState, chatId: string) =>
  state.byId[chatId]?.messages.map((m) => `${m.text}:${m.delivery}`);

describe("chats slice: agent:hello", () => {
  it("opens the chats given, with the wrap-up codes and canned replies", () => {
    const state = chatsReducer(frozen(initialChatsState), {
      type: "hello",
      hello: hello({ chats: [context("a"), context("b")] }),
    });
    expect(state.order).toEqual(["a", "b"]);
    expect(state.byId.a).toMatchObject({ chatId: "a", citizenTyping: false, ended: null });
    expect(state.wrapUpCodes).toEqual(["resolved", "other"]);
    expect(state.cannedReplies.map((r) => r.id)).toEqual(["greet"]);
  });

  it("keeps the on-screen order after a reconnection, new chats after, and greys a chat not given back", () => {
    let state = opened(context("a"), context("b"), context("c"));
    state = chatsReducer(state, { type: "citizenTyping", chatId: "b", typing: true });
    state = chatsReducer(state, { type: "chatEnded", chatId: "c", reason: "transferred" });
    state = chatsReducer(frozen(state), {
      type: "hello",
      hello: hello({ chats: [context("d"), context("a")] }),
    });
    expect(state.order).toEqual(["a", "b", "c", "d"]);
    expect(state.byId.b).toMatchObject({ ended: "requeued", citizenTyping: false });
    // Already ended: keeps the reason it had.
    expect(state.byId.c?.ended).toBe("transferred");
    expect(state.byId.a?.ended).toBeNull();
  });

  it("keeps what only this page knows across a reconnection: unsent messages and the citizen typing", () => {
    let state = opened(context("a", { transcript: [message({ id: "m1", seq: 1, text: "hi" })] }));
    state = chatsReducer(state, { type: "citizenTyping", chatId: "a", typing: true });
    state = chatsReducer(state, {
      type: "messagePending",
      chatId: "a",
      clientId: "k1",
      text: "reply",
      createdAt: "2024-05-03T08:01:00.000Z",
    });
    const transcript = [
      message({ id: "m2", seq: 2, text: "again" }),
      message({ id: "m1", seq: 1, text: "hi" }),
    ];
    state = chatsReducer(frozen(state), {
      type: "hello",
      hello: hello({ chats: [context("a", { transcript })] }),
    });
    expect(texts(state, "a")).toEqual(["hi:sent", "again:sent", "reply:pending"]);
    expect(state.byId.a?.citizenTyping).toBe(true);
  });
});

describe("chats slice: opening, messages and typing", () => {
  it("adds an opened chat once, at the end, with its transcript in server order", () => {
    const transcript = [message({ id: "m2", seq: 2, text: "b" }), message({ id: "m1", seq: 1, text: "a" })];
    let state = opened(context("x"), context("y", { transcript }));
    expect(state.order).toEqual(["x", "y"]);
    expect(texts(state, "y")).toEqual(["a:sent", "b:sent"]);
    state = chatsReducer(state, { type: "chatOpened", context: context("x") });
    expect(state.order).toEqual(["x", "y"]);
  });

  it("adds a message once, in seq order, ahead of the agent's unsent ones; a citizen's ends their typing", () => {
    let state = opened(context("a", { transcript: [message({ id: "m1", seq: 1, text: "one" })] }));
    state = chatsReducer(state, { type: "citizenTyping", chatId: "a", typing: true });
    state = chatsReducer(state, {
      type: "messagePending",
      chatId: "a",
      clientId: "k1",
      text: "mine",
      createdAt: "2024-05-03T08:01:00.000Z",
    });
    state = chatsReducer(frozen(state), {
      type: "chatMessage",
      chatId: "a",
      message: message({ id: "m3", seq: 3, text: "three" }),
    });
    state = chatsReducer(state, {
      type: "chatMessage",
      chatId: "a",
      message: message({ id: "m2", seq: 2, text: "two" }),
    });
    expect(texts(state, "a")).toEqual(["one:sent", "two:sent", "three:sent", "mine:pending"]);
    expect(state.byId.a?.citizenTyping).toBe(false);

    const again = chatsReducer(frozen(state), {
      type: "chatMessage",
      chatId: "a",
      message: message({ id: "m2", seq: 2, text: "two" }),
    });
    expect(again).toBe(state);
  });

  it("leaves the citizen typing on a bot's or agent's message", () => {
    let state = opened(context("a"));
    state = chatsReducer(state, { type: "citizenTyping", chatId: "a", typing: true });
    state = chatsReducer(state, { type: "chatMessage", chatId: "a", message: message({ role: "agent" }) });
    expect(state.byId.a?.citizenTyping).toBe(true);
  });

  it("ignores typing that changes nothing and typing in an ended chat", () => {
    const state = opened(context("a"));
    expect(chatsReducer(state, { type: "citizenTyping", chatId: "a", typing: false })).toBe(state);
    const ended = frozen(chatsReducer(state, { type: "chatEnded", chatId: "a", reason: "citizen_left" }));
    expect(chatsReducer(ended, { type: "citizenTyping", chatId: "a", typing: true })).toBe(ended);
  });

  it("changes nothing for a chat it does not have", () => {
    const state = opened(context("a"));
    expect(chatsReducer(state, { type: "chatMessage", chatId: "zz", message: message() })).toBe(state);
    expect(chatsReducer(state, { type: "citizenTyping", chatId: "zz", typing: true })).toBe(state);
    expect(chatsReducer(state, { type: "chatEnded", chatId: "zz", reason: "closed" })).toBe(state);
    expect(chatsReducer(state, { type: "chatRemoved", chatId: "zz" })).toBe(state);
    expect(
      chatsReducer(state, { type: "messagePending", chatId: "zz", clientId: "k", text: "t", createdAt: "x" }),
    ).toBe(state);
  });
});

describe("chats slice: ending and removing", () => {
  it("marks a chat ended once (the first reason stays) and stops the typing", () => {
    let state = opened(context("a"));
    state = chatsReducer(state, { type: "citizenTyping", chatId: "a", typing: true });
    state = frozen(chatsReducer(state, { type: "chatEnded", chatId: "a", reason: "closed" }));
    expect(state.byId.a).toMatchObject({ ended: "closed", citizenTyping: false });
    expect(chatsReducer(state, { type: "chatEnded", chatId: "a", reason: "requeued" })).toBe(state);
    expect(state.order).toEqual(["a"]);
  });

  it("removes a chat from the board and the order", () => {
    const state = chatsReducer(opened(context("a"), context("b")), { type: "chatRemoved", chatId: "a" });
    expect(state.order).toEqual(["b"]);
    expect(state.byId.a).toBeUndefined();
  });
});

describe("chats slice: the agent's own messages", () => {
  const pending = (state: ChatsState, clientId: string, text: string) =>
    chatsReducer(state, {
      type: "messagePending",
      chatId: "a",
      clientId,
      text,
      createdAt: "2024-05-03T08:01:00.000Z",
    });

  it("shows a message at once as pending, then in its stored place once acked (once, even if acked twice)", () => {
    let state = pending(
      opened(context("a", { transcript: [message({ id: "m1", seq: 1, text: "q" })] })),
      "k1",
      "a1",
    );
    expect(state.byId.a?.messages.at(-1)).toMatchObject({ id: "local:k1", clientId: "k1", role: "agent" });
    state = pending(state, "k2", "a2");
    const stored = message({ id: "m2", seq: 2, role: "agent", text: "a1" });
    state = chatsReducer(frozen(state), {
      type: "messageSent",
      chatId: "a",
      clientId: "k1",
      message: stored,
    });
    expect(texts(state, "a")).toEqual(["q:sent", "a1:sent", "a2:pending"]);
    state = chatsReducer(frozen(state), {
      type: "messageSent",
      chatId: "a",
      clientId: "k1",
      message: stored,
    });
    expect(texts(state, "a")).toEqual(["q:sent", "a1:sent", "a2:pending"]);
  });

  it("marks a refused message failed with the reason; a retry puts it back to pending in its place", () => {
    let state = pending(pending(opened(context("a")), "k1", "first"), "k2", "second");
    const error = { code: "HANDOFF_NOT_ASSIGNED", message: "not yours" };
    state = chatsReducer(frozen(state), { type: "messageFailed", chatId: "a", clientId: "k1", error });
    expect(state.byId.a?.messages[0]).toMatchObject({ delivery: "failed", error });
    state = pending(frozen(state), "k1", "first");
    expect(texts(state, "a")).toEqual(["first:pending", "second:pending"]);
    expect(state.byId.a?.messages[0]).not.toHaveProperty("error");
  });

  it("changes nothing when the failed message is not (or no longer) unsent", () => {
    const state = opened(context("a"));
    const error = { code: "X", message: "x" };
    expect(chatsReducer(state, { type: "messageFailed", chatId: "a", clientId: "nope", error })).toBe(state);
  });
});
