import { featureStrings } from "../../lib/i18n";

/**
 * The strings of the list of chats closed this shift.
 * Both languages, same keys (checked by featureStrings); the shared strings (lib/i18n.ts) are
 * joined in, so a component reads all it needs from one `t`.
 */
export const STRINGS = featureStrings({
  zh: {
    recentlyClosedTitle: "最近结束的会话",
    noRecentlyClosed: "本班次还没有结束的会话",
    visitor: (code: string) => `访客 ${code}`,
    closedDuration: (d: string) => `时长 ${d}`,
    closedAt: (time: string) => `${time} 结束`,
    closedLabel: (visitor: string, time: string) => `${visitor}，${time} 结束`,
  },
  en: {
    recentlyClosedTitle: "Recently closed",
    noRecentlyClosed: "No chats closed this shift yet",
    visitor: (code) => `Visitor ${code}`,
    closedDuration: (d) => `lasted ${d}`,
    closedAt: (time) => `closed ${time}`,
    closedLabel: (visitor, time) => `${visitor}, closed ${time}`,
  },
});
