import { describe, expect, it } from "vitest";
import { ActivityError, activityFor, readActivity } from "../../../src/channels/botframework/activities.js";

const base = { channelId: "msteams", from: { id: "29:user" }, recipient: { id: "28:bot" }, conversation: { id: "a:conv" } };

describe("Bot Framework activities, read and written (pure)", () => {
  it("reads words, their language, and what the desk leaves alone", () => {
    expect(readActivity({ ...base, type: "message", id: "1", text: "  养老金怎么领  ", locale: "zh-CN" }, 2000)).toEqual({ kind: "words", text: "养老金怎么领", id: "1", locale: "zh" });
    expect(readActivity({ ...base, type: "message", id: "2", text: "pension", locale: "en-GB" }, 2000)).toMatchObject({ locale: "en" });
    expect(readActivity({ ...base, type: "message", id: "3", text: "x", locale: "fr-FR" }, 2000)).toMatchObject({ locale: undefined });
    expect(readActivity({ ...base, type: "message", id: "4", text: "长".repeat(11) }, 10)).toEqual({ kind: "too-long", locale: undefined });
    // An attachment with no words, typing, a reaction: nothing to answer.
    expect(readActivity({ ...base, type: "message", id: "5", attachments: [{}] }, 2000)).toEqual({ kind: "other" });
    expect(readActivity({ ...base, type: "typing" }, 2000)).toEqual({ kind: "other" });
  });

  it("knows the citizen's arrival from the bot's own, and a handoff platform's status", () => {
    expect(readActivity({ ...base, type: "conversationUpdate", membersAdded: [{ id: "29:user" }] }, 2000)).toEqual({ kind: "opened", locale: undefined });
    expect(readActivity({ ...base, type: "conversationUpdate", membersAdded: [{ id: "28:bot" }] }, 2000)).toEqual({ kind: "other" });
    expect(readActivity({ ...base, type: "event", name: "handoff.status", value: { state: "accepted" } }, 2000)).toEqual({ kind: "handoff-status", state: "accepted" });
  });

  it("refuses what lacks the fields the desk relies on", () => {
    for (const bad of [{ type: "message", text: "hi" }, { ...base, from: { id: "" }, type: "message", id: "1", text: "hi" }, { ...base, type: "message", text: "no id" }, null, "text"])
      expect(() => readActivity(bad, 2000)).toThrow(ActivityError);
  });

  it("writes a reply as Markdown with the quick replies as imBack suggested actions", () => {
    const activity = activityFor({ text: "**挂失**：拨打12333", format: "markdown", choices: [{ label: "补办社保卡", payload: { intent: "card.replace" } }] });
    expect(activity).toMatchObject({ type: "message", text: "**挂失**：拨打12333", textFormat: "markdown" });
    expect(activity.suggestedActions?.actions).toEqual([{ type: "imBack", title: "补办社保卡", value: "补办社保卡" }]);
    expect(activityFor({ text: "您是下一位", format: "plain", choices: [] })).toMatchObject({ textFormat: "plain" });
    expect(activityFor({ text: "您是下一位", format: "plain", choices: [] }).suggestedActions).toBeUndefined();
  });
});
