import type { Facts, PreReviewRule } from "./types.js";

/** Whether one rule holds for the facts; a missing fact fails the rule (never a silent pass). */
export function ruleHolds(rule: PreReviewRule, facts: Facts): boolean {
  const fact = facts[rule.fact];
  if (fact === undefined) return false;
  switch (rule.op) {
    case ">=":
      return typeof fact === "number" && typeof rule.value === "number" && fact >= rule.value;
    case "<=":
      return typeof fact === "number" && typeof rule.value === "number" && fact <= rule.value;
    case "==":
      return fact === rule.value;
    case "!=":
      return fact !== rule.value;
    case "in":
      return Array.isArray(rule.value) && rule.value.includes(String(fact));
  }
}

/** The first rule that fails, or undefined when the applicant passes the automatic pre-review. */
export function preReview(rules: PreReviewRule[], facts: Facts): PreReviewRule | undefined {
  return rules.find((r) => !ruleHolds(r, facts));
}
