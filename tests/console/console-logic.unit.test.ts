import { afterEach, describe, expect, it } from "vitest";
import {
  forgetPresence,
  rememberedPresence,
  rememberPresence,
} from "../../agent-console/src/features/agent/api/presence-preference";
import { countQueue, queueTiming } from "../../agent-console/src/features/queue/model/queue-summary";
import { STRINGS } from "../../agent-console/src/features/queue/strings";
import { intentName } from "../../agent-console/src/lib/intents";
import type { Hello, QueueItemView } from "../../agent-console/src/lib/protocol";
import {
  dayIn,
  formatClock,
  formatDateTime,
  formatShiftTime,
  wholeMinutes,
} from "../../agent-console/src/lib/time";
import { deskReducer, initialDeskState } from "../../agent-console/src/stores/desk-reducer";
import { closed, hello as helloFixture } from "./desk-fixtures";

/** The console's pure pieces (no browser): queue counts, times in the service's zone, the store. */

const item = (over: Partial<QueueItemView>): QueueItemView => ({
  chatId: "c1",
  urgency: "normal",
  language: "zh",
  skill: "pension",
  reason: "explicit",
  arrivedAt: "2024-05-03T08:00:00.000Z",
  status: "waiting",
  agentId: null,
  acceptedAt: null,
  ...over,
});

describe("queue panel figures", () => {
  it("counts waiting, offered and in-progress chats separately, each chat once", () => {
    const queue = [
      item({ chatId: "a", status: "waiting" }),
      item({ chatId: "b", status: "waiting" }),
      item({ chatId: "c", status: "offered", agentId: "x" }),
      item({ chatId: "d", status: "active", agentId: "x", acceptedAt: "2024-05-03T08:01:00.000Z" }),
      item({ chatId: "e", status: "active", agentId: "y", acceptedAt: "2024-05-03T08:02:00.000Z" }),
      item({ chatId: "f", status: "active", agentId: "y", acceptedAt: "2024-05-03T08:03:00.000Z" }),
    ];
    expect(countQueue(queue)).toEqual({ waiting: 2, offered: 1, active: 3 });
    expect(countQueue([])).toEqual({ waiting: 0, offered: 0, active: 0 });
    expect(STRINGS.zh.queueCounts(2, 1, 3)).toBe("排队 2 · 待接入 1 · 进行中 3");
    expect(STRINGS.en.queueCounts(2, 1, 3)).toBe("2 waiting · 1 offered · 3 in progress");
  });

  it("times a waiting or offered citizen from arrival, an accepted chat from its accept (not as a wait)", () => {
    expect(queueTiming(item({ status: "waiting" }))).toEqual({
      kind: "waiting",
      since: "2024-05-03T08:00:00.000Z",
    });
    expect(queueTiming(item({ status: "offered", agentId: "x" }))).toEqual({
      kind: "waiting",
      since: "2024-05-03T08:00:00.000Z",
    });
    expect(
      queueTiming(item({ status: "active", agentId: "x", acceptedAt: "2024-05-03T08:07:00.000Z" })),
    ).toEqual({ kind: "in_chat", since: "2024-05-03T08:07:00.000Z" });
    // No accept time known: no figure rather than the wait passed off as the chat's length.
    expect(queueTiming(item({ status: "active", agentId: "x", acceptedAt: null }))).toBeNull();
  });

  it("words a chat's length in whole minutes, differently from a wait", () => {
    const say = (locale: "zh" | "en", ms: number) => {
      const { hours, minutes } = wholeMinutes(ms);
      return STRINGS[locale].inChat(STRINGS[locale].minutes(hours, minutes));
    };
    expect(say("zh", 59_000)).toBe("通话中 不到 1 分钟");
    expect(say("zh", 4 * 60_000 + 59_000)).toBe("通话中 4 分钟");
    expect(say("zh", 65 * 60_000)).toBe("通话中 1 小时 5 分钟");
    expect(say("en", 4 * 60_000)).toBe("in chat 4 min");
    expect(say("en", 120 * 60_000)).toBe("in chat 2 h");
    expect(say("en", -5_000)).toBe("in chat under 1 min");
    expect(STRINGS.zh.waited("0:42")).not.toContain("通话中");
  });
});

describe("times in the service's time zone, whatever the browser's", () => {
  // 23:30 UTC on 3 May: 07:30 on 4 May in Shanghai, 05:00 on 4 May in Kolkata, 19:30 on 3 May in New York.
  const at = "2024-05-03T23:30:00.000Z";

  it("formats clocks and dates in the zone given", () => {
    expect(formatClock(at, "zh", "Asia/Shanghai")).toBe("07:30");
    expect(formatClock(at, "en", "Asia/Kolkata")).toBe("05:00");
    expect(formatClock(at, "en", "America/New_York")).toBe("19:30");
    expect(formatDateTime(at, "zh", "Asia/Shanghai")).toBe("05/04 07:30");
    expect(formatDateTime(at, "en", "America/New_York")).toBe("03/05, 19:30");
  });

  it("shows nothing before the zone is known, and survives a zone the browser does not know", () => {
    expect(formatClock(at, "zh", null)).toBe("");
    expect(formatDateTime(at, "en", null)).toBe("");
    expect(formatClock("not a time", "zh", "Asia/Shanghai")).toBe("");
    expect(formatClock(at, "zh", "Mars/Olympus_Mons")).toBe("23:30");
  });

  it("gives a time earlier in the shift its date only when that was another day in the zone", () => {
    const now = Date.parse("2024-05-04T01:00:00.000Z"); // 09:00 on 4 May in Shanghai
    expect(dayIn(Date.parse(at), "Asia/Shanghai")).toBe(dayIn(now, "Asia/Shanghai"));
    expect(formatShiftTime(at, "zh", "Asia/Shanghai", now)).toBe("07:30");
    // In New York the chat closed on 3 May and it is now 4 May (21:00 on the 3rd: same day).
    expect(formatShiftTime(at, "en", "America/New_York", now)).toBe("19:30");
    expect(formatShiftTime(at, "en", "America/New_York", Date.parse("2024-05-04T05:00:00.000Z"))).toBe(
      "03/05, 19:30",
    );
  });
});

describe("intent names", () => {
  const names = {
    "service.progress": {
      id: "service.progress",
      zh: "查询业务办理进度",
      en: "checking the progress of an application",
    },
  };

  it("names an intent in the console's language, falling back to its id only when unknown", () => {
    expect(intentName(names, "service.progress", "zh")).toBe("查询业务办理进度");
    expect(intentName(names, "service.progress", "en")).toBe("checking the progress of an application");
    expect(intentName(names, "card.new_thing", "zh")).toBe("card.new_thing");
    expect(intentName(names, "constructor", "en")).toBe("constructor");
  });
});

describe("desk store: hello and closes", () => {
  // The shared fixture (desk-fixtures.ts), with what these tests read set apart.
  const hello = (over: Partial<Hello> = {}): Hello =>
    helloFixture({
      presence: "away",
      wrapUpCodes: ["resolved"],
      cannedReplies: [],
      recentlyClosed: [closed("b", "2024-05-03T08:00:00.000Z")],
      timeZone: "Asia/Kolkata",
      ...over,
    });


  it("keeps the presence, intent names, recently closed chats and time zone agent:hello gives", () => {
    const state = deskReducer(initialDeskState, { type: "hello", hello: hello() });
    expect(state.agent.presence).toBe("away");
    expect(state.service.intentNames["service.progress"]?.zh).toBe("查询进度");
    expect(state.history.recentlyClosed.map((c) => c.chatId)).toEqual(["b"]);
    expect(state.service.timeZone).toBe("Asia/Kolkata");
  });

  it("puts a closed chat's summary first, once, even after the agent's own close removed its panel", () => {
    let state = deskReducer(initialDeskState, { type: "hello", hello: hello() });
    const summary = closed("c", "2024-05-03T09:00:00.000Z");
    state = deskReducer(state, { type: "chatRemoved", chatId: "c" });
    state = deskReducer(state, { type: "chatEnded", chatId: "c", reason: "closed", summary });
    state = deskReducer(state, { type: "chatEnded", chatId: "c", reason: "closed", summary });
    expect(state.history.recentlyClosed.map((c) => c.chatId)).toEqual(["c", "b"]);
    // Other endings leave no line.
    state = deskReducer(state, { type: "chatEnded", chatId: "d", reason: "transferred" });
    expect(state.history.recentlyClosed).toHaveLength(2);
  });
});

describe("presence remembered across reloads", () => {
  const store = new Map<string, string>();
  const fake = {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
    removeItem: (k: string) => void store.delete(k),
  };
  (globalThis as { window?: unknown }).window = { localStorage: fake };
  afterEach(() => store.clear());

  it("remembers the last choice per username while that sign-in lasts, and forgets it on sign-out", () => {
    const until = "2024-05-03T20:00:00.000Z";
    const before = Date.parse("2024-05-03T10:00:00.000Z");
    expect(rememberedPresence("ann", before)).toBeUndefined();
    rememberPresence("ann", "away", until);
    expect(rememberedPresence("ann", before)).toBe("away");
    expect(rememberedPresence("bo", before)).toBeUndefined();
    rememberPresence("ann", "online", until);
    expect(rememberedPresence("ann", before)).toBe("online");
    // The next shift (the sign-in it was chosen in has expired) starts afresh.
    rememberPresence("ann", "away", until);
    expect(rememberedPresence("ann", Date.parse("2024-05-04T08:00:00.000Z"))).toBeUndefined();
    rememberPresence("ann", "away", until);
    forgetPresence("ann");
    expect(rememberedPresence("ann", before)).toBeUndefined();
    store.set("shebao-console:presence:ann", "{not json");
    expect(rememberedPresence("ann", before)).toBeUndefined();
  });
});
