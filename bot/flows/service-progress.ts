import { localDateTime } from "../../src/domain/local-time.js";
import type { FlowDefinition } from "../../src/dialog/flows/types.js";
import { idNumber } from "../../src/dialog/validators/index.js";
import type { SlotValidator } from "../../src/dialog/validators/types.js";
import { extractApplicationNumbers } from "../../src/nlu/entities/application-number.js";
import type { Application } from "../../src/records/ports.js";
import { STATUS_LABELS, statusLine } from "../../src/records/status-labels.js";

const ids = idNumber();

/** An application number (SQ…) or, failing that, the applicant's ID number. */
const numberOrId: SlotValidator = {
  kind: "application_number_or_id",
  sensitive: false,
  validate(answer, ctx) {
    return this.extract(answer, ctx) ?? {
      ok: false,
      reason: {
        zh: "请提供受理编号（以SQ开头，例如SQ20261128000123），或申请人的身份证号。",
        en: "Please give the application number (starting SQ, e.g. SQ20261128000123) or the applicant's ID number.",
      },
    };
  },
  extract(message, ctx) {
    const [number] = extractApplicationNumbers(message);
    if (number) return { ok: true, value: number, display: number };
    const id = ids.extract(message, ctx);
    return id?.ok ? id : undefined;
  },
};

function timeline(a: Application, locale: "zh" | "en", timeZone: string): string {
  const lines = a.timeline.map((t) => `· ${localDateTime(t.at, timeZone)} ${statusLine(t.status, t.note, locale)}`);
  return [`${a.number}（${STATUS_LABELS[a.status][locale]}）`, ...lines].join("\n");
}

/** 办理进度查询: shows the timeline of an application (personal data never shown). */
export const serviceProgress: FlowDefinition = {
  id: "service.progress",
  intents: ["service.progress"],
  title: { zh: "办理进度查询", en: "Application progress" },
  intro: { zh: "我来帮您查办理进度。", en: "Let me check the progress for you." },
  confirm: false,
  // "查询进度" alone starts it; "SQ…" alone, or in any sentence, is looked up at once.
  startsOnMention: true,
  takesApplicationNumber: true,
  steps: [
    {
      slot: "query",
      label: { zh: "受理编号", en: "Application number" },
      prompt: {
        zh: "请提供受理编号（以SQ开头），没有编号也可以提供申请人的身份证号。",
        en: "Please give the application number (starting SQ), or the applicant's ID number.",
      },
      validator: numberOrId,
      aliases: ["编号", "受理编号", "number"],
    },
  ],
  async submit(values, ctx) {
    const query = values.query ?? "";
    const found = query.startsWith("SQ")
      ? [await ctx.records.getApplication(query)].filter((a): a is Application => a !== undefined)
      : (await ctx.records.listApplications(query)).slice(-3);
    if (found.length === 0) {
      return {
        status: "not_found",
        text: { zh: "没有查到相关申请，请核对编号或身份证号。", en: "No application was found; please check the number." },
      };
    }
    return {
      status: "done",
      // One application looked up: the conversation is about it (its skill group, if a person is needed).
      ...(found.length === 1 ? { applicationKind: found[0]!.kind } : {}),
      text: {
        zh: found.map((a) => timeline(a, "zh", ctx.timeZone)).join("\n\n"),
        en: found.map((a) => timeline(a, "en", ctx.timeZone)).join("\n\n"),
      },
    };
  },
};
