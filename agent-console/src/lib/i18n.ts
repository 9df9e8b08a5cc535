import { createContext, useContext } from "react";
import type { Locale, OfferWithdrawnReason, Skill, StaffRole, Urgency, WrapUpCode } from "./protocol";

/**
 * The console's languages: the machinery every feature uses, and the strings shared by several
 * of them (common buttons, labels of protocol values, error texts). Each feature keeps its own
 * strings in features/<name>/strings.ts. The maps keyed by protocol values (wrap-up codes, reasons
 * a chat ended...) are typed by those values, so a new one in src/protocol/agent-events.ts fails
 * the build until it has a label.
 */

export type { Locale };

/** One set of strings in both languages. */
export type Catalogue<T> = Readonly<Record<Locale, T>>;

/**
 * A set of strings in both languages. English is typed by Chinese: a key missing from either, an
 * extra one, or a different shape (a function where the other has text, other map keys) fails
 * the build.
 */
export function catalogue<T extends object>(strings: { zh: T; en: NoInfer<T> }): Catalogue<T> {
  return strings;
}

export const SHARED_STRINGS = catalogue({
  zh: {
    appTitle: "坐席工作台",
    deskName: "社保服务台",
    /** The language switch shows the language it switches TO, in that language. */
    switchTo: "English",
    switchToLabel: "Switch to English",
    switchToLang: "en",
    dismiss: "关闭提示",
    cancel: "取消",
    none: "无",
    offerWithdrawn: {
      timeout: "接入请求已超时，已交给其他坐席。",
      cancelled: "用户已离开，接入请求已撤回。",
      reassigned: "该会话已分配给其他坐席。",
    } satisfies Record<OfferWithdrawnReason, string>,
    transferNote: "转接备注",
    /** A span in whole minutes: "不到 1 分钟", "4 分钟", "1 小时 5 分钟". */
    minutes: (hours: number, minutes: number) =>
      hours === 0 && minutes === 0
        ? "不到 1 分钟"
        : hours === 0
          ? `${minutes} 分钟`
          : `${hours} 小时${minutes > 0 ? ` ${minutes} 分钟` : ""}`,
    queueTitle: "排队情况",
    urgencyLabel: "紧急程度",
    urgency: { urgent: "紧急", normal: "普通", low: "不急" } satisfies Record<Urgency, string>,
    languages: { zh: "中文", en: "英文" } as Record<string, string>,
    skills: {
      pension: "养老保险",
      medical: "医疗保险",
      unemployment: "失业保险",
      injury: "工伤保险",
      maternity: "生育保险",
      card: "社保卡",
      other: "其他",
    } satisfies Record<Skill, string> as Record<string, string>,
    reasons: {
      explicit: "用户要求人工服务",
      complaint: "投诉",
      repeated_fallback: "机器人多次未能回答",
      sensitive_low_confidence: "敏感问题，机器人把握不大",
      flow_given_up: "在线办理多次未通过",
    } as Record<string, string>,
    timeZoneTitle: (zone: string) => `服务时区 ${zone}`,
    wrapUp: {
      resolved: "问题已解决",
      info_given: "已告知相关信息",
      referred_office: "已引导至经办机构",
      callback_needed: "需要回访",
      no_response: "用户无回应",
      other: "其他",
    } satisfies Record<WrapUpCode, string>,
    working: "处理中…",
    staffRoles: {
      agent: "坐席",
      editor: "知识库编辑",
      supervisor: "主管",
      admin: "管理员",
    } satisfies Record<StaffRole, string>,
    copy: "复制",
    copied: "已复制",
    copyFailed: "无法自动复制，请选中文字后手动复制。",
    errors: {
      ACCESS_SIGNED_OUT: "登录已过期，请重新登录。",
      ACCESS_FORBIDDEN: "您的账号没有这项权限。",
      CONSOLE_NETWORK: "无法连接服务器，请检查网络后重试。",
      STAFF_BAD_CREDENTIALS: "用户名或密码不正确。",
      STAFF_RATE_LIMITED: "操作过于频繁，请稍后再试。",
      STAFF_BAD_TOKEN: "登录已过期，请重新登录。",
      CONSOLE_TIMEOUT: "服务器没有响应，请检查网络后重试。",
      CONSOLE_BAD_RESPONSE: "无法识别服务器的响应。",
      HANDOFF_BAD_PAYLOAD: "请求格式不正确，未执行。",
      HANDOFF_UNKNOWN_CHAT: "找不到这个会话。",
      HANDOFF_NOT_ASSIGNED: "这个会话已不由您接待。",
      HANDOFF_OFFER_GONE: "该接入请求已失效（已超时、被取消或已被接走）。",
      HANDOFF_AGENT_UNAVAILABLE: "对方坐席不在线或已满负荷。",
      HANDOFF_UNKNOWN_TICKET: "找不到这条留言，或已被其他坐席回复。",
      HANDOFF_TEXT_EMPTY: "内容不能为空。",
      HANDOFF_INTERNAL: "系统繁忙，请稍后再试。",
      ROUTING_NOT_OFFERED: "该接入请求已失效（可能已超时或被撤回）。",
      ROUTING_OVER_CAPACITY: "您接待的会话已达上限。",
      ROUTING_NOT_ASSIGNED: "该会话已不由您接待。",
      ROUTING_AGENT_OFFLINE: "您当前为离线状态。",
      ROUTING_UNKNOWN_AGENT: "没有这个坐席编号。",
      ROUTING_UNKNOWN_CHAT: "该会话已不在排队中。",
      ROUTING_NO_ELIGIBLE_AGENT: "目前没有可以接待的坐席。",
    } as Record<string, string>,
    connectionRefused: (message: string) => `服务器拒绝了连接：${message}`,
  },
  en: {
    appTitle: "Agent console",
    deskName: "Social Security Desk",
    switchTo: "中文",
    switchToLabel: "切换到中文",
    switchToLang: "zh",
    dismiss: "Dismiss",
    cancel: "Cancel",
    none: "None",
    offerWithdrawn: {
      timeout: "An incoming chat timed out and went to another agent.",
      cancelled: "The citizen left; the incoming chat was withdrawn.",
      reassigned: "An incoming chat was given to another agent.",
    },
    transferNote: "Transfer note",
    minutes: (hours, minutes) =>
      hours === 0 && minutes === 0
        ? "under 1 min"
        : hours === 0
          ? `${minutes} min`
          : `${hours} h${minutes > 0 ? ` ${minutes} min` : ""}`,
    queueTitle: "Queue",
    urgencyLabel: "Urgency",
    urgency: { urgent: "Urgent", normal: "Normal", low: "Low" },
    languages: { zh: "Chinese", en: "English" },
    skills: {
      pension: "Pension",
      medical: "Medical insurance",
      unemployment: "Unemployment",
      injury: "Work injury",
      maternity: "Maternity",
      card: "Social security card",
      other: "Other",
    },
    reasons: {
      explicit: "Asked for a person",
      complaint: "Complaint",
      repeated_fallback: "The bot could not answer twice",
      sensitive_low_confidence: "Sensitive topic, the bot was unsure",
      flow_given_up: "Stuck in an online application",
    },
    timeZoneTitle: (zone) => `Service time zone: ${zone}`,
    wrapUp: {
      resolved: "Resolved",
      info_given: "Information given",
      referred_office: "Referred to the local office",
      callback_needed: "Call back needed",
      no_response: "No response from the citizen",
      other: "Other",
    },
    working: "Working…",
    staffRoles: {
      agent: "Agent",
      editor: "FAQ editor",
      supervisor: "Supervisor",
      admin: "Admin",
    },
    copy: "Copy",
    copied: "Copied",
    copyFailed: "Could not copy automatically: select the text and copy it by hand.",
    errors: {
      ACCESS_SIGNED_OUT: "Your session has expired. Please sign in again.",
      ACCESS_FORBIDDEN: "Your account may not do this.",
      CONSOLE_NETWORK: "Cannot reach the server. Check the network and try again.",
      STAFF_BAD_CREDENTIALS: "The username or password is not right.",
      STAFF_RATE_LIMITED: "Too many attempts. Please wait a little and try again.",
      STAFF_BAD_TOKEN: "Your session has expired. Please sign in again.",
      CONSOLE_TIMEOUT: "The server did not answer. Check the network and try again.",
      CONSOLE_BAD_RESPONSE: "The server's answer could not be read.",
      HANDOFF_BAD_PAYLOAD: "The request was not in the expected form; nothing was done.",
      HANDOFF_UNKNOWN_CHAT: "There is no such chat.",
      HANDOFF_NOT_ASSIGNED: "This chat is no longer yours.",
      HANDOFF_OFFER_GONE: "This chat is no longer offered to you (timed out, cancelled or taken).",
      HANDOFF_AGENT_UNAVAILABLE: "That agent is not online or has no free slot.",
      HANDOFF_UNKNOWN_TICKET: "No such open message (perhaps another agent answered it).",
      HANDOFF_TEXT_EMPTY: "The text is empty.",
      HANDOFF_INTERNAL: "Something went wrong on the server; please try again shortly.",
      ROUTING_NOT_OFFERED: "This chat is no longer offered to you (it may have timed out).",
      ROUTING_OVER_CAPACITY: "You already have as many chats as you can take.",
      ROUTING_NOT_ASSIGNED: "This chat is no longer yours.",
      ROUTING_AGENT_OFFLINE: "You are offline.",
      ROUTING_UNKNOWN_AGENT: "There is no agent with that id.",
      ROUTING_UNKNOWN_CHAT: "That chat is no longer in the queue.",
      ROUTING_NO_ELIGIBLE_AGENT: "No agent can take this chat now.",
    },
    connectionRefused: (message) => `The server refused the connection: ${message}`,
  },
});

export type SharedStrings = (typeof SHARED_STRINGS)["zh"];

/** A feature may not reuse a shared key: its own text would silently replace the shared one. */
type WithoutSharedKeys = { readonly [K in keyof SharedStrings]?: never };

/**
 * A feature's own strings (features/<name>/strings.ts) in both languages, same keys as for
 * `catalogue`, with the shared ones joined in: its components read everything from one `t`.
 */
export function featureStrings<T extends object>(own: {
  zh: T & WithoutSharedKeys;
  en: NoInfer<T>;
}): Catalogue<SharedStrings & T> {
  return {
    zh: { ...SHARED_STRINGS.zh, ...own.zh },
    en: { ...SHARED_STRINGS.en, ...own.en },
  };
}

/** A label from one of the open-ended maps (reasons, skills), or the raw value when it has none. */
export function labelOf(map: Record<string, string>, key: string): string {
  return map[key] ?? key;
}

/** An error in the agent's language when its code is known, else the server's own words. */
export function errorText(t: SharedStrings, error: { code: string; message?: string }): string {
  return t.errors[error.code] ?? (error.message || error.code);
}

const LOCALE_KEY = "shebao-console:locale";

/** The agent's last choice, else the browser's language (Chinese unless it says otherwise). */
export function initialLocale(stored: string | null, browser: readonly string[]): Locale {
  if (stored === "zh" || stored === "en") return stored;
  const first = browser[0]?.toLowerCase() ?? "zh";
  return first.startsWith("en") ? "en" : "zh";
}

export { LOCALE_KEY };

/** The console's language, chosen in App.tsx. */
export interface LocaleChoice {
  locale: Locale;
  setLocale(locale: Locale): void;
}

export const I18nContext = createContext<LocaleChoice>({ locale: "zh", setLocale: () => {} });

export interface I18n<T> extends LocaleChoice {
  /** The strings of the catalogue asked for, in the current language. */
  t: T;
}

/** The console's language and one catalogue's strings in it: a feature's, or the shared ones. */
export function useI18n(): I18n<SharedStrings>;
export function useI18n<T>(strings: Catalogue<T>): I18n<T>;
export function useI18n(strings: Catalogue<unknown> = SHARED_STRINGS): I18n<unknown> {
  const { locale, setLocale } = useContext(I18nContext);
  return { locale, setLocale, t: strings[locale] };
}
