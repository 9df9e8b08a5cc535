import { ActivityTypes, type Activity, type CardAction, MessageFactory, TextFormatTypes } from "botbuilder";
import { z } from "zod";
import type { Locale } from "../../domain/locale.js";
import type { RenderedPart } from "../port/render-reply.js";

/** What a Bot Framework activity asks of the desk. */
export type Incoming =
  | { kind: "words"; text: string; id: string; locale: Locale | undefined }
  /** Words longer than the desk takes: the citizen is told, nothing is stored. */
  | { kind: "too-long"; locale: Locale | undefined }
  /** The conversation opened with the citizen in it (not only the bot): the bot greets them. */
  | { kind: "opened"; locale: Locale | undefined }
  /** The channel's handoff platform saying where a handoff stands (accepted, failed, completed). */
  | { kind: "handoff-status"; state: string }
  /** Typing, reactions, installs: nothing for the desk to do. */
  | { kind: "other" };

export class ActivityError extends Error {
  readonly code = "BOTFRAMEWORK_BAD_ACTIVITY";
}

const Party = z.object({ id: z.string().min(1).max(512) });
const Base = z.object({
  type: z.string().min(1).max(64),
  id: z.string().max(512).optional(),
  channelId: z.string().min(1).max(64),
  from: Party,
  recipient: Party.optional(),
  conversation: z.object({ id: z.string().min(1).max(1024) }),
  locale: z.string().max(32).optional(),
});

const localeOf = (tag: string | undefined): Locale | undefined => (tag === undefined ? undefined : /^en\b/i.test(tag) ? "en" : /^zh\b/i.test(tag) ? "zh" : undefined);

/**
 * What an activity from a Bot Framework channel asks: words (typed, or a button's label sent back),
 * words too long (over `maxText`), the conversation opening, a handoff status, or nothing. An
 * activity that does not have the fields the desk relies on is refused (ActivityError). Pure.
 */
export function readActivity(activity: unknown, maxText: number): Incoming {
  const base = Base.safeParse(activity);
  if (!base.success) throw new ActivityError(`not an activity the desk can take: ${base.error.issues.map((i) => `${i.path.join(".") || "activity"}: ${i.message}`).join("; ")}`);
  const a = base.data;
  const raw = activity as Record<string, unknown>;
  const locale = localeOf(a.locale);
  switch (a.type) {
    case ActivityTypes.Message: {
      const text = typeof raw.text === "string" ? raw.text.trim() : "";
      if (text === "") return { kind: "other" };
      if (text.length > maxText) return { kind: "too-long", locale };
      if (!a.id) throw new ActivityError("a message activity needs its id");
      return { kind: "words", text, id: a.id, locale };
    }
    case ActivityTypes.ConversationUpdate: {
      const added = z.array(Party).safeParse(raw.membersAdded);
      const botId = a.recipient?.id;
      return added.success && added.data.some((m) => m.id !== botId) ? { kind: "opened", locale } : { kind: "other" };
    }
    case ActivityTypes.Event: {
      if (raw.name !== "handoff.status") return { kind: "other" };
      const value = z.object({ state: z.string().max(64) }).safeParse(raw.value);
      return { kind: "handoff-status", state: value.success ? value.data.state : "unknown" };
    }
    default:
      return { kind: "other" };
  }
}

/** A rendered reply as a message activity: Markdown, the quick replies as suggested actions (imBack: the label comes back as words). */
export function activityFor(part: RenderedPart): Partial<Activity> {
  const actions: CardAction[] = part.choices.map((c) => ({ type: "imBack", title: c.label, value: c.label }));
  const activity = actions.length > 0 ? MessageFactory.suggestedActions(actions, part.text) : MessageFactory.text(part.text);
  activity.textFormat = part.format === "markdown" ? TextFormatTypes.Markdown : TextFormatTypes.Plain;
  return activity;
}
