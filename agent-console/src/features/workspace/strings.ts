import { featureStrings } from "../../lib/i18n";
import type { Tab } from "./model/tabs";

/**
 * The console's frame for every role: the tabs and the header of staff who do not take chats.
 * Both languages, same keys (checked by featureStrings); the shared strings (lib/i18n.ts) are
 * joined in, so a component reads all it needs from one `t`.
 */
export const STRINGS = featureStrings({
  zh: {
    tabsLabel: "功能",
    tabs: { desk: "工作台", knowledge: "知识库", accounts: "账号", audit: "审计日志" } satisfies Record<Tab, string>,
    offersWaiting: (count: number) => `${count} 个接入请求等待接听`,
    signedInAs: "当前用户",
    signOut: "退出登录",
    signingOut: "正在退出…",
  },
  en: {
    tabsLabel: "Sections",
    tabs: { desk: "Desk", knowledge: "Knowledge", accounts: "Accounts", audit: "Audit log" },
    offersWaiting: (count) => `${count} incoming chat${count === 1 ? "" : "s"} waiting`,
    signedInAs: "Signed in as",
    signOut: "Sign out",
    signingOut: "Signing out…",
  },
});
