import type { FlowDefinition } from "../../src/dialog/flows/types.js";
import { idStep, nameStep } from "./common-steps.js";

/**
 * 社保卡挂失: freezes the card at once — no confirmation step, since every minute a lost card is
 * not frozen it can be misused — then offers a replacement.
 */
export const cardLost: FlowDefinition = {
  id: "card.lost",
  intents: ["card.lost"],
  title: { zh: "社保卡挂失", en: "Report a lost card" },
  intro: { zh: "别着急，我马上帮您挂失，只需要两项信息。", en: "Don't worry, I'll freeze the card right away; I need two details." },
  confirm: false,
  steps: [idStep, nameStep],
  async submit(values, ctx) {
    const citizen = await ctx.records.findCitizen(values.idNumber ?? "");
    if (!citizen) {
      return {
        status: "not_found",
        text: {
          zh: "没有查到这个身份证号的社保卡。请核对号码，或立即拨打12333或卡面合作银行客服电话挂失。",
          en: "No card was found for this ID number. Check it, or call 12333 or the card's bank right away to freeze it.",
        },
      };
    }
    await ctx.records.reportCardLost(citizen.idNumber, ctx.now);
    const application = await ctx.records.submitApplication({
      kind: "card.lost",
      idNumber: citizen.idNumber,
      values,
      status: "completed",
      note: { zh: "已挂失，社保卡已冻结", en: "reported lost; the card is frozen" },
      at: ctx.now,
    });
    return {
      status: "completed",
      applicationNumber: application.number,
      text: {
        zh: `已为您挂失，社保卡的社保功能已冻结（编号 ${application.number}）。银行金融账户请同时拨打卡面合作银行客服电话挂失。需要补办新卡吗？`,
        en: `Done: the card's social-security functions are frozen (reference ${application.number}). Please also call the card's bank to freeze its banking account. Would you like a replacement card?`,
      },
      next: { flow: "card.replace", label: { zh: "补办新卡", en: "Get a replacement" } },
    };
  },
};
