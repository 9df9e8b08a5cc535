import { DEFAULT_TIME_ZONE, localDate } from "../domain/local-time.js";
import type { Application, ApplicationKind } from "../records/ports.js";

export type Text = { zh: string; en: string };

/**
 * 2026年11月28日 / 2026-11-28 (ISO, since English month names vary by reader), the date in the
 * service's time zone: certificates are dated where they are issued.
 */
export function formatDate(iso: string, timeZone: string = DEFAULT_TIME_ZONE): Text {
  const day = localDate(iso, timeZone);
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return { zh: `${y}年${m}月${d}日`, en: day };
}

/** 张** : the surname only, as on public notices; each hidden character stays one star. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return "";
  return chars[0] + "*".repeat(Math.max(1, chars.length - 1));
}

const KIND_LABELS: Record<ApplicationKind, Text> = {
  "unemployment.apply": { zh: "失业保险金申领", en: "Unemployment benefit application" },
  "card.lost": { zh: "社保卡挂失", en: "Card loss report" },
  "card.replace": { zh: "社保卡补办", en: "Card replacement" },
  "certificate.participation": { zh: "社会保险参保缴费证明", en: "Social Insurance Contribution Statement" },
  "medical.offsite.filing": { zh: "异地就医备案", en: "Out-of-area medical filing" },
  "pension.transfer": { zh: "养老保险关系转移", en: "Pension transfer" },
};

/** The certificate flow's two variants (values.certKind). */
const CERT_KINDS: Record<string, Text> = {
  enrolment: { zh: "参保证明", en: "Proof of enrolment" },
  contributions: { zh: "缴费明细", en: "Contribution statement" },
};

export const CERTIFICATE_TITLE: Text = KIND_LABELS["certificate.participation"];

/** What the document is, for /verify: the variant the citizen chose when there is one. */
export function certificateKindLabel(application: Application): Text {
  const variant = application.values.certKind ? CERT_KINDS[application.values.certKind] : undefined;
  const kind = KIND_LABELS[application.kind];
  return variant ? { zh: `${kind.zh}（${variant.zh}）`, en: `${kind.en} (${variant.en})` } : kind;
}

/** Only a certificate that was actually issued verifies; a refused or pending one does not. */
export function isIssuedCertificate(application: Application): boolean {
  return (
    application.kind === "certificate.participation" &&
    application.verificationCode !== undefined &&
    (application.status === "completed" || application.status === "approved")
  );
}

/** When it was issued: the step that completed it, else its last change. */
export function issuedAt(application: Application): string {
  const done = application.timeline.filter((e) => e.status === "completed" || e.status === "approved").at(-1);
  return done?.at ?? application.updatedAt;
}
