import type { PreReviewRule } from "../../src/dialog/flows/types.js";
import type { Text } from "../../src/dialog/validators/types.js";

/** The applicant must be known to the back office (fact `found`); what to do otherwise varies by flow. */
export function knownInsured(nextSteps: Text): PreReviewRule {
  return {
    id: "known_insured",
    fact: "found",
    op: "==",
    value: true,
    explain: { zh: "没有查到这个身份证号的参保记录。", en: "No insurance record was found for this ID number." },
    nextSteps,
  };
}
