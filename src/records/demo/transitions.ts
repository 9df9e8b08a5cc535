import type { ApplicationKind, ApplicationStatus } from "../ports.js";

/** How long the demo back office waits before each automatic step, in milliseconds. */
export interface DemoTransitions {
  /** submitted → accepted */
  acceptAfterMs: number;
  /** accepted → under_review */
  reviewAfterMs: number;
  /** under_review → approved / completed */
  decideAfterMs: number;
}

/** Short enough to watch in one demo chat, long enough to read each update. */
export const DEFAULT_TRANSITIONS: DemoTransitions = {
  acceptAfterMs: 30_000,
  reviewAfterMs: 60_000,
  decideAfterMs: 90_000,
};

type Text = { zh: string; en: string };

/** Terminal for staff and scheduler alike: an application that failed stays failed (file a new one). */
export const TERMINAL_STATUSES: ReadonlySet<ApplicationStatus> = new Set(["not_eligible", "rejected"]);

const DECISIONS: Record<ApplicationKind, { status: ApplicationStatus; note: Text }> = {
  "unemployment.apply": {
    status: "approved",
    note: {
      zh: "失业保险金将按月发放到您登记的银行卡",
      en: "the benefit will be paid monthly to the bank card you gave",
    },
  },
  "card.lost": {
    status: "completed",
    note: { zh: "挂失手续已全部完成", en: "the loss report is complete" },
  },
  "card.replace": {
    status: "completed",
    note: {
      zh: "新卡已制好，请带身份证到经办网点或合作银行网点领取",
      en: "your new card is ready: collect it with your ID at the office or a partner bank branch",
    },
  },
  "certificate.participation": {
    status: "completed",
    note: {
      zh: "证明已出具，可下载，或凭验证码在线核验",
      en: "the certificate is issued: download it, or check it online with its verification code",
    },
  },
  "medical.offsite.filing": {
    status: "completed",
    note: { zh: "异地就医备案已生效", en: "your out-of-area medical filing is in effect" },
  },
  "pension.transfer": {
    status: "completed",
    note: {
      zh: "转移接续已完成，缴费年限已合并计算",
      en: "the transfer is complete: your contribution years are combined",
    },
  },
};

export interface Step {
  after: keyof DemoTransitions;
  to: ApplicationStatus;
  note: Text;
}

/** The demo's next automatic step from this status, or undefined where it waits for nobody. */
export function nextStep(kind: ApplicationKind, status: ApplicationStatus): Step | undefined {
  switch (status) {
    case "submitted":
      return {
        after: "acceptAfterMs",
        to: "accepted",
        note: { zh: "等待工作人员审核", en: "waiting for a caseworker" },
      };
    case "accepted":
      return {
        after: "reviewAfterMs",
        to: "under_review",
        note: { zh: "工作人员正在审核", en: "a caseworker is reviewing it" },
      };
    case "under_review": {
      const decision = DECISIONS[kind];
      return { after: "decideAfterMs", to: decision.status, note: decision.note };
    }
    default:
      return undefined;
  }
}

export const APPLICATION_KINDS: ReadonlySet<ApplicationKind> = new Set(
  Object.keys(DECISIONS) as ApplicationKind[],
);

export const APPLICATION_STATUSES: ReadonlySet<ApplicationStatus> = new Set([
  "submitted",
  "accepted",
  "under_review",
  "approved",
  "rejected",
  "completed",
  "not_eligible",
]);
