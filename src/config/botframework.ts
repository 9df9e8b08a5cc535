import { z } from "zod";
import { ConfigError } from "./config-error.js";

/** The Azure Bot resource's settings (its Configuration blade), named as Microsoft's samples name them. */
export const botFrameworkEnv = {
  BOTFRAMEWORK_APP_ID: z.uuid({ message: "the bot's Microsoft App ID (a GUID)" }).optional(),
  BOTFRAMEWORK_APP_PASSWORD: z.string().min(1).optional(),
  BOTFRAMEWORK_APP_TYPE: z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"]).default("MultiTenant"),
  BOTFRAMEWORK_TENANT_ID: z.string().min(1).optional(),
  /** Local trials with the Bot Framework Emulator: no App ID, nothing checked. Refused in production. */
  BOTFRAMEWORK_WITHOUT_AUTH: z.enum(["true", "false"]).default("false"),
};

export interface BotFrameworkConfig {
  /** Empty: authentication off (the Emulator on this machine); activities are then taken unchecked. */
  appId: string;
  appPassword: string;
  appType: "MultiTenant" | "SingleTenant" | "UserAssignedMSI";
  tenantId?: string;
}

type BotFrameworkEnv = { [K in keyof typeof botFrameworkEnv]?: z.infer<(typeof botFrameworkEnv)[K]> };

/**
 * The Bot Framework channel when BOTFRAMEWORK_APP_ID is set (with its password, or a managed
 * identity), or BOTFRAMEWORK_WITHOUT_AUTH=true for the Emulator outside production; none otherwise.
 */
export function botFrameworkConfig(e: BotFrameworkEnv, production: boolean): BotFrameworkConfig | undefined {
  const appType = e.BOTFRAMEWORK_APP_TYPE ?? "MultiTenant";
  if (e.BOTFRAMEWORK_APP_ID) {
    if (appType !== "UserAssignedMSI" && !e.BOTFRAMEWORK_APP_PASSWORD)
      throw new ConfigError("invalid configuration: BOTFRAMEWORK_APP_PASSWORD: required with BOTFRAMEWORK_APP_ID (or BOTFRAMEWORK_APP_TYPE=UserAssignedMSI)");
    if (appType !== "MultiTenant" && !e.BOTFRAMEWORK_TENANT_ID)
      throw new ConfigError(`invalid configuration: BOTFRAMEWORK_TENANT_ID: required with BOTFRAMEWORK_APP_TYPE=${appType}`);
    return {
      appId: e.BOTFRAMEWORK_APP_ID,
      appPassword: e.BOTFRAMEWORK_APP_PASSWORD ?? "",
      appType,
      ...(e.BOTFRAMEWORK_TENANT_ID ? { tenantId: e.BOTFRAMEWORK_TENANT_ID } : {}),
    };
  }
  if (e.BOTFRAMEWORK_APP_PASSWORD) throw new ConfigError("invalid configuration: BOTFRAMEWORK_APP_ID: required with BOTFRAMEWORK_APP_PASSWORD");
  if (e.BOTFRAMEWORK_WITHOUT_AUTH !== "true") return undefined;
  if (production)
    throw new ConfigError("invalid configuration: BOTFRAMEWORK_WITHOUT_AUTH=true takes activities from anyone, unchecked; with NODE_ENV=production set BOTFRAMEWORK_APP_ID instead");
  return { appId: "", appPassword: "", appType: "MultiTenant" };
}
