import { featureStrings } from "../../lib/i18n";
import type { Tab } from "./model/tabs";

/**
 * The console's frame for every role: the tabs, the header of staff who do not take chats, and
 * the page an FAQ editor sees for now.
 * Both languages, same keys (checked by featureStrings); the shared strings (lib/i18n.ts) are
 * joined in, so a component reads all it needs from one `t`.
 */
export const STRINGS = featureStrings({
  zh: {
    tabsLabel: "功能",
    tabs: { desk: "工作台", accounts: "账号", audit: "审计日志" } satisfies Record<Tab, string>,
    offersWaiting: (count: number) => `${count} 个接入请求等待接听`,
    signedInAs: "当前用户",
    signOut: "退出登录",
    signingOut: "正在退出…",
    editorTitle: "知识库编辑器即将上线",
    editorBody: "您的账号是知识库编辑。在线编辑常见问题的功能正在开发中，上线后会在这里打开。",
    editorMeanwhile: "在此之前，请继续按现有流程提交常见问题的修改。",
  },
  en: {
    tabsLabel: "Sections",
    tabs: { desk: "Desk", accounts: "Accounts", audit: "Audit log" },
    offersWaiting: (count) => `${count} incoming chat${count === 1 ? "" : "s"} waiting`,
    signedInAs: "Signed in as",
    signOut: "Sign out",
    signingOut: "Signing out…",
    editorTitle: "The FAQ editor is coming",
    editorBody:
      "Your account is an FAQ editor's. Editing the FAQs here is being built and will open on this page.",
    editorMeanwhile: "Until then, please send FAQ changes the way you do today.",
  },
});
