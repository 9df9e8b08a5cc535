import { fill, flowResponses as say } from "../../../bot/flow-responses.js";
import type { Locale } from "../../domain/locale.js";
import type { FlowCommand, QuickReplyPayload } from "../../domain/message.js";
import { normalise } from "../../nlu/normalise.js";
import type { ValidationContext } from "../validators/types.js";
import type { FlowDefinition, FlowStep, SlotValues } from "./types.js";

/** Where a citizen is in a guided application. Stored (encrypted) with the conversation. */
export interface FlowState {
  flowId: string;
  /** The language the flow was started in: answers without words (digits) keep it. */
  locale: Locale;
  /** Canonical slot values (personal data: the store encrypts the whole state). */
  values: SlotValues;
  /** How each value is shown back: masked where sensitive. */
  displays: SlotValues;
  /** Slots in the order they were filled, for 返回 / back. */
  filled: string[];
  /** The slot being asked, or "confirm" once everything is in. */
  pending: string;
  /** Invalid answers in a row to the pending question. */
  invalid: number;
  /** Set while asking "cancel this application?". */
  confirmingCancel: boolean;
  startedAt: string;
  lastActivityAt: string;
}

export interface FlowReply {
  /** Personal values masked: what is stored as the message and what staff see. */
  text: string;
  quickReplies: { label: string; payload: QuickReplyPayload }[];
  /** The same words with the citizen's own values in full, for the citizen only (a summary to check). */
  privateText?: string;
  /** The kind of answer the question asks for (the slot's validator kind: bank_card, id_number…). */
  asking?: string;
}

export type RunnerResult =
  /** Keep going: say this and wait for the next answer. */
  | { kind: "continue"; state: FlowState; reply: FlowReply }
  /** The message was a question about something else: answer `intent`, then say `followUp`. */
  | { kind: "faq"; state: FlowState; intent: string; followUp: FlowReply }
  /** Everything is confirmed: run the flow's submit hook with these values. */
  | { kind: "submit"; flowId: string; values: SlotValues; displays: SlotValues }
  /** The flow is over without a submission (cancelled, or handed to an agent). */
  | { kind: "ended"; reason: "cancelled" | "handoff"; reply: FlowReply };

export interface RunnerContext extends ValidationContext {
  locale: Locale;
  /** An FAQ intent when the message is confidently a question rather than an answer. */
  faqIntent(text: string): string | undefined;
}

export const FLOW_IDLE_MS = 30 * 60_000;

const CANCEL = /^(?:取消|退出|不办了|算了|不想办了|我不办了|取消办理|cancel|quit|exit|stop)[。.!！]?$/i;
const BACK = /^(?:返回|上一步|后退|回到上一步|back|go back|previous)[。.!！]?$/i;
const YES = /^(?:是|是的|对|对的|确认|确定|好|好的|可以|嗯|没错|确认提交|提交|yes|y|ok|okay|sure|submit)[。.!！]?$/i;
const NO = /^(?:否|不|不是|不用|不要|没有|继续|no|n|nope)[。.!！]?$/i;

const button = (label: Record<Locale, string>, locale: Locale, command: FlowCommand): FlowReply["quickReplies"][number] => ({ label: label[locale], payload: { action: "flow", command } });

function activeSteps(def: FlowDefinition, values: SlotValues): FlowStep[] {
  return def.steps.filter((s) => !s.when || s.when(values));
}

function nextSlot(def: FlowDefinition, values: SlotValues): string {
  const step = activeSteps(def, values).find((s) => values[s.slot] === undefined);
  return step ? step.slot : "confirm";
}

function stepOf(def: FlowDefinition, slot: string): FlowStep | undefined {
  return def.steps.find((s) => s.slot === slot);
}

/** The question for the pending slot, or the confirmation with the values masked. */
export function ask(def: FlowDefinition, state: FlowState, locale: Locale, lead: string[] = []): FlowReply {
  const controls = [button(say.buttons.back, locale, "back"), button(say.buttons.cancel, locale, "cancel")];
  if (state.pending === "confirm") {
    const summary = (shown: (s: FlowStep) => string) => {
      const lines = activeSteps(def, state.values).map((s) => `${s.label[locale]}：${shown(s)}`);
      return [...lead, say.confirmIntro[locale], ...lines, say.confirmQuestion[locale]].join("\n");
    };
    // The citizen checks what they typed: their own values in full (a choice shows its label).
    const full = (s: FlowStep) => (s.validator.sensitive ? state.values[s.slot] : state.displays[s.slot]) ?? "";
    return {
      text: summary((s) => state.displays[s.slot] ?? ""),
      privateText: summary(full),
      quickReplies: [
        button(say.buttons.confirm, locale, "confirm"),
        button(say.buttons.edit, locale, "edit"),
        button(say.buttons.cancel, locale, "cancel"),
      ],
    };
  }
  const step = stepOf(def, state.pending);
  // A choice's options as buttons, before back and cancel: a tap answers with the option's label.
  const options = (step?.validator.choices ?? []).map((label) => ({ label: label[locale], payload: { action: "flow" as const, command: "answer" as const } }));
  return {
    text: [...lead, step ? step.prompt[locale] : ""].join("\n"),
    quickReplies: [...options, ...(state.filled.length > 0 ? controls : controls.slice(1))],
    ...(step ? { asking: step.validator.kind } : {}),
  };
}

/**
 * Starts a flow: its introduction and the first question. `prefill` carries values the citizen
 * already gave in a flow just finished (挂失 then 补办); only the slots this flow asks are taken.
 */
export function startFlow(
  def: FlowDefinition,
  now: Date,
  locale: Locale,
  prefill?: { values: SlotValues; displays: SlotValues },
): { state: FlowState; reply: FlowReply } {
  const at = now.toISOString();
  const values: SlotValues = {};
  const displays: SlotValues = {};
  for (const step of def.steps) {
    const v = prefill?.values[step.slot];
    if (v !== undefined) {
      values[step.slot] = v;
      displays[step.slot] = prefill?.displays[step.slot] ?? v;
    }
  }
  const state: FlowState = {
    flowId: def.id,
    locale,
    values,
    displays,
    filled: Object.keys(values),
    pending: nextSlot(def, values),
    invalid: 0,
    confirmingCancel: false,
    startedAt: at,
    lastActivityAt: at,
  };
  return { state, reply: ask(def, state, locale, [def.intro[locale]]) };
}

export function isExpired(state: FlowState, now: Date, idleMs = FLOW_IDLE_MS): boolean {
  return now.getTime() - Date.parse(state.lastActivityAt) > idleMs;
}

function setValue(def: FlowDefinition, state: FlowState, slot: string, value: string, display: string): FlowState {
  const values = { ...state.values, [slot]: value };
  const displays = { ...state.displays, [slot]: display };
  // A changed answer can switch a later step off (a condition no longer holds): drop its value.
  const active = new Set(activeSteps(def, values).map((s) => s.slot));
  for (const k of Object.keys(values)) {
    if (!active.has(k)) {
      delete values[k];
      delete displays[k];
    }
  }
  const filled = [...state.filled.filter((s) => s !== slot && active.has(s)), slot];
  return { ...state, values, displays, filled };
}

/** Words that open a correction of what the citizen said before. */
export const CORRECTION = /^(?:不对|不是|错了|说错了|搞错了|写错了|更正|纠正|sorry|no[,，]|actually|correction)/i;

/**
 * A correction names a slot (不对，手机号是…) and carries its new value; one that opens with 不对 /
 * sorry may also just give a new value for a slot already answered ("sorry, I meant 1969").
 */
function correction(def: FlowDefinition, state: FlowState, text: string, ctx: RunnerContext) {
  const lowered = normalise(text);
  const correcting = CORRECTION.test(text.trim());
  for (const step of activeSteps(def, state.values)) {
    if (state.values[step.slot] === undefined && step.slot !== state.pending) continue;
    const named = step.aliases.some((a) => lowered.includes(normalise(a)));
    if (!named && !correcting) continue;
    const found = step.validator.extract(text, ctx);
    if (found && (named || (found.ok && state.values[step.slot] !== undefined && found.value !== state.values[step.slot]))) return { step, found };
  }
  return undefined;
}

/**
 * One citizen message inside a flow. Pure: the state and the message in, the next state and what
 * to say out; submitting is left to the caller (it talks to the back office).
 */
export function continueFlow(
  def: FlowDefinition,
  prior: FlowState,
  input: { text: string; command?: FlowCommand },
  ctx: RunnerContext,
): RunnerResult {
  const { locale } = ctx;
  let state: FlowState = { ...prior, lastActivityAt: ctx.now.toISOString() };
  const text = input.text.trim();
  // An option's button (`answer`) is its label as an answer: never read as "cancel", "yes" or "no".
  const typed = CANCEL.test(text) ? "cancel" : BACK.test(text) ? "back" : YES.test(text) ? "yes" : NO.test(text) ? "no" : undefined;
  const command = input.command === "answer" ? undefined : (input.command ?? typed);
  if (state.confirmingCancel) {
    if (command === "yes" || command === "cancel") return { kind: "ended", reason: "cancelled", reply: { text: say.cancelled[locale], quickReplies: [] } };
    state = { ...state, confirmingCancel: false };
    if (command === "no" || command === "continue") return { kind: "continue", state, reply: ask(def, state, locale, [say.notCancelled[locale]]) };
  }
  if (command === "cancel") {
    return {
      kind: "continue",
      state: { ...state, confirmingCancel: true },
      reply: { text: say.askCancel[locale], quickReplies: [button(say.buttons.yes, locale, "yes"), button(say.buttons.no, locale, "no")] },
    };
  }
  if (command === "back") {
    const last = state.filled.at(-1);
    if (!last) return { kind: "continue", state, reply: ask(def, state, locale, [say.atFirstStep[locale]]) };
    const values = { ...state.values };
    const displays = { ...state.displays };
    delete values[last];
    delete displays[last];
    state = { ...state, values, displays, filled: state.filled.slice(0, -1), pending: last, invalid: 0 };
    return { kind: "continue", state, reply: ask(def, state, locale, [say.back[locale]]) };
  }
  if (command === "continue") return { kind: "continue", state: { ...state, invalid: 0 }, reply: ask(def, state, locale) };
  if (state.pending === "confirm") {
    if (command === "confirm" || command === "yes") return { kind: "submit", flowId: def.id, values: state.values, displays: state.displays };
    if (command === "edit" || command === "no") return { kind: "continue", state, reply: { text: say.editHint[locale], quickReplies: [] } };
  }

  // A correction of an earlier answer (不对，手机号是…).
  const fix = correction(def, state, text, ctx);
  if (fix?.found.ok && state.values[fix.step.slot] !== undefined) {
    state = setValue(def, state, fix.step.slot, fix.found.value, fix.found.display);
    state = { ...state, pending: nextSlot(def, state.values), invalid: 0 };
    const note = fill(say.updated[locale], { label: fix.step.label[locale], value: fix.found.display });
    return { kind: "continue", state, reply: ask(def, state, locale, [note]) };
  }

  // The answer to the pending question, and any other slots the message fills (我叫张三，身份证…).
  const pending = stepOf(def, state.pending);
  let pendingProblem: string | undefined;
  // The answer held something of the right kind that is wrong (a future date, a bad check digit):
  // that is an answer to correct, not a question to look up.
  let wrongAnswer = false;
  const noted: string[] = [];
  // One value in a message fills one slot: 从成都转到北京 must not make 成都 both ends.
  const taken = new Set<string>();
  if (pending) {
    const whole = pending.validator.validate(text, ctx);
    const extracted = whole.ok ? undefined : pending.validator.extract(text, ctx);
    const answer = whole.ok ? whole : (extracted ?? whole);
    if (answer.ok) {
      state = setValue(def, state, pending.slot, answer.value, answer.display);
      noted.push(`${pending.label[locale]} ${answer.display}`);
      taken.add(`${pending.validator.kind}:${answer.value}`);
    } else {
      pendingProblem = answer.reason[locale];
      wrongAnswer = extracted !== undefined;
    }
  }
  for (const step of activeSteps(def, state.values)) {
    if (state.values[step.slot] !== undefined || step.slot === pending?.slot) continue;
    const found = step.validator.extract(text, ctx);
    if (found?.ok && !taken.has(`${step.validator.kind}:${found.value}`)) {
      state = setValue(def, state, step.slot, found.value, found.display);
      noted.push(`${step.label[locale]} ${found.display}`);
      taken.add(`${step.validator.kind}:${found.value}`);
    }
  }
  if (noted.length > 0) {
    state = { ...state, pending: nextSlot(def, state.values), invalid: pendingProblem === undefined ? 0 : state.invalid };
    // Flows that must act at once (挂失) skip the confirmation.
    if (state.pending === "confirm" && def.confirm === false) {
      return { kind: "submit", flowId: def.id, values: state.values, displays: state.displays };
    }
    // Say what was understood when a message filled more than the question asked for.
    const lead = noted.length > 1 ? [fill(say.filled[locale], { items: noted.join(locale === "zh" ? "，" : ", ") })] : [];
    return { kind: "continue", state, reply: ask(def, state, locale, lead) };
  }

  // Not an answer: perhaps a question about something else, answered before asking again.
  const faq = wrongAnswer ? undefined : ctx.faqIntent(text);
  if (faq) return { kind: "faq", state, intent: faq, followUp: ask(def, state, locale, [say.resumeAfterFaq[locale]]) };

  const invalid = state.invalid + 1;
  state = { ...state, invalid };
  if (invalid >= 3) {
    return {
      kind: "continue",
      state,
      reply: {
        text: [pendingProblem ?? "", say.tooManyInvalid[locale]].filter(Boolean).join("\n"),
        quickReplies: [
          { label: say.buttons.agent[locale], payload: { action: "agent" } },
          button(say.buttons.continue, locale, "continue"),
          button(say.buttons.cancel, locale, "cancel"),
        ],
      },
    };
  }
  return { kind: "continue", state, reply: ask(def, state, locale, pendingProblem ? [pendingProblem] : []) };
}
