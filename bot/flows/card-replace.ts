import { reviewAndFile } from "../../src/dialog/flows/submit.js";
import type { FlowDefinition } from "../../src/dialog/flows/types.js";
import { choice, region } from "../../src/dialog/validators/index.js";
import { idStep, mobileStep, nameStep } from "./common-steps.js";

const REASONS = [
  { key: "lost", label: { zh: "丢失", en: "Lost" }, synonyms: ["丢失", "丢了", "掉了", "被偷", "遗失", "挂失", "lost", "stolen"] },
  { key: "damaged", label: { zh: "损坏", en: "Damaged" }, synonyms: ["损坏", "坏了", "读不出", "芯片", "断了", "damaged", "broken"] },
  { key: "expired", label: { zh: "到期", en: "Expired" }, synonyms: ["到期", "过期", "有效期", "expired"] },
  { key: "upgrade", label: { zh: "换新一代卡", en: "Upgrade to the new card" }, synonyms: ["三代", "换代", "升级", "新一代", "upgrade", "third generation"] },
];
const DELIVERY = [
  { key: "pickup", label: { zh: "到网点领取", en: "Collect at a service point" }, synonyms: ["自取", "领取", "网点", "去拿", "pick up", "collect"] },
  { key: "mail", label: { zh: "邮寄到家", en: "Post it to me" }, synonyms: ["邮寄", "寄", "快递", "送到家", "mail", "post", "deliver"] },
];

/** 社保卡补办/换卡. */
export const cardReplace: FlowDefinition = {
  id: "card.replace",
  intents: ["card.replace"],
  title: { zh: "社保卡补办", en: "Replacement card" },
  intro: { zh: "好的，我来帮您申请补办（换领）社保卡。", en: "Let's apply for a replacement social security card." },
  steps: [
    {
      slot: "reason",
      label: { zh: "补办原因", en: "Reason" },
      prompt: { zh: "补办原因是：丢失、损坏、到期，还是换新一代卡？", en: "Why do you need a new card: lost, damaged, expired, or upgrading?" },
      validator: choice(REASONS),
      aliases: ["原因", "reason"],
    },
    idStep,
    nameStep,
    mobileStep,
    {
      slot: "delivery",
      label: { zh: "领卡方式", en: "How to receive it" },
      prompt: { zh: "新卡做好后，您想到网点领取，还是邮寄到家？", en: "Collect the new card at a service point, or have it posted?" },
      validator: choice(DELIVERY),
      aliases: ["领卡方式", "领取方式", "邮寄", "delivery"],
    },
    {
      slot: "city",
      label: { zh: "邮寄城市", en: "City to post to" },
      prompt: { zh: "邮寄到哪个城市？详细地址由工作人员电话核实。", en: "Which city should we post it to? A caseworker will confirm the address by phone." },
      validator: region(),
      aliases: ["城市", "寄到", "city"],
      when: (v) => v.delivery === "mail",
    },
  ],
  submit(values, ctx) {
    return reviewAndFile(this, "card.replace", values, ctx);
  },
};
