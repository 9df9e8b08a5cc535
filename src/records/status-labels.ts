import type { ApplicationStatus } from "./ports.js";

/** What each application status is called, for a citizen reading a timeline or a notice. */
export const STATUS_LABELS = {
  submitted: { zh: "已提交", en: "Submitted" },
  accepted: { zh: "已受理", en: "Accepted" },
  under_review: { zh: "审核中", en: "Under review" },
  approved: { zh: "已通过", en: "Approved" },
  rejected: { zh: "未通过", en: "Rejected" },
  completed: { zh: "已办结", en: "Completed" },
  not_eligible: { zh: "预审未通过", en: "Not eligible" },
} as const satisfies Record<ApplicationStatus, { zh: string; en: string }>;

/**
 * A status with its note, said once: "已受理 — 等待工作人员审核", not "已受理：已受理，等待审核".
 * A note that already begins with the status (older records) is shown alone.
 */
export function statusLine(status: ApplicationStatus, note: { zh: string; en: string }, locale: "zh" | "en"): string {
  const label = STATUS_LABELS[status][locale];
  const detail = note[locale].trim();
  if (detail === "") return label;
  const starts = detail.toLowerCase().startsWith(label.toLowerCase());
  return starts ? detail : `${label} — ${detail}`;
}
