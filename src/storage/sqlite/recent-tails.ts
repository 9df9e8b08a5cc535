import type { MessageMeta, MessageRecord } from "../ports.js";
import { type MessageRow, messageFields } from "./rows.js";

/** How many of a conversation's latest messages are kept in memory, and for how many conversations. */
export const RECENT_TAIL = 16;
const TAIL_CONVERSATIONS = 2000;

/**
 * A cached message as stored: its meta kept as the JSON text written, parsed on the first read
 * only and then shared, frozen (a reader that tried to change it would fail loudly, not quietly
 * change what the next reader sees).
 */
type CachedMessage = Omit<MessageRecord, "meta"> & { metaJson: string; meta?: Readonly<MessageMeta> };

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Each reader gets its own record; the meta object is parsed once and shared, frozen. */
function fromCache(cached: CachedMessage): MessageRecord {
  cached.meta ??= deepFreeze(JSON.parse(cached.metaJson) as MessageMeta);
  const { metaJson: _json, ...record } = cached;
  return record as MessageRecord;
}

/**
 * The latest messages of recently active conversations, kept in memory: the bot reads the last
 * few messages of the conversation on every turn (repeated failures, a pending left message), and
 * fetching them row by row was the largest storage cost per message. Least recently used
 * conversations are dropped past the limit.
 */
export class RecentTails {
  private readonly tails = new Map<string, { messages: CachedMessage[]; complete: boolean }>();

  /** The latest `limit` messages, if the cached tail holds them and ends at `lastSeq`. */
  get(conversationId: string, limit: number, lastSeq: number): MessageRecord[] | undefined {
    const tail = this.tails.get(conversationId);
    if (!tail) return undefined;
    this.tails.delete(conversationId);
    const last = tail.messages.at(-1)?.seq ?? 0;
    if (last !== lastSeq || (tail.messages.length < limit && !tail.complete)) return undefined;
    this.tails.set(conversationId, tail);
    return tail.messages.slice(-limit).map(fromCache);
  }

  /**
   * Keeps `rows` as the conversation's tail (`complete`: these are all its messages) and returns
   * the latest `limit` of them as a later `get` would: the same records, meta parsed once, frozen.
   */
  set(conversationId: string, rows: MessageRow[], complete: boolean, limit: number): MessageRecord[] {
    const messages = rows.map((r): CachedMessage => ({ ...messageFields(r), metaJson: r.meta }));
    this.tails.delete(conversationId);
    this.tails.set(conversationId, { messages, complete });
    if (this.tails.size > TAIL_CONVERSATIONS) this.tails.delete(this.tails.keys().next().value as string);
    return messages.slice(-limit).map(fromCache);
  }

  /** A message this process stored: it extends the tail if the tail ended just before it. */
  appended(message: MessageRecord, metaJson: string): void {
    const tail = this.tails.get(message.conversationId);
    if (!tail) return;
    const last = tail.messages.at(-1)?.seq ?? 0;
    if (last !== message.seq - 1) {
      this.tails.delete(message.conversationId);
      return;
    }
    const { meta: _meta, ...rest } = message;
    tail.messages.push({ ...rest, metaJson });
    if (tail.messages.length > RECENT_TAIL) {
      tail.messages.shift();
      tail.complete = false;
    }
  }
}

