import { fill } from "../../../bot/flow-responses.js";
import type { ApplicationKind } from "../../records/ports.js";
import { preReview } from "./pre-review.js";
import type { FlowDefinition, FlowOutcome, SlotValues, SubmitContext } from "./types.js";

const accepted = {
  zh: "已提交，受理编号 {number}。自动预审已通过，正在等待工作人员审核。您可以随时发送“查询进度”和这个编号查看办理进度，状态变化时我也会在这里告诉您。",
  en: "Submitted. Your application number is {number}. It passed the automatic pre-review and is waiting for a caseworker. Send “check progress” with this number any time; I will also tell you here when its status changes.",
};
const notEligible = {
  zh: "已登记，编号 {number}，但自动预审未通过：{why}\n建议：{next}",
  en: "Recorded as {number}, but the automatic pre-review did not pass: {why}\nWhat you can do: {next}",
};


/**
 * The common submit path: look the applicant up, run the flow's pre-review rules, and file the
 * application either as accepted for review or as not eligible with the failed rule explained.
 */
export async function reviewAndFile(def: FlowDefinition, kind: ApplicationKind, values: SlotValues, ctx: SubmitContext): Promise<FlowOutcome> {
  const idNumber = values.idNumber ?? "";
  const citizen = await ctx.records.findCitizen(idNumber);
  const failed = def.preReview && def.facts ? preReview(def.preReview, def.facts(values, citizen, ctx.now)) : undefined;
  const application = await ctx.records.submitApplication({
    kind,
    idNumber,
    values,
    status: failed ? "not_eligible" : "submitted",
    note: failed
      ? { zh: failed.explain.zh, en: failed.explain.en }
      : { zh: "自动预审通过", en: "the automatic pre-review passed" },
    at: ctx.now,
  });
  if (failed) {
    return {
      status: "not_eligible",
      applicationNumber: application.number,
      text: {
        zh: fill(notEligible.zh, { number: application.number, why: failed.explain.zh, next: failed.nextSteps.zh }),
        en: fill(notEligible.en, { number: application.number, why: failed.explain.en, next: failed.nextSteps.en }),
      },
    };
  }
  return {
    status: "submitted",
    applicationNumber: application.number,
    text: { zh: fill(accepted.zh, { number: application.number }), en: fill(accepted.en, { number: application.number }) },
  };
}
