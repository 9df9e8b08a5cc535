import { featureStrings } from "../../lib/i18n";
import type { TicketView } from "../../lib/protocol";

/**
 * The strings of the messages citizens left, and of their callback numbers.
 * Both languages, same keys (checked by featureStrings); the shared strings (lib/i18n.ts) are
 * joined in, so a component reads all it needs from one `t`.
 */
export const STRINGS = featureStrings({
  zh: {
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
  },
  en: {
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
  },
});
