import type { Locale } from "../src/domain/locale.js";

/** What the flow runner says in its own voice, per locale. Flow-specific prompts live in bot/flows/. */
export const flowResponses = {
  askCancel: { zh: "确定要取消本次办理吗？已填写的信息不会保存。", en: "Cancel this application? What you entered will not be kept." },
  cancelled: { zh: "已取消本次办理。需要时随时可以重新开始。", en: "The application was cancelled. You can start again any time." },
  notCancelled: { zh: "好的，我们继续。", en: "OK, let's carry on." },
  back: { zh: "好的，回到上一步。", en: "OK, one step back." },
  atFirstStep: { zh: "已经是第一步了。", en: "This is already the first step." },
  updated: { zh: "已更新{label}：{value}。", en: "Updated {label}: {value}." },
  filled: { zh: "已记录：{items}。", en: "Noted: {items}." },
  confirmIntro: { zh: "请核对以下信息：", en: "Please check these details:" },
  confirmQuestion: {
    zh: "确认无误请点“确认提交”；需要修改，直接告诉我，例如“手机号改成13800000000”。",
    en: "If everything is right, press “Submit”. To change something, just tell me, e.g. “my phone is 13800000000”.",
  },
  editHint: {
    zh: "请告诉我要改哪一项和新的内容，例如“手机号改成13800000000”。",
    en: "Tell me what to change and the new value, e.g. “my phone is 13800000000”.",
  },
  tooManyInvalid: {
    zh: "看起来填写遇到了困难。需要转人工客服帮您办理吗？也可以继续尝试。",
    en: "This seems to be difficult. Shall I connect you to an agent? You can also keep trying.",
  },
  expired: {
    zh: "您上次的办理超过30分钟没有操作，已自动结束，填写的信息没有保存。",
    en: "Your earlier application was idle for over 30 minutes and has ended; nothing you entered was kept.",
  },
  resumeAfterFaq: { zh: "我们继续办理：", en: "Back to your application:" },
  /** The button under an FAQ answer that starts its application. */
  startOffer: { zh: "在线办理：{title}", en: "Apply online: {title}" },
  buttons: {
    confirm: { zh: "确认提交", en: "Submit" },
    edit: { zh: "修改", en: "Change something" },
    cancel: { zh: "取消办理", en: "Cancel" },
    back: { zh: "上一步", en: "Back" },
    yes: { zh: "是", en: "Yes" },
    no: { zh: "否", en: "No" },
    continue: { zh: "继续办理", en: "Keep trying" },
    agent: { zh: "转人工客服", en: "Talk to an agent" },
  },
} satisfies Record<string, Record<Locale, string> | Record<string, Record<Locale, string>>>;

/** Fills {name} placeholders. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
}
