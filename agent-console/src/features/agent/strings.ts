import { featureStrings } from "../../lib/i18n";
import type { Presence } from "../../lib/protocol";

/**
 * The header's strings: who is signed in, their load, their presence, the connection.
 * Both languages, same keys (checked by featureStrings); the shared strings (lib/i18n.ts) are
 * joined in, so a component reads all it needs from one `t`.
 */
export const STRINGS = featureStrings({
  zh: {
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
  },
  en: {
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
  },
});
