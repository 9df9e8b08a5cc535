import { z } from "zod";
import { normalise } from "./normalise.js";

export const TopicsSchema = z
  .object({
    topics: z.record(
      z.string(),
      z.object({ phrases: z.array(z.string().min(1)).min(1), intents: z.array(z.string().min(1)).min(2) }).strict(),
    ),
  })
  .strict();

export type Topics = z.infer<typeof TopicsSchema>;

export interface TopicMatch {
  id: string;
  intents: string[];
}

// Polite wrappers that do not change what is asked: 请问社保卡 is still just 社保卡.
const FILLERS = /^(?:你好|您好|请问|我想问问?|想问问?|问一下|问问|咨询一下|咨询|了解一下|关于|about|tell me about|i have a question about|question about)+|(?:的事情?|的问题|方面|相关|怎么说|咋说|呢|吗|啊|呀|的)+$/g;
const PUNCT = /[\p{P}\p{S}\s]+/gu;

function core(text: string): string {
  let t = normalise(text).replace(PUNCT, " ").trim();
  for (let i = 0; i < 3; i++) t = t.replace(FILLERS, "").trim();
  return t.replace(/\s+/g, " ");
}

/** The intents each topic names that the knowledge base does not have, by topic (a typo, or a retired intent). */
export function unknownTopicIntents(topics: Topics, knownIntents: ReadonlySet<string>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [id, t] of Object.entries(topics.topics)) {
    const unknown = t.intents.filter((i) => !knownIntents.has(i));
    if (unknown.length > 0) out[id] = unknown;
  }
  return out;
}

/**
 * Finds messages that only name an area (社保卡, 失业, pension), to answer with that area's menu.
 * A menu offers only the intents the knowledge base has: one an editor retired drops out of it,
 * and a topic left with fewer than two is no menu. (The committed topics file is checked against
 * the committed knowledge base by tests/nlu/topics.test.ts, where a typo would show.)
 */
export class TopicIndex {
  private readonly byPhrase = new Map<string, TopicMatch>();

  constructor(topics: Topics, knownIntents: ReadonlySet<string>) {
    for (const [id, t] of Object.entries(topics.topics)) {
      const intents = t.intents.filter((i) => knownIntents.has(i));
      if (intents.length < 2) continue;
      for (const p of t.phrases) this.byPhrase.set(core(p), { id, intents });
    }
  }

  match(text: string): TopicMatch | undefined {
    return this.byPhrase.get(core(text));
  }
}
