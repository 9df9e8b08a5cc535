import { fill, flowResponses } from "../../bot/flow-responses.js";
import type { Locale } from "../domain/locale.js";
import type { ChatMessageInput } from "../domain/message.js";
import { decide } from "../dialog/decide.js";
import { calculatorFor, carriesFacts, prefillOf, valuesIn } from "../dialog/flows/prefill.js";
import { ask, continueFlow, FLOW_IDLE_MS, type FlowState, isExpired, startFlow } from "../dialog/flows/runner.js";
import type { FlowDefinition, FlowOutcome, SlotValues, SubmitContext } from "../dialog/flows/types.js";
import type { Knowledge, KnowledgeSource } from "../publishing/active-knowledge.js";
import type { Understanding } from "../nlu/engine.js";
import { detectLocale } from "../nlu/locale.js";
import type { RecordsPort } from "../records/ports.js";
import type { FieldCipher } from "../security/field-cipher.js";
import type { Storage } from "../storage/ports.js";
import { extractApplicationNumbers } from "../nlu/entities/application-number.js";
import { DEFAULT_TIME_ZONE } from "../domain/local-time.js";
import type { FlowTurn } from "./flow-turn.js";

export type { FlowTurn } from "./flow-turn.js";

/** What a conversation remembers about guided applications (stored encrypted: it holds personal data). */
export interface FlowRecord {
  active?: FlowState;
  /** The values of the last finished flow, offered to the next one (挂失 → 补办) for a while. */
  carry?: { values: SlotValues; displays: SlotValues; at: string };
  /** What a flow given up to a person had collected (masked displays), for the agent's context panel. */
  handedOver?: { flowId: string; displays: SlotValues; filled: string[] };
}


export interface FlowSessionDeps {
  storage: Storage;
  cipher: FieldCipher;
  records: RecordsPort;
  flows: Record<string, FlowDefinition>;
  /** The FAQ answers given inside a guided application, as active at each use. */
  knowledge: KnowledgeSource;
  links: Pick<SubmitContext, "certificateUrl" | "verifyUrl">;
  /** Asked to call `expireIfIdle` for this conversation at `at` (ms), so an idle flow ends with a notice. */
  scheduleExpiry?: (conversationId: string, at: number) => void;
  /** How long a flow may sit idle (default 30 minutes). */
  idleMs?: number;
  /** The service's time zone: dates in answers and "today" for relative dates (default Asia/Shanghai). */
  timeZone?: string;
}

const CARRY_MS = 30 * 60_000;

/** "I want to do it" rather than "tell me about it": such messages start the flow at once. */
const WISH = /^(?:我要|我想|我需要|帮我|请帮我|给我|麻烦帮我|我现在要|我得)|^(?:i want to|i'd like to|i need to|help me|please help me)\b|^(?:申请|办理|挂失|补办|开具?|申领)/i;

/**
 * Runs guided applications inside a conversation: loads and saves the (encrypted) flow state,
 * drives the pure runner, and performs submissions through the records port.
 */
export class FlowSessions {
  private readonly idleMs: number;
  private readonly timeZone: string;

  constructor(private readonly deps: FlowSessionDeps) {
    this.idleMs = deps.idleMs ?? FLOW_IDLE_MS;
    this.timeZone = deps.timeZone ?? DEFAULT_TIME_ZONE;
  }

  /** These sessions on one knowledge version: a turn's flow buttons and in-flow answers are its own, whatever a publication swaps mid-turn. */
  reading(knowledge: Knowledge): FlowSessions {
    return new FlowSessions({ ...this.deps, knowledge: { current: () => knowledge } });
  }

  private async load(conversationId: string): Promise<FlowRecord> {
    const sealed = await this.deps.storage.conversations.getFlowState(conversationId);
    return sealed ? (JSON.parse(this.deps.cipher.decrypt(sealed)) as FlowRecord) : {};
  }

  private async save(conversationId: string, record: FlowRecord, now: Date): Promise<void> {
    const empty = !record.active && !record.carry;
    const sealed = empty ? null : this.deps.cipher.encrypt(JSON.stringify(record));
    await this.deps.storage.conversations.setFlowState(conversationId, sealed, now.toISOString());
    if (record.active) this.deps.scheduleExpiry?.(conversationId, Date.parse(record.active.lastActivityAt) + this.idleMs + 1);
  }

  /**
   * Ends a flow left idle past the limit; returns the notice to tell the citizen, in the flow's
   * language, or undefined when the flow moved on (or ended) meanwhile.
   */
  async expireIfIdle(conversationId: string, now: Date): Promise<{ text: string } | undefined> {
    const record = await this.load(conversationId);
    if (!record.active || !isExpired(record.active, now, this.idleMs)) return undefined;
    const locale = record.active.locale ?? "zh";
    delete record.active;
    await this.save(conversationId, record, now);
    return { text: flowResponses.expired[locale] };
  }

  /** The flow an FAQ answer offers as a button, if any. */
  flowForIntent(intent: string): FlowDefinition | undefined {
    const faq = this.deps.knowledge.current().catalogue.faqsByIntent.get(intent);
    return faq?.flow ? this.deps.flows[faq.flow] : undefined;
  }

  /**
   * Whether a message answered with `intent` should start its flow straight away: it asks to do
   * it, the flow starts on any mention, or (a calculator) the message already carries its facts.
   */
  wantsToStart(text: string, intent: string, locale: Locale, now: Date): FlowDefinition | undefined {
    const def = this.flowForIntent(intent);
    const ctx = { now, locale, timeZone: this.timeZone };
    return def && (def.startsOnMention || WISH.test(text.trim()) || (def.startsWithFacts && carriesFacts(def, text, ctx))) ? def : undefined;
  }

  /** A calculator for a message the classifier is unsure about (src/dialog/flows/prefill.ts). */
  calculatorFor(text: string, options: readonly string[], locale: Locale, now: Date): FlowDefinition | undefined {
    return calculatorFor(Object.values(this.deps.flows), text, options, { now, locale, timeZone: this.timeZone });
  }

  /** The flow an application number in a message goes to, with the number. */
  private applicationNumberIn(input: ChatMessageInput): { def: FlowDefinition; number: string } | undefined {
    if (input.quickReply) return undefined;
    const [number] = extractApplicationNumbers(input.text);
    const def = number ? Object.values(this.deps.flows).find((f) => f.takesApplicationNumber) : undefined;
    return def && number ? { def, number } : undefined;
  }

  /** Runs a one-slot flow with its value given: the lookup's answer, as a flow turn. */
  private async runWith(def: FlowDefinition, value: string, locale: Locale, now: Date): Promise<FlowTurn> {
    const slot = def.steps[0]?.slot ?? "query";
    const outcome = await def.submit({ [slot]: value }, { records: this.deps.records, now, locale, timeZone: this.timeZone, ...this.deps.links });
    return this.outcomeTurn(def, outcome, locale);
  }

  offerButton(def: FlowDefinition, locale: Locale) {
    return { label: def.offer?.[locale] ?? fill(flowResponses.startOffer[locale], { title: def.title[locale] }), payload: { action: "flow" as const, command: "start" as const, flow: def.id } };
  }

  /**
   * Handles a message when a flow is active or being started; undefined means "not a flow turn",
   * and the ordinary FAQ path answers. `prefix` carries notices such as an expiry.
   */
  async handle(
    conversationId: string,
    input: ChatMessageInput,
    locale: Locale,
    now: Date,
    understand: () => Promise<Understanding>,
    startWith?: FlowDefinition,
    /** The message corrects the values just used (不对，我是1976年的): they are kept, the new ones win. */
    correcting = false,
  ): Promise<{ turn?: FlowTurn; notice?: string }> {
    const record = await this.load(conversationId);
    if (record.carry && now.getTime() - Date.parse(record.carry.at) > CARRY_MS) delete record.carry;
    const qr = input.quickReply;
    const startId = startWith?.id ?? (qr && "action" in qr && qr.action === "flow" && qr.command === "start" ? qr.flow : undefined);

    const lookup = this.applicationNumberIn(input);
    if (lookup && record.active?.flowId !== lookup.def.id) {
      const turn = await this.runWith(lookup.def, lookup.number, locale, now);
      const active = record.active;
      const running = active && !isExpired(active, now, this.idleMs) ? this.deps.flows[active.flowId] : undefined;
      if (!active || !running) return { turn };
      // In the middle of another application: answer, then ask its question again.
      const resumed = { ...active, lastActivityAt: now.toISOString() };
      await this.save(conversationId, { ...record, active: resumed }, now);
      const again = ask(running, resumed, active.locale ?? locale, [flowResponses.resumeAfterFaq[active.locale ?? locale]]);
      return {
        turn: { ...turn, text: `${turn.text}\n\n${again.text}`, quickReplies: again.quickReplies, ...(again.asking ? { asking: again.asking } : {}) },
      };
    }

    if (startId) {
      const def = this.deps.flows[startId];
      if (!def) return {};
      // A typed start may carry values (我1975年3月出生…); they join those of the flow just finished.
      const given = startWith?.startsWithFacts && !qr ? valuesIn(def, input.text, { now, locale, timeZone: this.timeZone }) : undefined;
      const { state, reply } = startFlow(def, now, locale, prefillOf(record.carry, given, correcting));
      if (state.pending === "confirm" && def.confirm === false) {
        return { turn: await this.submit(conversationId, def, state.values, state.displays, locale, now) };
      }
      await this.save(conversationId, { ...record, active: state }, now);
      return { turn: { ...reply, intent: def.intents[0], decision: "flow" } };
    }

    const active = record.active;
    if (!active) return {};
    const def = this.deps.flows[active.flowId];
    // A reply follows the message's language, else the language the flow was started in.
    locale = detectLocale(input.text) ?? active.locale ?? locale;
    if (!def || isExpired(active, now, this.idleMs)) {
      delete record.active;
      await this.save(conversationId, record, now);
      return { notice: flowResponses.expired[locale] };
    }
    if (qr && "action" in qr && qr.action === "agent") {
      delete record.active;
      await this.save(conversationId, record, now);
      return {};
    }
    const command = qr && "action" in qr && qr.action === "flow" ? qr.command : undefined;
    const pressedIntent = qr && "intent" in qr ? qr.intent : undefined;
    // Typed text may be a question rather than an answer: the runner is pure, so it is understood first.
    const understood = qr ? undefined : await understand();
    const result = pressedIntent
      ? { kind: "faq" as const, state: active, intent: pressedIntent, followUp: ask(def, active, locale, [flowResponses.resumeAfterFaq[locale]]) }
      : continueFlow(def, active, { text: input.text, ...(command ? { command } : {}) }, this.ctx(locale, now, def, input.text, understood));

    switch (result.kind) {
      case "continue":
        await this.save(conversationId, { ...record, active: result.state }, now);
        return { turn: { ...result.reply, intent: def.intents[0], decision: "flow" } };
      case "faq": {
        await this.save(conversationId, { ...record, active: result.state }, now);
        const faq = this.deps.knowledge.current().catalogue.faqsByIntent.get(result.intent);
        const answer = faq ? faq.answer[locale].trim() : "";
        return {
          turn: {
            text: [answer, result.followUp.text].filter(Boolean).join("\n\n"),
            ...(result.followUp.privateText ? { privateText: [answer, result.followUp.privateText].filter(Boolean).join("\n\n") } : {}),
            ...(result.followUp.asking ? { asking: result.followUp.asking } : {}),
            quickReplies: result.followUp.quickReplies,
            intent: result.intent,
            decision: "faq_in_flow",
          },
        };
      }
      case "ended":
        if (result.reason === "handoff") {
          record.handedOver = { flowId: active.flowId, displays: { ...active.displays }, filled: [...active.filled] };
        }
        delete record.active;
        await this.save(conversationId, record, now);
        return { turn: { ...result.reply, intent: def.intents[0], decision: `flow_${result.reason}` } };
      case "submit":
        return { turn: await this.submit(conversationId, def, result.values, result.displays, locale, now) };
    }
  }

  /** Runs a flow's submit hook; its values are kept a while for the next flow (挂失 then 补办). */
  private async submit(conversationId: string, def: FlowDefinition, values: SlotValues, displays: SlotValues, locale: Locale, now: Date): Promise<FlowTurn> {
    const outcome = await def.submit(values, { records: this.deps.records, now, locale, timeZone: this.timeZone, ...this.deps.links });
    if (outcome.applicationNumber) {
      await this.deps.storage.applicationLinks.link(outcome.applicationNumber, conversationId, now.toISOString());
    }
    const next: FlowRecord = { carry: { values, displays, at: now.toISOString() } };
    await this.save(conversationId, next, now);
    return this.outcomeTurn(def, outcome, locale);
  }

  /**
   * The values a guided application collected, as shown back to the citizen (sensitive ones
   * masked), labelled in `locale`: the running flow's, else those of a flow given up to a person.
   */
  async collectedValues(conversationId: string, locale: Locale): Promise<{ label: string; value: string }[]> {
    const record = await this.load(conversationId);
    const source = record.active ?? record.handedOver;
    const def = source ? this.deps.flows[source.flowId] : undefined;
    if (!source || !def) return [];
    const title = def.title[locale];
    return source.filled
      .filter((slot) => source.displays[slot] !== undefined)
      .map((slot) => ({
        label: `${title ? `${title} · ` : ""}${def.steps.find((s) => s.slot === slot)?.label[locale] ?? slot}`,
        value: source.displays[slot]!,
      }));
  }

  private outcomeTurn(def: FlowDefinition, outcome: FlowOutcome, locale: Locale): FlowTurn {
    const next = outcome.next && this.deps.flows[outcome.next.flow] ? outcome.next : undefined;
    return {
      text: outcome.text[locale],
      quickReplies: next ? [{ label: next.label[locale], payload: { action: "flow", command: "start", flow: next.flow } }] : [],
      ...(outcome.links ? { links: outcome.links.map((l) => ({ label: l.label[locale], url: l.url })) } : {}),
      intent: def.intents[0],
      decision: `flow_${outcome.status}`,
      ...(outcome.applicationNumber ? { applicationNumber: outcome.applicationNumber } : {}),
      ...(outcome.applicationKind ? { applicationKind: outcome.applicationKind } : {}),
    };
  }

  /** The intent of the guided application in progress, or of one given up to a person. */
  async currentFlowIntent(conversationId: string): Promise<string | null> {
    const record = await this.load(conversationId);
    const flowId = record.active?.flowId ?? record.handedOver?.flowId;
    return (flowId && this.deps.flows[flowId]?.intents[0]) || null;
  }

  private ctx(locale: Locale, now: Date, def: FlowDefinition, message: string, understood: Understanding | undefined) {
    return {
      now,
      locale,
      timeZone: this.timeZone,
      faqIntent: (text: string) => {
        if (!understood || text !== message) return undefined;
        const decision = decide(understood);
        // The same bar as outside a flow: a message the bot would answer directly is a question.
        if (decision.kind !== "answer" || decision.action !== "faq") return undefined;
        return def.intents.includes(decision.intent) ? undefined : decision.intent;
      },
    };
  }
}

