import { reviewAndFile } from "../../src/dialog/flows/submit.js";
import type { FlowDefinition } from "../../src/dialog/flows/types.js";
import { choice, date, region } from "../../src/dialog/validators/index.js";
import { idStep, mobileStep, nameStep } from "./common-steps.js";

const FILING_TYPES = [
  { key: "resident", label: { zh: "异地长期居住", en: "Living elsewhere long-term" }, synonyms: ["长期居住", "异地居住", "跟子女", "随子女", "养老", "退休异地", "living", "live"] },
  { key: "posted", label: { zh: "常驻异地工作", en: "Working elsewhere" }, synonyms: ["常驻", "异地工作", "外派", "派驻", "posted", "working"] },
  { key: "referral", label: { zh: "异地转诊", en: "Referred to a hospital elsewhere" }, synonyms: ["转诊", "转院", "referral", "referred"] },
  { key: "temporary", label: { zh: "临时外出就医", en: "Temporary trip" }, synonyms: ["临时", "出差", "旅游", "探亲", "急诊", "temporary", "trip"] },
];

/** 异地就医备案 (national medical-insurance service platform rules; details set locally). */
export const offsiteFiling: FlowDefinition = {
  id: "medical.offsite.filing",
  intents: ["medical.offsite.filing"],
  title: { zh: "异地就医备案", en: "Medical treatment elsewhere: filing" },
  intro: { zh: "好的，我来帮您办理异地就医备案。", en: "Let's file for medical treatment in another region." },
  steps: [
    nameStep,
    idStep,
    mobileStep,
    {
      slot: "filingType",
      label: { zh: "备案类型", en: "Filing type" },
      prompt: {
        zh: "属于哪种情况：异地长期居住、常驻异地工作、异地转诊，还是临时外出就医？",
        en: "Which applies: living elsewhere long-term, working elsewhere, referral, or a temporary trip?",
      },
      validator: choice(FILING_TYPES),
      aliases: ["备案类型", "类型", "type"],
    },
    {
      slot: "destination",
      label: { zh: "就医地", en: "Where you will be treated" },
      prompt: { zh: "准备在哪个城市（省份）就医？", en: "Which city or province will you be treated in?" },
      validator: region(),
      aliases: ["就医地", "去哪", "目的地", "destination"],
    },
    {
      slot: "startDate",
      label: { zh: "开始日期", en: "Start date" },
      prompt: { zh: "从哪天开始在当地就医？例如“下周一”或“2026年12月1日”。", en: "From what date? e.g. “1 December 2026”." },
      validator: date({ maxPastDays: 90 }),
      aliases: ["开始日期", "开始时间", "start date"],
    },
  ],
  submit(values, ctx) {
    return reviewAndFile(this, "medical.offsite.filing", values, ctx);
  },
};
