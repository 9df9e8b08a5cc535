import type { Locale } from "../domain/locale.js";
import type { ConversationService } from "./service.js";

/** Sample conversations to rehearse: each a list of citizen messages, in one language. */
export type RehearsalScript = { locale: Locale; texts: string[] }[];

export interface RehearsalResult {
  turns: number;
  ms: number;
}

/**
 * Builds a script from the knowledge base's own question variants: conversations of `perConversation`
 * messages, each message a different topic, so a conversation wanders the way the busiest ones do
 * (into a guided application and out of it). Deterministic: the same knowledge gives the same script.
 */
export function rehearsalScript(
  faqs: readonly { questions: { zh: readonly string[]; en: readonly string[] } }[],
  turns: number,
  perConversation = 8,
): RehearsalScript {
  const zh = faqs.flatMap((f) => f.questions.zh.slice(0, 3));
  const en = faqs.flatMap((f) => f.questions.en.slice(0, 1));
  const script: RehearsalScript = [];
  let made = 0;
  for (let c = 0; made < turns && zh.length > 0; c++) {
    // One conversation in four in English, as the desk's own mix roughly is.
    const pool = c % 4 === 3 && en.length > 0 ? en : zh;
    const texts: string[] = [];
    for (let i = 0; i < perConversation && made < turns; i++, made++) {
      // A stride coprime with most pool sizes walks across topics rather than along one FAQ's variants.
      texts.push(pool[(c * perConversation + i) * 7 % pool.length] as string);
    }
    script.push({ locale: pool === en ? "en" : "zh", texts });
  }
  return script;
}

/**
 * Rehearses the turn path before the first citizen is served. V8 compiles a function's fast form
 * only once it has run a while, and so does the understanding worker's engine: measured with
 * `npm run bench:load`, the first ~500 messages after a start were answered at a 99th percentile
 * of 30-200 ms, against under 10 ms once warm. The rehearsal sends the script's turns through
 * `service`, which the caller builds on scratch storage (nothing reaches the citizens' store),
 * and stops at the script's end or after `budgetMs`, whichever comes first.
 */
export async function rehearseTurns(service: ConversationService, script: RehearsalScript, budgetMs: number): Promise<RehearsalResult> {
  const started = performance.now();
  let turns = 0;
  for (const [c, conversation] of script.entries()) {
    for (const [i, text] of conversation.texts.entries()) {
      if (performance.now() - started > budgetMs) return { turns, ms: Math.round(performance.now() - started) };
      await service.handle(
        { channel: "web", key: `rehearsal-${c}`, clientId: `rehearsal-${c}-${i}`, text, locale: conversation.locale },
        // The hooks a channel gives, doing nothing: their code paths are the service's, not the socket's.
        { stored: () => {}, typing: () => {} },
      );
      turns++;
    }
  }
  return { turns, ms: Math.round(performance.now() - started) };
}
