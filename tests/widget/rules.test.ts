import { describe, expect, it } from "vitest";
import type { HandoffStatusView, MessageRole, QuickReplyPayload } from "../../src/protocol/events.js";
import { formatBackAt, handoffStrip, knownTimeZone } from "../../widget/src/handoff.js";
import { dictionary } from "../../widget/src/i18n.js";
import {
  canCancelHandoff,
  canLeaveMessage,
  liveTurn,
  outlivedBy,
  replyEnabled,
} from "../../widget/src/moments.js";
import { privacyLine } from "../../widget/src/privacy.js";

/**
 * The widget's pure rules, fed the payloads the server is being changed to send (`asking`,
 * `waitingForAgents`, `timeZone`), so they hold before the server sends them.
 */

const status = (
  state: HandoffStatusView["state"],
  extra: Partial<HandoffStatusView> = {},
): HandoffStatusView => ({
  handoffId: state === "unavailable" ? "" : "h1",
  state,
  ...extra,
});
const CANCEL: QuickReplyPayload = { action: "handoff", command: "cancel" };
const LEAVE: QuickReplyPayload = { action: "handoff", command: "leave_message" };
const INTENT: QuickReplyPayload = { intent: "card_lost" };
const AGENT: QuickReplyPayload = { action: "agent" };
const CONFIRM: QuickReplyPayload = { action: "flow", command: "confirm", flow: "unemployment" };
const turns = (...roles: MessageRole[]) => roles.map((role, i) => ({ key: `m${i}`, role }));

describe("stale buttons (item 9): which quick replies are enabled", () => {
  it("only the newest message that is not the citizen's own is live, until the citizen says something after it", () => {
    expect(liveTurn([])).toBeUndefined();
    expect(liveTurn(turns("bot"))).toBe("m0");
    expect(liveTurn(turns("bot", "citizen", "bot"))).toBe("m2");
    // The citizen answered (or is still sending): the bot's buttons belong to a moment that has passed.
    expect(liveTurn(turns("bot", "citizen"))).toBeUndefined();
    expect(liveTurn(turns("bot", "citizen", "bot", "citizen"))).toBeUndefined();
    // An agent's or a system notice is newer than the bot's buttons.
    expect(liveTurn(turns("bot", "agent"))).toBe("m1");
    expect(liveTurn(turns("bot", "system"))).toBe("m1");
  });

  it("buttons off the live message are disabled whatever they do", () => {
    for (const payload of [INTENT, AGENT, CONFIRM, CANCEL, LEAVE]) {
      expect(replyEnabled(payload, false, status("queued", { waitingForAgents: true }))).toBe(false);
      expect(replyEnabled(payload, false, status("unavailable"))).toBe(false);
    }
    for (const payload of [INTENT, AGENT, CONFIRM]) expect(replyEnabled(payload, true, undefined)).toBe(true);
  });

  it("Cancel (leave the queue) is enabled only while queued or offered", () => {
    expect(canCancelHandoff(status("queued", { position: 2, etaSec: 300 }))).toBe(true);
    expect(canCancelHandoff(status("offered", { position: 1 }))).toBe(true);
    expect(canCancelHandoff(status("queued", { waitingForAgents: true }))).toBe(true);
    for (const state of ["connected", "ended", "cancelled", "unavailable"] as const) {
      expect(canCancelHandoff(status(state))).toBe(false);
      expect(replyEnabled(CANCEL, true, status(state))).toBe(false);
    }
    expect(canCancelHandoff(undefined)).toBe(false);
    expect(replyEnabled(CANCEL, true, status("queued"))).toBe(true);
    expect(replyEnabled(CANCEL, true, undefined)).toBe(false);
  });

  it("Leave a message is enabled only while nobody can answer: unavailable, or queued waiting for agents", () => {
    expect(canLeaveMessage(status("unavailable"))).toBe(true);
    expect(canLeaveMessage(status("unavailable", { backAt: "2026-03-02T00:30:00Z" }))).toBe(true);
    expect(canLeaveMessage(status("queued", { waitingForAgents: true }))).toBe(true);
    expect(canLeaveMessage(status("queued", { position: 1, etaSec: 30 }))).toBe(false);
    // An offer means an agent is there: the flag no longer applies.
    expect(canLeaveMessage(status("offered", { waitingForAgents: true }))).toBe(false);
    for (const state of ["connected", "ended", "cancelled"] as const)
      expect(canLeaveMessage(status(state))).toBe(false);
    expect(canLeaveMessage(undefined)).toBe(false);
    expect(replyEnabled(LEAVE, true, status("unavailable"))).toBe(true);
    expect(replyEnabled(LEAVE, true, status("connected"))).toBe(false);
  });

  it("an agent's message outlives 'nobody can answer now'; other messages and other states do not", () => {
    expect(outlivedBy(status("unavailable"), "agent")).toBe(true);
    expect(outlivedBy(status("unavailable"), "bot")).toBe(false);
    expect(outlivedBy(status("unavailable"), "citizen")).toBe(false);
    expect(outlivedBy(status("unavailable"), "system")).toBe(false);
    expect(outlivedBy(status("connected"), "agent")).toBe(false);
    expect(outlivedBy(undefined, "agent")).toBe(false);
  });
});

describe("handoff strip while nobody is online yet (item 9, waitingForAgents)", () => {
  it("says the citizen is in line for the first agent to come online, in both languages, with Cancel", () => {
    const waiting = status("queued", { waitingForAgents: true, position: 1 });
    expect(handoffStrip(waiting, dictionary.zh, "zh")).toEqual({
      state: "queued",
      text: "客服暂时不在线，您已在排队，客服上线后将第一时间为您接入",
      cancellable: true,
    });
    expect(handoffStrip(waiting, dictionary.en, "en")).toEqual({
      state: "queued",
      text: "No agent is online yet; you are in line and the first agent to come online will take your chat",
      cancellable: true,
    });
    // Without the flag the place in line is shown as before.
    expect(handoffStrip(status("queued", { position: 1, etaSec: 30 }), dictionary.zh, "zh")?.text).toBe(
      "正在为您转接人工客服，您是下一位，预计等待不到1分钟",
    );
  });
});

describe("privacy line under the input (item 11)", () => {
  const bot = (asking?: string) => ({ role: "bot" as const, ...(asking ? { asking } : {}) });

  it("follows what the newest bot message asks for", () => {
    expect(privacyLine([])).toBe("privacy");
    expect(privacyLine([bot()])).toBe("privacy");
    expect(privacyLine([bot("bank_card")])).toBe("privacyBankCard");
    expect(privacyLine([bot("id_number")])).toBe("privacyIdNumber");
    expect(privacyLine([bot("mobile")])).toBe("privacyMobile");
    expect(privacyLine([bot("person_name")])).toBe("privacyPersonName");
    // Kinds that are not personal data, and unknown kinds, keep the general line.
    for (const kind of ["date", "region", "enum", "yes_no", "application_number_or_id", "toString", "x"]) {
      expect(privacyLine([bot(kind)])).toBe("privacy");
    }
    // The citizen's answer (or an agent) after the question does not change it; the bot's next message does.
    expect(privacyLine([bot("bank_card"), { role: "citizen" }])).toBe("privacyBankCard");
    expect(privacyLine([bot("bank_card"), { role: "citizen" }, bot("mobile")])).toBe("privacyMobile");
    expect(privacyLine([bot("bank_card"), { role: "citizen" }, bot()])).toBe("privacy");
  });

  it("says, in both languages, what the step needs, that it is for this application only and how it is kept", () => {
    for (const key of ["privacyBankCard", "privacyIdNumber", "privacyMobile"] as const) {
      expect(dictionary.zh[key]).toContain("这一步需要");
      expect(dictionary.zh[key]).toContain("只用于本次申请");
      expect(dictionary.zh[key]).toContain("加密保存");
      expect(dictionary.zh[key]).toContain("工作人员只能看到部分号码");
      expect(dictionary.en[key]).toContain("This step needs your");
      expect(dictionary.en[key]).toContain("used only for this application");
      expect(dictionary.en[key]).toContain("stored encrypted");
      expect(dictionary.en[key]).toContain("staff see only part of it");
    }
    expect(dictionary.zh.privacyBankCard).toContain("银行卡号");
    expect(dictionary.zh.privacyBankCard).toContain("请不要发送银行卡密码");
    expect(dictionary.en.privacyBankCard).toContain("Never send your card's PIN or any password");
    expect(dictionary.zh.privacyIdNumber).toContain("身份证号码");
    expect(dictionary.zh.privacyMobile).toContain("手机号码");
    // The server stores a name given in answer masked to the surname, the original sealed
    // (tests/channels/flows.test.ts): the line says exactly that.
    expect(dictionary.zh.privacyPersonName).toBe("这一步需要填写您的姓名。姓名只用于本次申请，加密保存，工作人员只能看到您的姓。");
    expect(dictionary.en.privacyPersonName).toContain("staff see only your surname");
  });
});

describe("times in the service's time zone (chat:session timeZone)", () => {
  // 00:30 UTC on 2 March is 08:30 on 2 March in Shanghai, and 19:30 on 1 March in New York.
  const backAt = "2026-03-02T00:30:00.000Z";

  it("shows the time alone when it is today in the service's zone, whatever the reader's zone says", () => {
    // 07:00 on 2 March in Shanghai (still 1 March in UTC and New York).
    const now = new Date("2026-03-01T23:00:00.000Z");
    const clock = { now, timeZone: "Asia/Shanghai", readerTimeZone: "Asia/Shanghai" };
    expect(formatBackAt(backAt, "zh", clock)).toBe("08:30");
    expect(formatBackAt(backAt, "en", clock)).toBe("8:30 AM");
    const strip = handoffStrip(status("unavailable", { backAt }), dictionary.zh, "zh", clock);
    expect(strip).toEqual({ state: "unavailable", text: "人工客服将于 08:30 恢复服务", cancellable: false });
  });

  it("gives the date when that is another day in the service's zone, judged there and not by the reader", () => {
    // 23:00 on 1 March in Shanghai: the morning of 2 March is tomorrow there, though the same day in UTC.
    const now = new Date("2026-03-01T15:00:00.000Z");
    const clock = { now, timeZone: "Asia/Shanghai", readerTimeZone: "Asia/Shanghai" };
    expect(formatBackAt(backAt, "zh", clock)).toBe("3月2日周一 08:30");
    expect(formatBackAt(backAt, "en", clock)).toBe("Mon, March 2 at 8:30 AM");
  });

  it("names the zone for a reader whose own clock is elsewhere, so 08:30 is not taken for their time", () => {
    const now = new Date("2026-03-01T23:00:00.000Z");
    const abroad = { now, timeZone: "Asia/Shanghai", readerTimeZone: "America/New_York" };
    expect(formatBackAt(backAt, "zh", abroad)).toBe("中国标准时间 08:30");
    expect(formatBackAt(backAt, "en", abroad)).toBe("8:30 AM China Standard Time");
    expect(handoffStrip(status("unavailable", { backAt }), dictionary.en, "en", abroad)?.text).toBe(
      "Agents are back at 8:30 AM China Standard Time",
    );
  });

  it("falls back to the reader's zone for a zone the browser does not know, and to the plain line for a bad time", () => {
    expect(knownTimeZone("Mars/Olympus")).toBeUndefined();
    expect(knownTimeZone(undefined)).toBeUndefined();
    expect(knownTimeZone("Asia/Shanghai")).toBe("Asia/Shanghai");
    const now = new Date("2026-03-02T00:00:00.000Z");
    expect(formatBackAt(backAt, "en", { now, timeZone: "Mars/Olympus" })).toMatch(/\d:30/);
    expect(handoffStrip(status("unavailable", { backAt: "soon" }), dictionary.zh, "zh")?.text).toBe(
      "人工客服暂时无法接入",
    );
  });
});
