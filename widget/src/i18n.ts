import type { Locale } from "../../src/protocol/events.js";

/**
 * Every string the widget shows, in both languages. The Chinese is plain and polite on purpose:
 * many users are older citizens asking about their pension. No DOM here (applyStrings is in
 * dom.ts), so the pure rules that pick a string can be tested outside a browser.
 */
const zh = {
  launcher: "在线咨询",
  title: "社保在线咨询",
  subtitle: "智能客服 · 人工服务请拨打 12333",
  close: "关闭",
  /** The locale switch shows the language it switches TO, in that language. */
  switchTo: "EN",
  switchToLabel: "Switch to English",
  intro:
    "您好！我是社保服务台的智能客服，可以解答养老、医疗、失业、工伤、生育保险和社保卡等问题。请在下方输入您的问题。",
  youSaid: "您说：",
  assistant: "客服机器人：",
  agent: "人工客服：",
  system: "系统消息：",
  quickReplies: "您可以点选：",
  feedbackPrompt: "这个回答对您有帮助吗？",
  helpful: "有帮助",
  notHelpful: "没帮助",
  feedbackThanks: "谢谢您的反馈！",
  inputLabel: "输入您的问题",
  placeholder: "请输入您的问题，例如：社保卡丢了怎么办",
  placeholderShort: "请输入您的问题",
  send: "发送",
  sending: "发送中…",
  failed: "未发送成功",
  retry: "重新发送",
  typing: "正在输入…",
  counterLabel: "已输入字数",
  tooLong: "消息太长了，请控制在2000字以内。",
  connecting: "正在连接，请稍候…",
  reconnecting: "网络连接中断，正在重新连接…",
  newConversation: "之前的会话已过期，已为您开始新的会话。",
  privacy: "为保护您的隐私，请不要发送密码或银行卡号。",
  /**
   * The privacy line while a guided application asks for one of these (privacy.ts picks it).
   * Only what the server really does: ID, mobile and card numbers are masked in what staff see
   * and the original encrypted; a typed name is neither, so its line promises neither.
   */
  privacyBankCard:
    "这一步需要填写您的银行卡号。卡号只用于本次申请，加密保存，工作人员只能看到部分号码。请不要发送银行卡密码或任何其他密码。",
  privacyIdNumber: "这一步需要填写您的身份证号码。号码只用于本次申请，加密保存，工作人员只能看到部分号码。",
  privacyMobile: "这一步需要填写您的手机号码。号码只用于本次申请，加密保存，工作人员只能看到部分号码。",
  privacyPersonName: "这一步需要填写您的姓名。姓名只用于本次申请，加密保存，工作人员只能看到您的姓。",
  agentTyping: "客服正在输入…",
  /** Above an agent's message when the server gave no name. */
  agentLabel: "人工客服",
  /** The handoff strip: {n}, {m}, {name} and {time} are filled in by handoff.ts. */
  handoffAhead: "正在为您转接人工客服，前面还有 {n} 位",
  handoffNext: "正在为您转接人工客服，您是下一位",
  handoffWaiting: "正在为您转接人工客服，请稍候",
  /** Queued while no agent is online: the first one to come online takes the chat. */
  handoffWaitingForAgents: "客服暂时不在线，您已在排队，客服上线后将第一时间为您接入",
  handoffEta: "，预计等待约 {m} 分钟",
  handoffEtaShort: "，预计等待不到1分钟",
  handoffConnected: "客服{name}已接入",
  handoffConnectedAnon: "人工客服已接入",
  handoffBackAt: "人工客服将于 {time} 恢复服务",
  handoffUnavailable: "人工客服暂时无法接入",
  handoffCancel: "取消",
  handoffCancelLabel: "取消转人工",
  /** What the cancel button sends, shown as the citizen's own message. */
  handoffCancelText: "取消转人工",
  surveyPrompt: "请为本次人工服务打分：",
  /** A rating button's label; {n} is 1 to 5. */
  surveyRating: "{n} 分",
  surveyComment: "补充意见（选填，500字以内）",
  surveySubmit: "提交评价",
  surveyChoose: "请先选择 1 到 5 分。",
  surveyThanks: "感谢您的评价",
};

export type Strings = typeof zh;
export type StringKey = keyof Strings;

const en: Strings = {
  launcher: "Chat with us",
  title: "Social Security Help",
  subtitle: "Virtual assistant · Call 12333 to talk to a person",
  close: "Close",
  switchTo: "中文",
  switchToLabel: "切换到中文",
  intro:
    "Hello! I am the social security desk's virtual assistant. I can answer questions about pensions, medical, unemployment, work-injury and maternity insurance, and the social security card. Type your question below.",
  youSaid: "You said: ",
  assistant: "Assistant: ",
  agent: "Agent: ",
  system: "Notice: ",
  quickReplies: "You can choose:",
  feedbackPrompt: "Was this answer helpful?",
  helpful: "Helpful",
  notHelpful: "Not helpful",
  feedbackThanks: "Thank you for your feedback!",
  inputLabel: "Type your question",
  placeholder: "Type your question, e.g. I lost my social security card",
  placeholderShort: "Type your question",
  send: "Send",
  sending: "Sending…",
  failed: "Not sent",
  retry: "Send again",
  typing: "Typing…",
  counterLabel: "Characters typed",
  tooLong: "The message is too long: 2,000 characters at most.",
  connecting: "Connecting, please wait…",
  reconnecting: "The connection was lost. Reconnecting…",
  newConversation: "Your earlier conversation had expired, so a new one was started.",
  privacy: "For your privacy, do not send passwords or bank card numbers.",
  privacyBankCard:
    "This step needs your bank card number. It is used only for this application, stored encrypted, and staff see only part of it. Never send your card's PIN or any password.",
  privacyIdNumber:
    "This step needs your ID card number. It is used only for this application, stored encrypted, and staff see only part of it.",
  privacyMobile:
    "This step needs your mobile number. It is used only for this application, stored encrypted, and staff see only part of it.",
  privacyPersonName:
    "This step needs your name. It is used only for this application, stored encrypted, and staff see only your surname.",
  agentTyping: "The agent is typing…",
  agentLabel: "Agent",
  handoffAhead: "Connecting you to an agent: {n} ahead",
  handoffNext: "Connecting you to an agent: you are next",
  handoffWaiting: "Connecting you to an agent, please wait",
  handoffWaitingForAgents:
    "No agent is online yet; you are in line and the first agent to come online will take your chat",
  handoffEta: ", about {m} min",
  handoffEtaShort: ", less than 1 min",
  handoffConnected: "{name} has joined",
  handoffConnectedAnon: "An agent has joined",
  handoffBackAt: "Agents are back at {time}",
  handoffUnavailable: "No agents are available right now",
  handoffCancel: "Cancel",
  handoffCancelLabel: "Cancel the request for an agent",
  handoffCancelText: "Cancel",
  surveyPrompt: "How would you rate the agent's help?",
  surveyRating: "{n} of 5",
  surveyComment: "Comments (optional, up to 500 characters)",
  surveySubmit: "Submit",
  surveyChoose: "Please choose 1 to 5 first.",
  surveyThanks: "Thank you for your feedback",
};

export const dictionary: Record<Locale, Strings> = { zh, en };

/** The `lang` attribute for each locale, so screen readers pronounce the text right. */
export const langTag: Record<Locale, string> = { zh: "zh-CN", en: "en" };

/** The browser's language decides until the server tells us the conversation's language. */
export function detectLocale(language: string | undefined): Locale {
  return language?.toLowerCase().startsWith("zh") ? "zh" : "en";
}

/** Fills `{name}` placeholders; the values are plain text and stay so (the result goes to textContent). */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
