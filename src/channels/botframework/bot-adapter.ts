import { type Activity, CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConversationReference, EventFactory, TurnContext } from "botbuilder";
import type { BotFrameworkConfig } from "../../config/botframework.js";

/** What the channel uses of Microsoft's SDK, and nothing else: the rest of the desk never imports `botbuilder`. */
export interface BotAdapter {
  /**
   * Checks the request's token (unless authentication is off) and runs `logic` on the activity.
   * Resolves to the response to give: 200 with the replies for `deliveryMode: expectReplies`.
   * Rejects with BotAuthError when the token is missing or wrong.
   */
  turn(authorization: string, activity: Record<string, unknown>, logic: (turn: BotTurn) => Promise<void>): Promise<{ status: number; body?: unknown }>;
  /** Sends to a conversation outside any request of its citizen (an agent's words, a notice). */
  sendTo(reference: string, activities: Partial<Activity>[]): Promise<void>;
}

/** One turn, as the channel sees it. */
export interface BotTurn {
  activity: Activity;
  /** The conversation's address for later sends, as text to keep (sealed) beside it. */
  reference: string;
  send(activities: Partial<Activity>[]): Promise<void>;
  /** The standard event that tells the channel a person is taking over (handoff.initiate). */
  handoffInitiation(context: Record<string, unknown>): Partial<Activity>;
}

export class BotAuthError extends Error {
  readonly code = "BOTFRAMEWORK_UNAUTHORIZED";
}

/** The SDK's own turn, reachable: `process()` writes errors to the console; the desk logs its own way. */
class DeskCloudAdapter extends CloudAdapter {
  turn(authorization: string, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(authorization, activity, logic);
  }
}

/** The CloudAdapter with the bot's credentials (ConfigurationBotFrameworkAuthentication), or none: the Emulator. */
export function botAdapter(config: BotFrameworkConfig): BotAdapter {
  const adapter = new DeskCloudAdapter(
    new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: config.appId,
      MicrosoftAppPassword: config.appPassword,
      MicrosoftAppType: config.appType,
      ...(config.tenantId ? { MicrosoftAppTenantId: config.tenantId } : {}),
    }),
  );
  return {
    async turn(authorization, raw, logic) {
      const activity = withDates(raw);
      try {
        const response = await adapter.turn(authorization, activity, (context) =>
          logic({
            activity: context.activity,
            reference: JSON.stringify(TurnContext.getConversationReference(context.activity)),
            send: async (activities) => {
              if (activities.length > 0) await context.sendActivities(activities);
            },
            handoffInitiation: (value) => EventFactory.createHandoffInitiation(context, value),
          }),
        );
        return { status: response?.status ?? 200, ...(response?.body === undefined ? {} : { body: response.body }) };
      } catch (error) {
        if ((error as { statusCode?: unknown }).statusCode === 401) throw new BotAuthError((error as Error).message);
        throw error;
      }
    },
    async sendTo(reference, activities) {
      const to = JSON.parse(reference) as Partial<ConversationReference>;
      await adapter.continueConversationAsync(config.appId, to, async (context) => {
        await context.sendActivities(activities);
      });
    },
  };
}

/** What the SDK's own request handling does before a turn: ISO times as Dates. */
function withDates(raw: Record<string, unknown>): Activity {
  const activity = { ...raw };
  for (const key of ["timestamp", "localTimestamp", "expiration"] as const) {
    if (typeof activity[key] === "string") activity[key] = new Date(activity[key]);
  }
  return activity as unknown as Activity;
}
