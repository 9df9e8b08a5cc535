import { createContext, useContext } from "react";
import type {
  ChatContextView,
  ChatEndedReason,
  Locale,
  MessageRole,
  OfferWithdrawnReason,
  Presence,
  QueueItemView,
  Skill,
  TicketView,
  Urgency,
  WrapUpCode,
} from "./protocol";

/**
 * Every string the console shows, in both languages, in one table. The maps keyed by protocol
 * values (wrap-up codes, reasons a chat ended...) are typed by those values, so a new one in
 * src/channels/agent-events.ts fails the build until it has a label here.
 */
const zh = {
  appTitle: "坐席工作台",
  deskName: "社保服务台",
  /** The language switch shows the language it switches TO, in that language. */
  switchTo: "English",
  switchToLabel: "Switch to English",
  switchToLang: "en",
  dismiss: "关闭提示",
  cancel: "取消",
  none: "无",

  signInTitle: "坐席登录",
  username: "用户名",
  password: "密码",
  signIn: "登录",
  signingIn: "正在登录…",
  signInFailed: {
    badCredentials: "用户名或密码不正确。",
    rateLimited: "登录尝试次数过多，请稍后再试。",
    missing: "请输入用户名和密码。",
    invalid: "用户名或密码的格式不正确。",
    network: "无法连接服务器，请检查网络后重试。",
    server: "服务器暂时无法登录，请稍后再试。",
  },
  sessionExpired: "登录已过期，请重新登录。",

  signedInAs: "当前坐席",
  presenceLabel: "在线状态",
  presence: { online: "在线", away: "暂离", offline: "离线" } satisfies Record<Presence, string>,
  signOut: "退出登录",
  load: (open: number, capacity: number) => `接待中 ${open}/${capacity}`,
  connection: {
    connecting: "正在连接…",
    connected: "已连接",
    reconnecting: "连接中断，正在重新连接…",
  },

  offersTitle: "接入请求",
  noOffers: "暂无新的接入请求",
  accept: "接入",
  decline: "拒绝",
  expiresIn: (t: string) => `${t} 后失效`,
  expired: "已失效",
  offerLabel: (skill: string, urgency: string) => `接入请求：${skill}，${urgency}`,
  offerWithdrawn: {
    timeout: "接入请求已超时，已交给其他坐席。",
    cancelled: "用户已离开，接入请求已撤回。",
    reassigned: "该会话已分配给其他坐席。",
  } satisfies Record<OfferWithdrawnReason, string>,
  transferNote: "转接备注",
  waited: (t: string) => `已等待 ${t}`,
  /** How long an accepted chat has been going (not a wait). */
  inChat: (t: string) => `通话中 ${t}`,
  /** A span in whole minutes: "不到 1 分钟", "4 分钟", "1 小时 5 分钟". */
  minutes: (hours: number, minutes: number) =>
    hours === 0 && minutes === 0
      ? "不到 1 分钟"
      : hours === 0
        ? `${minutes} 分钟`
        : `${hours} 小时${minutes > 0 ? ` ${minutes} 分钟` : ""}`,
  queueTitle: "排队情况",
  queueCounts: (waiting: number, offered: number, active: number) =>
    `排队 ${waiting} · 待接入 ${offered} · 进行中 ${active}`,
  emptyQueue: "当前无人排队",
  queueStatus: { waiting: "排队中", offered: "待接入", active: "进行中" } satisfies Record<
    QueueItemView["status"],
    string
  >,
  urgencyLabel: "紧急程度",
  urgency: { urgent: "紧急", normal: "普通", low: "不急" } satisfies Record<Urgency, string>,
  languageLabel: "语言",
  languages: { zh: "中文", en: "英文" } as Record<string, string>,
  skillLabel: "业务",
  skills: {
    pension: "养老保险",
    medical: "医疗保险",
    unemployment: "失业保险",
    injury: "工伤保险",
    maternity: "生育保险",
    card: "社保卡",
    other: "其他",
  } satisfies Record<Skill, string> as Record<string, string>,
  reasonLabel: "转人工原因",
  reasons: {
    explicit: "用户要求人工服务",
    complaint: "投诉",
    repeated_fallback: "机器人多次未能回答",
    sensitive_low_confidence: "敏感问题，机器人把握不大",
    flow_given_up: "在线办理多次未通过",
  } as Record<string, string>,

  ticketsTitle: "用户留言",
  noTickets: "暂无留言",
  refresh: "刷新",
  ticketStatus: { open: "待回复", answered: "已回复" } satisfies Record<TicketView["status"], string>,
  reply: "回复",
  ticketReplyLabel: "回复留言",
  ticketSend: "发送回复",
  ticketSent: "回复已保存，用户下次打开会话时会看到。",
  callbackShow: "显示回电号码",
  callbackLabel: "回电号码",
  callbackNone: "这条留言里没有可用的回电号码。",

  recentlyClosedTitle: "最近结束的会话",
  noRecentlyClosed: "本班次还没有结束的会话",
  visitor: (code: string) => `访客 ${code}`,
  closedDuration: (d: string) => `时长 ${d}`,
  closedAt: (time: string) => `${time} 结束`,
  closedLabel: (visitor: string, time: string) => `${visitor}，${time} 结束`,
  timeZoneTitle: (zone: string) => `服务时区 ${zone}`,

  chatsLabel: "接待中的会话",
  noChats: "暂无接待中的会话。新的接入请求会显示在左侧。",
  chatTitle: (id: string) => `会话 ${id}`,
  roles: { citizen: "用户", bot: "机器人", agent: "坐席", system: "系统" } satisfies Record<
    MessageRole,
    string
  >,
  transcriptLabel: (id: string) => `会话 ${id} 的聊天记录`,
  citizenTyping: "用户正在输入…",
  replyLabel: "回复用户",
  replyHint: "Enter 发送，Shift+Enter 换行",
  send: "发送",
  sending: "发送中…",
  notSent: "未发送",
  retry: "重新发送",
  tooLong: (max: number) => `消息不能超过 ${max} 字。`,
  contextTitle: "会话信息",
  channelLabel: "渠道",
  channels: { web: "网页", wechat: "微信" } satisfies Record<ChatContextView["channel"], string>,
  intentLabel: "识别意图",
  flowValuesLabel: "已填写信息",
  ended: {
    closed: "会话已结束",
    transferred: "会话已转接",
    citizen_left: "用户已离开",
    requeued: "会话已退回排队",
  } satisfies Record<ChatEndedReason, string>,
  removeChat: "移除",
  transfer: "转接",
  transferTitle: "转接会话",
  transferTo: "转接到",
  toSkill: "业务组",
  toAgent: "指定坐席",
  agentIdLabel: "坐席编号",
  noteRequiredLabel: "转接备注（必填）",
  noteRequired: "请填写转接备注，说明用户的问题和已做的处理。",
  agentRequired: "请填写要转接的坐席编号。",
  confirmTransfer: "确认转接",
  close: "结束会话",
  closeTitle: "结束会话",
  wrapUpLabel: "结束原因",
  wrapUp: {
    resolved: "问题已解决",
    info_given: "已告知相关信息",
    referred_office: "已引导至经办机构",
    callback_needed: "需要回访",
    no_response: "用户无回应",
    other: "其他",
  } satisfies Record<WrapUpCode, string>,
  closeNoteLabel: "备注（选填）",
  confirmClose: "确认结束",
  working: "处理中…",
  cannedTitle: "快捷回复",
  noCanned: "暂无快捷回复",
  cannedInsert: (text: string) => `插入快捷回复：${text}`,
  kbTitle: "知识库",
  kbSearchLabel: "搜索知识库",
  kbSearch: "搜索",
  kbSearching: "搜索中…",
  kbNoResults: "没有找到相关条目。",
  kbInsert: "插入回复",
  kbScore: (score: number) => `匹配度 ${Math.round(score * 100)}%`,

  errors: {
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
};

export type Strings = typeof zh;

const en: Strings = {
  appTitle: "Agent console",
  deskName: "Social Security Desk",
  switchTo: "中文",
  switchToLabel: "切换到中文",
  switchToLang: "zh",
  dismiss: "Dismiss",
  cancel: "Cancel",
  none: "None",

  signInTitle: "Agent sign-in",
  username: "Username",
  password: "Password",
  signIn: "Sign in",
  signingIn: "Signing in…",
  signInFailed: {
    badCredentials: "The username or password is not right.",
    rateLimited: "Too many sign-in attempts. Please wait a little and try again.",
    missing: "Please enter your username and password.",
    invalid: "The username or password is not in a valid form.",
    network: "Cannot reach the server. Check the network and try again.",
    server: "The server cannot sign you in just now. Please try again later.",
  },
  sessionExpired: "Your session has expired. Please sign in again.",

  signedInAs: "Signed in as",
  presenceLabel: "Status",
  presence: { online: "Online", away: "Away", offline: "Offline" },
  signOut: "Sign out",
  load: (open, capacity) => `Chats ${open}/${capacity}`,
  connection: {
    connecting: "Connecting…",
    connected: "Connected",
    reconnecting: "Connection lost, reconnecting…",
  },

  offersTitle: "Incoming chats",
  noOffers: "No incoming chats",
  accept: "Accept",
  decline: "Decline",
  expiresIn: (t) => `Expires in ${t}`,
  expired: "Expired",
  offerLabel: (skill, urgency) => `Incoming chat: ${skill}, ${urgency}`,
  offerWithdrawn: {
    timeout: "An incoming chat timed out and went to another agent.",
    cancelled: "The citizen left; the incoming chat was withdrawn.",
    reassigned: "An incoming chat was given to another agent.",
  },
  transferNote: "Transfer note",
  waited: (t) => `Waiting ${t}`,
  inChat: (t) => `in chat ${t}`,
  minutes: (hours, minutes) =>
    hours === 0 && minutes === 0
      ? "under 1 min"
      : hours === 0
        ? `${minutes} min`
        : `${hours} h${minutes > 0 ? ` ${minutes} min` : ""}`,
  queueTitle: "Queue",
  queueCounts: (waiting, offered, active) =>
    `${waiting} waiting · ${offered} offered · ${active} in progress`,
  emptyQueue: "Nobody is waiting",
  queueStatus: { waiting: "Waiting", offered: "Offered", active: "In progress" },
  urgencyLabel: "Urgency",
  urgency: { urgent: "Urgent", normal: "Normal", low: "Low" },
  languageLabel: "Language",
  languages: { zh: "Chinese", en: "English" },
  skillLabel: "Skill",
  skills: {
    pension: "Pension",
    medical: "Medical insurance",
    unemployment: "Unemployment",
    injury: "Work injury",
    maternity: "Maternity",
    card: "Social security card",
    other: "Other",
  },
  reasonLabel: "Why a person",
  reasons: {
    explicit: "Asked for a person",
    complaint: "Complaint",
    repeated_fallback: "The bot could not answer twice",
    sensitive_low_confidence: "Sensitive topic, the bot was unsure",
    flow_given_up: "Stuck in an online application",
  },

  ticketsTitle: "Messages left",
  noTickets: "No messages left",
  refresh: "Refresh",
  ticketStatus: { open: "Open", answered: "Answered" },
  reply: "Reply",
  ticketReplyLabel: "Reply to this message",
  ticketSend: "Send reply",
  ticketSent: "Reply saved; the citizen sees it when they come back.",
  callbackShow: "Show callback number",
  callbackLabel: "Callback number",
  callbackNone: "This message has no usable callback number.",

  recentlyClosedTitle: "Recently closed",
  noRecentlyClosed: "No chats closed this shift yet",
  visitor: (code) => `Visitor ${code}`,
  closedDuration: (d) => `lasted ${d}`,
  closedAt: (time) => `closed ${time}`,
  closedLabel: (visitor, time) => `${visitor}, closed ${time}`,
  timeZoneTitle: (zone) => `Service time zone: ${zone}`,

  chatsLabel: "Your chats",
  noChats: "No chats yet. Incoming chats appear on the left.",
  chatTitle: (id) => `Chat ${id}`,
  roles: { citizen: "Citizen", bot: "Bot", agent: "Agent", system: "System" },
  transcriptLabel: (id) => `Transcript of chat ${id}`,
  citizenTyping: "The citizen is typing…",
  replyLabel: "Reply to the citizen",
  replyHint: "Enter sends, Shift+Enter starts a new line",
  send: "Send",
  sending: "Sending…",
  notSent: "Not sent",
  retry: "Send again",
  tooLong: (max) => `A message can have at most ${max} characters.`,
  contextTitle: "Context",
  channelLabel: "Channel",
  channels: { web: "Web", wechat: "WeChat" },
  intentLabel: "Intent",
  flowValuesLabel: "Details given",
  ended: {
    closed: "Chat closed",
    transferred: "Chat transferred",
    citizen_left: "The citizen left",
    requeued: "Chat went back to the queue",
  },
  removeChat: "Remove",
  transfer: "Transfer",
  transferTitle: "Transfer chat",
  transferTo: "Transfer to",
  toSkill: "A skill group",
  toAgent: "A named agent",
  agentIdLabel: "Agent id",
  noteRequiredLabel: "Note for the next agent (required)",
  noteRequired: "Please write a note: what the citizen needs and what was done.",
  agentRequired: "Please enter the agent id to transfer to.",
  confirmTransfer: "Transfer",
  close: "Close chat",
  closeTitle: "Close chat",
  wrapUpLabel: "Wrap-up",
  wrapUp: {
    resolved: "Resolved",
    info_given: "Information given",
    referred_office: "Referred to the local office",
    callback_needed: "Call back needed",
    no_response: "No response from the citizen",
    other: "Other",
  },
  closeNoteLabel: "Note (optional)",
  confirmClose: "Close chat",
  working: "Working…",
  cannedTitle: "Canned replies",
  noCanned: "No canned replies",
  cannedInsert: (text) => `Insert canned reply: ${text}`,
  kbTitle: "Knowledge base",
  kbSearchLabel: "Search the knowledge base",
  kbSearch: "Search",
  kbSearching: "Searching…",
  kbNoResults: "Nothing found.",
  kbInsert: "Insert into reply",
  kbScore: (score) => `Match ${Math.round(score * 100)}%`,

  errors: {
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
};

export const STRINGS: Record<Locale, Strings> = { zh, en };

/** A label from one of the open-ended maps (reasons, skills), or the raw value when it has none. */
export function labelOf(map: Record<string, string>, key: string): string {
  return map[key] ?? key;
}

/** An error in the agent's language when its code is known, else the server's own words. */
export function errorText(t: Strings, error: { code: string; message?: string }): string {
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

export interface I18n {
  locale: Locale;
  t: Strings;
  setLocale(locale: Locale): void;
}

export const I18nContext = createContext<I18n>({ locale: "zh", t: zh, setLocale: () => {} });

export function useI18n(): I18n {
  return useContext(I18nContext);
}
