import type { AbuseLimits, SocketEventKind } from "../../config.js";
import { ChatError } from "../../conversation/errors.js";
import { addressKey, clientAddress } from "../../security/client-address.js";
import { type LimitStore, type Rate, SlidingWindowLimit } from "../../security/rate-limit.js";

/** The handshake fields the address is read from. */
interface Handshake {
  address: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * The citizen socket's abuse limits beyond one socket: per address (connections per window, sockets
 * open at once, new conversations per window) and per conversation (messages across all its
 * sockets). The counters per window live in the LimitStore (this process, or Redis shared by every
 * instance); the sockets open at once are counted here, per instance.
 */
export class ChatLimits {
  private readonly open = new Map<string, number>();

  constructor(
    private readonly store: LimitStore,
    private readonly limits: AbuseLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whom a handshake comes from, as limits count it (see security/client-address.ts). */
  addressOf(handshake: Handshake): string {
    return addressKey(clientAddress(handshake.address, handshake.headers["x-forwarded-for"], this.limits.trustedProxies));
  }

  /**
   * Whether the handshake carries X-Forwarded-For that is not believed (TRUSTED_PROXY does not list
   * its sender). Behind a proxy that is not listed, every citizen would count as the proxy.
   */
  ignoresForwardedFor(handshake: Handshake): boolean {
    return handshake.headers["x-forwarded-for"] !== undefined && !this.limits.trustedProxies?.trusts(handshake.address);
  }

  /**
   * Lets a handshake from `address` in, or refuses it with CHAT_TOO_MANY_CONNECTIONS or
   * CHAT_TOO_MANY_CONVERSATIONS. The cheapest check comes first, and the socket's place among the
   * address's open ones is taken before anything is awaited, so a burst cannot slip past the cap.
   * Returns what gives the place back (once, however often it is called).
   */
  async admit(address: string, opensConversation: boolean): Promise<() => void> {
    const held = this.open.get(address) ?? 0;
    if (held >= this.limits.addressSockets) throw new ChatError("CHAT_TOO_MANY_CONNECTIONS");
    this.open.set(address, held + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const left = (this.open.get(address) ?? 1) - 1;
      if (left > 0) this.open.set(address, left);
      else this.open.delete(address);
    };
    try {
      if (!(await this.store.hit(`connect:${address}`, this.limits.addressConnections, this.now()))) {
        throw new ChatError("CHAT_TOO_MANY_CONNECTIONS");
      }
      if (opensConversation && !(await this.store.hit(`conversations:${address}`, this.limits.addressConversations, this.now()))) {
        throw new ChatError("CHAT_TOO_MANY_CONVERSATIONS");
      }
      return release;
    } catch (error) {
      release();
      throw error;
    }
  }

  /** Sockets the address holds open on this instance. */
  openSockets(address: string): number {
    return this.open.get(address) ?? 0;
  }

  /** Counts one citizen message of the conversation; refuses with CHAT_RATE_LIMITED past its budget. */
  async conversationMessage(conversationId: string): Promise<void> {
    if (!(await this.store.hit(`messages:${conversationId}`, this.limits.conversationMessages, this.now()))) {
      throw new ChatError("CHAT_RATE_LIMITED");
    }
  }

  /** A fresh budget for one socket: `message` at `messageRate`, the other kinds as configured. */
  socketBudget(messageRate: Rate): SocketBudget {
    return new SocketBudget({ message: messageRate, ...this.limits.socketEvents }, this.now);
  }
}

export type BudgetKind = SocketEventKind | "message";

/** One socket's budget for each kind of event it may send (exact sliding windows, in memory). */
export class SocketBudget {
  private readonly windows: Map<BudgetKind, SlidingWindowLimit>;

  constructor(
    rates: Record<BudgetKind, Rate>,
    private readonly now: () => number = Date.now,
  ) {
    this.windows = new Map(
      Object.entries(rates).map(([kind, rate]) => [kind as BudgetKind, new SlidingWindowLimit(rate.limit, rate.windowMs)]),
    );
  }

  /** Counts one event of this kind; false when it is over the budget (and then not counted). */
  take(kind: BudgetKind): boolean {
    return this.windows.get(kind)?.tryHit(this.now()) ?? true;
  }
}
