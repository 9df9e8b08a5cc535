import { featureStrings } from "../../lib/i18n";
import type { QueueItemView } from "../../lib/protocol";

/**
 * The offers' and the queue panel's strings.
 * Both languages, same keys (checked by featureStrings); the shared strings (lib/i18n.ts) are
 * joined in, so a component reads all it needs from one `t`.
 */
export const STRINGS = featureStrings({
  zh: {
    offersTitle: "接入请求",
    noOffers: "暂无新的接入请求",
    accept: "接入",
    decline: "拒绝",
    expiresIn: (t: string) => `${t} 后失效`,
    expired: "已失效",
    offerLabel: (skill: string, urgency: string) => `接入请求：${skill}，${urgency}`,
    waited: (t: string) => `已等待 ${t}`,
    /** How long an accepted chat has been going (not a wait). */
    inChat: (t: string) => `通话中 ${t}`,
    queueCounts: (waiting: number, offered: number, active: number) =>
      `排队 ${waiting} · 待接入 ${offered} · 进行中 ${active}`,
    emptyQueue: "当前无人排队",
    queueStatus: { waiting: "排队中", offered: "待接入", active: "进行中" } satisfies Record<
      QueueItemView["status"],
      string
    >,
  },
  en: {
    offersTitle: "Incoming chats",
    noOffers: "No incoming chats",
    accept: "Accept",
    decline: "Decline",
    expiresIn: (t) => `Expires in ${t}`,
    expired: "Expired",
    offerLabel: (skill, urgency) => `Incoming chat: ${skill}, ${urgency}`,
    waited: (t) => `Waiting ${t}`,
    inChat: (t) => `in chat ${t}`,
    queueCounts: (waiting, offered, active) =>
      `${waiting} waiting · ${offered} offered · ${active} in progress`,
    emptyQueue: "Nobody is waiting",
    queueStatus: { waiting: "Waiting", offered: "Offered", active: "In progress" },
  },
});

export type QueueStrings = (typeof STRINGS)["zh"];
