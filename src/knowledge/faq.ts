import { z } from "zod";

/** Intent ids look like `pension.contribution.query`, `greeting`, `agent.request`. */
export const IntentId = z
  .string()
  .regex(/^[a-z]+(?:[._][a-z]+)*$/, "an intent id: lower-case words joined by '.' or '_'");

const nonEmpty = z.string().trim().min(1, "must not be empty");

/** A day as YYYY-MM-DD, quoted in YAML ("2027-01-01"), that exists on the calendar. */
const calendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a day as YYYY-MM-DD")
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
  }, "not a day on the calendar");

/**
 * One FAQ as written by an editor in `knowledge-base/<domain>/<name>.yaml`.
 * The question variants train the classifier and feed the retriever; the answer is what the
 * citizen reads.
 */
const FaqFieldsSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, "lower-case letters, digits, '.' and '-'"),
    intent: IntentId,
    domain: nonEmpty,
    tags: z.array(nonEmpty).default([]),
    /** The guided application that this answer offers as a button, once it exists. */
    flow: z.string().regex(/^[a-z]+(?:[._][a-z]+)*$/).optional(),
    /** Laws and regulations the answer rests on, e.g. 《社会保险法》第十六条. */
    legalBasis: z.array(nonEmpty).default([]),
    /** Intents a citizen often asks next; offered as related questions. */
    related: z.array(IntentId).default([]),
    questions: z.object({
      zh: z.array(nonEmpty).min(5, "at least 5 Chinese question variants"),
      en: z.array(nonEmpty).min(2, "at least 2 English question variants"),
    }),
    answer: z.object({ zh: nonEmpty, en: nonEmpty }),
    /** The first day it is answered (the service's time zone); before it, not yet. */
    effective: calendarDay.optional(),
    /** The first day it is no longer answered (a rule that ends, replaced or repealed). */
    expires: calendarDay.optional(),
  })
  .strict();

const datesInOrder = (f: { effective?: string; expires?: string }) => !f.effective || !f.expires || f.effective < f.expires;
const datesMessage = () => ({ message: "expires must come after effective", path: ["expires"] });

export const FaqSchema = FaqFieldsSchema.refine(datesInOrder, datesMessage());

/** What an editor sets on an FAQ: all but its id and intent, which name it. */
export const EditableFaqSchema = FaqFieldsSchema.omit({ id: true, intent: true }).refine(datesInOrder, datesMessage());

export type Faq = z.infer<typeof FaqSchema>;
export type Locale = "zh" | "en";

/**
 * Out-of-scope examples (`bot/out-of-scope.yaml`): messages the desk must not answer with an FAQ.
 * They train the explicit `none` outcome.
 */
export const OutOfScopeSchema = z
  .object({
    examples: z.record(
      nonEmpty,
      z.object({ zh: z.array(nonEmpty).default([]), en: z.array(nonEmpty).default([]) }).strict(),
    ),
  })
  .strict();

export type OutOfScope = z.infer<typeof OutOfScopeSchema>;

/** Domain words that keep a message in scope (`bot/anchors.yaml`). */
export const AnchorsSchema = z
  .object({ terms: z.array(nonEmpty).min(1), unless: z.array(nonEmpty).default([]) })
  .strict();

export type Anchors = z.infer<typeof AnchorsSchema>;

/**
 * Whether an FAQ is answered on a day (YYYY-MM-DD in the service's time zone): from its effective
 * day, until the day it expires. Pure.
 */
export function faqInEffect(faq: Pick<Faq, "effective" | "expires">, today: string): { inEffect: true } | { inEffect: false; effective?: string; expired?: string } {
  if (faq.effective && today < faq.effective) return { inEffect: false, effective: faq.effective };
  if (faq.expires && today >= faq.expires) return { inEffect: false, expired: faq.expires };
  return { inEffect: true };
}
