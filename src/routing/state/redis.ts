import { createHash } from "node:crypto";
import { Redis } from "ioredis";
import { RoutingError, type RoutingErrorCode, routingErrors } from "../errors.js";
import type { AgentState, Urgency, WaitingChat } from "../types.js";
import type { AgentProfile, ChatPlacement, ChatStatus, NewChat, RoutingStatePort } from "./port.js";
import { checkProfile } from "./profile.js";
import { routingScripts, type ScriptName } from "./redis-scripts.js";

export interface RedisRoutingStateOptions {
  /** Namespace of every key, e.g. "desk". Instances sharing a desk use the same prefix. */
  prefix: string;
}

const shas = Object.fromEntries(
  Object.entries(routingScripts).map(([name, lua]) => [name, createHash("sha1").update(lua).digest("hex")]),
) as Record<ScriptName, string>;

/**
 * The live queue in Redis, shared by several server instances. Each method is one Lua script
 * (src/routing/state/redis-scripts.ts), so a claim checked on one instance cannot be overtaken by
 * another between the check and the change.
 */
export class RedisRoutingState implements RoutingStatePort {
  /** Set by `connect`: only a connection this class opened is closed by `close`. */
  private owned = false;

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisRoutingStateOptions,
  ) {}

  /** Opens its own connection (closed again by `close`). */
  static connect(url: string, options: RedisRoutingStateOptions): RedisRoutingState {
    const state = new RedisRoutingState(new Redis(url), options);
    state.owned = true;
    return state;
  }

  async enqueue(chat: NewChat): Promise<void> {
    await this.run(
      "enqueue",
      chat.id,
      String(chat.arrivedAt),
      chat.urgency,
      chat.language,
      chat.skill,
      ...(chat.declinedBy ?? []),
    );
  }

  async agentOnline(profile: AgentProfile, now: number): Promise<void> {
    checkProfile(profile);
    await this.run(
      "agentOnline",
      profile.id,
      String(profile.capacity),
      JSON.stringify(profile.languages),
      JSON.stringify(profile.skills),
      String(now),
    );
  }

  async agentAway(agentId: string): Promise<void> {
    await this.run("agentAway", agentId);
  }

  async agentOffline(agentId: string): Promise<string[]> {
    return (await this.run("agentOffline", agentId)) as string[];
  }

  async offer(chatId: string, agentId: string, now: number): Promise<void> {
    await this.run("offer", chatId, agentId, String(now));
  }

  async accept(chatId: string, agentId: string): Promise<void> {
    await this.run("accept", chatId, agentId);
  }

  async decline(chatId: string, agentId: string): Promise<void> {
    await this.run("decline", chatId, agentId);
  }

  async timeout(chatId: string, agentId: string): Promise<void> {
    // The agent may be away from the desk: treated as a decline so the chat goes to someone else.
    await this.run("decline", chatId, agentId);
  }

  async transfer(chatId: string, fromAgentId: string, skill?: string): Promise<void> {
    await this.run("transfer", chatId, fromAgentId, skill ?? "");
  }

  async finish(chatId: string, agentId: string): Promise<void> {
    await this.run("finish", chatId, agentId);
  }

  async abandon(chatId: string): Promise<string | null> {
    const holder = (await this.run("abandon", chatId)) as string;
    return holder === "" ? null : holder;
  }

  async waiting(): Promise<WaitingChat[]> {
    const rows = (await this.run("waiting")) as [string, string, string, string, string, string[]][];
    return rows.map(([id, arrivedAt, urgency, language, skill, declinedBy]) => ({
      id,
      arrivedAt: Number(arrivedAt),
      urgency: urgency as Urgency,
      language,
      skill,
      declinedBy,
    }));
  }

  async agentStates(): Promise<AgentState[]> {
    const rows = (await this.run("agentStates")) as string[][];
    return rows.map(
      ([id, presence, capacity, languages, skills, lastAssignedAt, onlineSince, active, offers]) => ({
        id: id!,
        // Strategies only offer to online agents; an away agent must get nothing new.
        online: presence === "online",
        presence: presence === "online" || presence === "away" ? presence : "offline",
        capacity: Number(capacity),
        active: Number(active),
        pendingOffers: Number(offers),
        languages: JSON.parse(languages!) as string[],
        skills: JSON.parse(skills!) as string[],
        lastAssignedAt: Number(lastAssignedAt),
        onlineSince: Number(onlineSince),
      }),
    );
  }

  async placement(chatId: string): Promise<ChatPlacement | undefined> {
    const row = (await this.run("placement", chatId)) as string[] | null;
    return row === null ? undefined : placementOf(row);
  }

  async chats(): Promise<(ChatPlacement & { id: string })[]> {
    const rows = (await this.run("chats")) as string[][];
    return rows.map(([id, ...row]) => ({ id: id!, ...placementOf(row) }));
  }

  async agentChats(agentId: string): Promise<{ active: string[]; offered: string[] }> {
    const [active, offered] = (await this.run("agentChats", agentId)) as [string[], string[]];
    return { active, offered };
  }

  async close(): Promise<void> {
    if (this.owned) await this.redis.quit();
  }

  /** EVALSHA, loading the script on first use (or after a SCRIPT FLUSH / failover). */
  private async run(name: ScriptName, ...args: string[]): Promise<unknown> {
    const argv = [this.options.prefix, ...args];
    try {
      try {
        return await this.redis.evalsha(shas[name], 0, ...argv);
      } catch (error) {
        if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
        return await this.redis.eval(routingScripts[name], 0, ...argv);
      }
    } catch (error) {
      throw asRoutingError(error);
    }
  }
}

/** "<ROUTING_CODE> <detail>" from a script becomes the RoutingError the in-process state would throw. */
function asRoutingError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const space = error.message.indexOf(" ");
  const code = space < 0 ? error.message : error.message.slice(0, space);
  if (!Object.hasOwn(routingErrors, code)) return error;
  const detail = space < 0 ? undefined : error.message.slice(space + 1);
  return new RoutingError(code as RoutingErrorCode, detail);
}

function placementOf(row: string[]): ChatPlacement {
  const [status, agentId, arrivedAt, urgency, language, skill] = row;
  return {
    status: status as ChatStatus,
    agentId: agentId === "" || agentId === undefined ? null : agentId,
    arrivedAt: Number(arrivedAt),
    urgency: urgency as Urgency,
    language: language!,
    skill: skill!,
  };
}
