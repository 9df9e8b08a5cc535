import type { Locale } from "../../domain/locale.js";
import type { ApplicationStatus, CitizenRecord, RecordsPort } from "../../records/ports.js";
import type { SlotValidator, Text } from "../validators/types.js";

export type SlotValues = Record<string, string>;

/** One question of a flow: which slot it fills, how it asks, how it checks the answer. */
export interface FlowStep {
  slot: string;
  /** The slot's name in a summary or a correction: 手机号 / Mobile number. */
  label: Text;
  prompt: Text;
  validator: SlotValidator;
  /** Words that name this slot when the citizen corrects it (不对，手机号是…). */
  aliases: string[];
  /** Asked only when this holds for the values so far. */
  when?: (values: SlotValues) => boolean;
}

/** A pre-review rule, as data: a fact about the applicant compared with a value. */
export interface PreReviewRule {
  id: string;
  fact: string;
  op: ">=" | "<=" | "==" | "!=" | "in";
  value: number | string | boolean | string[];
  /** Why the application cannot go ahead, in plain words. */
  explain: Text;
  /** What to do instead. */
  nextSteps: Text;
}

export type Facts = Record<string, number | string | boolean>;

/** What a flow's submit hook may use: the back office and the time. */
export interface SubmitContext {
  records: RecordsPort;
  now: Date;
  locale: Locale;
  /** The service's time zone: times the reply shows are in it. */
  timeZone: string;
  /** A signed download link for a certificate PDF: only the conversation that asked gets it. */
  certificateUrl(applicationNumber: string): string;
  /** The public page where anyone can check a verification code. */
  verifyUrl: string;
}

export interface FlowOutcome {
  text: Text;
  status: ApplicationStatus | "done" | "not_found";
  applicationNumber?: string;
  /** The kind of the application the reply is about (filed, or looked up). */
  applicationKind?: string;
  /** Links the reply offers, e.g. the certificate PDF. */
  links?: { label: Text; url: string }[];
  /** A follow-up flow to offer as a button; it starts with this flow's values filled in. */
  next?: { flow: string; label: Text };
}

/**
 * A guided application, declared as data plus small typed hooks: the runner
 * (src/dialog/flows/runner.ts) does the asking, checking, correcting and confirming.
 */
export interface FlowDefinition {
  id: string;
  /** Intents whose FAQ offers this flow, and that start it when the citizen says they want to do it. */
  intents: string[];
  title: Text;
  intro: Text;
  steps: FlowStep[];
  /** Show the collected values and ask before submitting (default true). */
  confirm?: boolean;
  /**
   * Started by any typed message about its intent, not only by "I want to…" (a progress lookup is
   * something to do, never just something to read about).
   */
  startsOnMention?: boolean;
  /**
   * Started by a message about its intent that already carries one of its values (a calculator:
   * "我1975年3月出生，什么时候退休"), those values filled in; a general question gets the FAQ.
   */
  startsWithFacts?: boolean;
  /**
   * Words that name what a fact-started flow computes (退休, retire): a message carrying its facts
   * and these words starts it even when the classifier is unsure which question it is.
   */
  cue?: RegExp;
  /** The button offering it under its FAQ; "在线办理：{title}" when not given. */
  offer?: Text;
  /**
   * Any message carrying a well-formed application number (SQ…) is for this flow: its only slot
   * takes the number and it submits at once, whatever else the message says or is in progress.
   */
  takesApplicationNumber?: boolean;
  /** Facts for the pre-review rules, from the values and the back office's record. */
  facts?: (values: SlotValues, citizen: CitizenRecord | undefined, now: Date) => Facts;
  preReview?: PreReviewRule[];
  submit(values: SlotValues, ctx: SubmitContext): Promise<FlowOutcome>;
}
