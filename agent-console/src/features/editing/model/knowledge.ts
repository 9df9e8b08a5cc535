/** The editors' view of the knowledge base, as the server's /api/v1/knowledge routes give it. */

import type { FaqRow, FaqStatus } from "../../../lib/protocol";

export type { FaqRow, FaqStatus };
export const FAQ_STATUSES: readonly FaqStatus[] = ["in_effect", "not_yet", "expired"];

export interface FaqList {
  version: number;
  domains: string[];
  faqs: FaqRow[];
}

/** One FAQ as its file holds it: the YAML text an editor reads, and where it stands. */
export interface FaqDetail {
  id: string;
  file: string;
  text: string;
  status: FaqStatus;
  answer: { zh: string; en: string };
  legalBasis: string[];
}

export function parseFaqDetail(body: unknown): FaqDetail | null {
  if (!isObject(body) || typeof body.file !== "string" || typeof body.text !== "string" || !isObject(body.faq)) return null;
  const faq = body.faq;
  const answer = isObject(faq.answer) ? faq.answer : {};
  return {
    id: typeof faq.id === "string" ? faq.id : "",
    file: body.file,
    text: body.text,
    status: FAQ_STATUSES.includes(body.status as FaqStatus) ? (body.status as FaqStatus) : "in_effect",
    answer: { zh: typeof answer.zh === "string" ? answer.zh : "", en: typeof answer.en === "string" ? answer.en : "" },
    legalBasis: texts(faq.legalBasis) ?? [],
  };
}

export interface VersionSummary {
  version: number;
  author: string;
  note: string;
  publishedAt: string;
  origin: string;
}

export interface VersionList {
  serving: number;
  versions: VersionSummary[];
}

export interface VersionChanges {
  version: number;
  added: string[];
  removed: string[];
  changed: { name: string; patch: string }[];
}

export interface GuardQuestion {
  text: string;
  intent: string;
  addedBy: string;
  addedAt: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const texts = (v: unknown): string[] | null => (Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : null);

function parseFaq(v: unknown): FaqRow | null {
  if (!isObject(v) || typeof v.id !== "string" || typeof v.intent !== "string" || typeof v.domain !== "string") return null;
  const q = isObject(v.question) ? v.question : {};
  const n = isObject(v.variants) ? v.variants : {};
  const status = FAQ_STATUSES.includes(v.status as FaqStatus) ? (v.status as FaqStatus) : "in_effect";
  return {
    id: v.id,
    intent: v.intent,
    domain: v.domain,
    file: typeof v.file === "string" ? v.file : "",
    question: { zh: typeof q.zh === "string" ? q.zh : "", en: typeof q.en === "string" ? q.en : "" },
    variants: { zh: typeof n.zh === "number" ? n.zh : 0, en: typeof n.en === "number" ? n.en : 0 },
    status,
    effective: typeof v.effective === "string" ? v.effective : null,
    expires: typeof v.expires === "string" ? v.expires : null,
    flow: typeof v.flow === "string" ? v.flow : null,
    changed: parseChanged(v.changed),
  };
}

/** The version in which an FAQ's file last changed, when the server says. */
function parseChanged(v: unknown): FaqRow["changed"] {
  if (!isObject(v) || typeof v.version !== "number" || typeof v.at !== "string" || typeof v.author !== "string") return null;
  return { version: v.version, at: v.at, author: v.author };
}

export function parseFaqList(body: unknown): FaqList | null {
  if (!isObject(body) || typeof body.version !== "number" || !Array.isArray(body.faqs)) return null;
  const faqs = body.faqs.map(parseFaq);
  if (faqs.some((f) => f === null)) return null;
  return { version: body.version, domains: texts(body.domains) ?? [], faqs: faqs as FaqRow[] };
}

function parseVersion(v: unknown): VersionSummary | null {
  if (!isObject(v) || typeof v.version !== "number" || typeof v.publishedAt !== "string") return null;
  return {
    version: v.version,
    author: typeof v.author === "string" ? v.author : "",
    note: typeof v.note === "string" ? v.note : "",
    publishedAt: v.publishedAt,
    origin: typeof v.origin === "string" ? v.origin : "",
  };
}

export function parseVersionList(body: unknown): VersionList | null {
  if (!isObject(body) || typeof body.serving !== "number" || !Array.isArray(body.versions)) return null;
  const versions = body.versions.map(parseVersion);
  return versions.every((v) => v !== null) ? { serving: body.serving, versions: versions as VersionSummary[] } : null;
}

export function parseChanges(body: unknown): VersionChanges | null {
  if (!isObject(body) || typeof body.version !== "number" || !Array.isArray(body.changed)) return null;
  const changed = body.changed.flatMap((c: unknown) =>
    isObject(c) && typeof c.name === "string" && typeof c.patch === "string" ? [{ name: c.name, patch: c.patch }] : [],
  );
  return { version: body.version, added: texts(body.added) ?? [], removed: texts(body.removed) ?? [], changed };
}

export function parseGuard(body: unknown): GuardQuestion[] | null {
  if (!isObject(body) || !Array.isArray(body.questions)) return null;
  return body.questions.flatMap((q: unknown) =>
    isObject(q) && typeof q.text === "string" && typeof q.intent === "string"
      ? [{ text: q.text, intent: q.intent, addedBy: String(q.addedBy ?? ""), addedAt: String(q.addedAt ?? "") }]
      : [],
  );
}

/** The query string of a list request: only the filters set. */
export function faqQueryString(filter: { q?: string; domain?: string; status?: FaqStatus | "" }): string {
  const params = new URLSearchParams();
  if (filter.q?.trim()) params.set("q", filter.q.trim());
  if (filter.domain) params.set("domain", filter.domain);
  if (filter.status) params.set("status", filter.status);
  const s = params.toString();
  return s ? `?${s}` : "";
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** "2026/12/7 18:01" or "07/12/2026, 18:01": when a version was published, in the viewer's time zone. */
export function publishedAt(iso: string, locale: "zh" | "en"): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  let format = timeFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", { dateStyle: "short", timeStyle: "short", hourCycle: "h23" });
    timeFormats.set(locale, format);
  }
  return format.format(at);
}
