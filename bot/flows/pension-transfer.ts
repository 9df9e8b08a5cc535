import { reviewAndFile } from "../../src/dialog/flows/submit.js";
import type { FlowDefinition } from "../../src/dialog/flows/types.js";
import { region } from "../../src/dialog/validators/index.js";
import { knownInsured } from "./common-rules.js";
import { idStep, mobileStep, nameStep } from "./common-steps.js";

/** 养老保险关系转移接续 (国办发〔2009〕66号): applied for at the new place; years count in full. */
export const pensionTransfer: FlowDefinition = {
  id: "pension.transfer",
  intents: ["pension.transfer"],
  title: { zh: "养老保险关系转移", en: "Pension transfer" },
  intro: {
    zh: "好的，我来帮您申请养老保险关系转移接续。缴费年限会全部累计，不会作废。",
    en: "Let's apply to transfer your pension insurance. Your contribution years count in full.",
  },
  steps: [
    nameStep,
    idStep,
    mobileStep,
    {
      slot: "from",
      label: { zh: "转出地", en: "Moving from" },
      prompt: { zh: "原来在哪个城市（省份）交的养老保险？", en: "Where did you pay into the pension before (city or province)?" },
      validator: region(),
      aliases: ["转出地", "原来", "从", "from"],
    },
    {
      slot: "to",
      label: { zh: "转入地", en: "Moving to" },
      prompt: { zh: "要转到哪个城市（省份）？", en: "Where should it move to (city or province)?" },
      validator: region(),
      aliases: ["转入地", "转到", "到", "to"],
    },
  ],
  facts: (values, citizen) => ({
    found: citizen !== undefined,
    pensionMonths: citizen?.contributions.reduce((n, y) => n + y.pensionMonths, 0) ?? 0,
    differentPlaces: values.from !== values.to,
  }),
  preReview: [
    knownInsured({ zh: "请核对身份证号，或到转出地经办机构打印参保缴费凭证。", en: "Check the ID number, or get a contribution certificate from the office where you paid in." }),
    {
      id: "has_contributions",
      fact: "pensionMonths",
      op: ">=",
      value: 1,
      explain: { zh: "没有可转移的养老保险缴费记录。", en: "There are no pension contributions to transfer." },
      nextSteps: { zh: "请先确认在转出地是否参保缴费，可拨打12333查询。", en: "Check whether you paid in at the old place; 12333 can tell you." },
    },
    {
      id: "different_places",
      fact: "differentPlaces",
      op: "==",
      value: true,
      explain: { zh: "转出地和转入地相同，不需要办理转移。", en: "The old and new places are the same; no transfer is needed." },
      nextSteps: { zh: "如果是同一统筹区内换单位，由新单位办理增员即可。", en: "If you only changed employer in the same area, the new employer just registers you." },
    },
  ],
  submit(values, ctx) {
    return reviewAndFile(this, "pension.transfer", values, ctx);
  },
};
