import type { FlowDefinition } from "../../src/dialog/flows/types.js";
import { choice } from "../../src/dialog/validators/index.js";
import { idStep, nameStep } from "./common-steps.js";

const KINDS = [
  { key: "enrolment", label: { zh: "参保证明", en: "Proof of enrolment" }, synonyms: ["参保证明", "参保", "在保", "enrolment", "enrollment"] },
  { key: "contributions", label: { zh: "缴费明细（缴费证明）", en: "Contribution statement" }, synonyms: ["缴费证明", "缴费明细", "缴费记录", "明细", "流水", "statement", "contribution"] },
];

/** 参保证明 / 缴费证明: issued at once as a PDF with a verification code anyone can check. */
export const certificate: FlowDefinition = {
  id: "certificate.participation",
  intents: ["certificate.participation"],
  title: { zh: "开具参保缴费证明", en: "Contribution certificate" },
  intro: { zh: "好的，我来帮您开具证明，开好后可以直接下载PDF。", en: "Let's issue your certificate; you can download the PDF straight away." },
  steps: [
    {
      slot: "certKind",
      label: { zh: "证明类型", en: "Certificate" },
      prompt: { zh: "需要哪一种：参保证明，还是缴费明细（缴费证明）？", en: "Which one: proof of enrolment, or a contribution statement?" },
      validator: choice(KINDS),
      aliases: ["证明类型", "类型", "kind"],
    },
    idStep,
    nameStep,
  ],
  async submit(values, ctx) {
    const citizen = await ctx.records.findCitizen(values.idNumber ?? "");
    if (!citizen || citizen.name !== values.name) {
      return {
        status: "not_found",
        text: {
          zh: "身份证号和姓名没有对上参保记录，暂时不能开具。请核对后再试，或到经办大厅自助终端打印。",
          en: "The ID number and name do not match an insurance record, so no certificate can be issued. Check them, or print one at a service-hall terminal.",
        },
      };
    }
    const application = await ctx.records.submitApplication({
      kind: "certificate.participation",
      idNumber: citizen.idNumber,
      values,
      status: "completed",
      note: { zh: "证明已开具", en: "certificate issued" },
      at: ctx.now,
    });
    const code = application.verificationCode ?? "";
    return {
      status: "completed",
      applicationNumber: application.number,
      text: {
        zh: `证明已开具（编号 ${application.number}），验证码 ${code}。收件单位可在 ${ctx.verifyUrl} 输入验证码核验真伪。`,
        en: `Your certificate is ready (${application.number}); verification code ${code}. Anyone can check it at ${ctx.verifyUrl}.`,
      },
      links: [{ label: { zh: "下载证明PDF", en: "Download the PDF" }, url: ctx.certificateUrl(application.number) }],
    };
  },
};
