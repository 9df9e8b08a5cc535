import type { ChoiceOption } from "./choice.js";

export interface SeparationReason extends ChoiceOption {
  /** 非本人意愿中断就业 (Social Insurance Law art. 45): only these qualify for unemployment benefit. */
  involuntary: boolean;
}

/**
 * Why a job ended, for the unemployment application. Synonyms overlap on purpose (被迫辞职 contains
 * 辞职): choice() takes the longest synonym found, so 被迫辞职 is forced, not voluntary.
 */
export const SEPARATION_REASONS: readonly SeparationReason[] = [
  {
    key: "dismissed",
    label: { zh: "被辞退", en: "Dismissed" },
    synonyms: ["被辞退", "辞退", "被开除", "开除", "被裁员", "裁员", "解除劳动合同", "被炒", "laid off", "fired", "dismissed", "redundant"],
    involuntary: true,
  },
  {
    key: "contract_not_renewed",
    label: { zh: "合同到期不续签", en: "Contract ended, not renewed" },
    synonyms: ["合同到期不续签", "合同到期", "不续签", "没续签", "不再续签", "终止劳动合同", "contract ended", "contract expired", "not renewed"],
    involuntary: true,
  },
  {
    key: "company_closed",
    label: { zh: "单位倒闭", en: "Company closed" },
    synonyms: ["单位倒闭", "公司倒闭", "倒闭", "破产", "关门", "停业", "company closed", "closed down", "bankrupt", "went bust"],
    involuntary: true,
  },
  {
    key: "resigned_forced",
    label: { zh: "被迫辞职", en: "Forced to resign" },
    synonyms: ["被迫辞职", "被逼辞职", "被迫离职", "单位欠薪我辞职", "欠薪辞职", "未缴社保辞职", "不交社保辞职", "forced to resign", "forced to quit", "constructive dismissal"],
    involuntary: true,
  },
  {
    key: "resigned",
    label: { zh: "自己辞职", en: "Resigned" },
    synonyms: ["自己辞职", "主动辞职", "我辞职了", "辞职", "quit", "resigned", "resign"],
    involuntary: false,
  },
];
