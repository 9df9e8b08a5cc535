import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AgentServerToClient } from "../../../src/protocol/agent-events.js";
import type { HandoffStatusView } from "../../../src/domain/handoff-status.js";
import type { MessageView } from "../../../src/domain/message.js";
import { HandoffDesk } from "../../../src/handoff/desk.js";
import type { DeskDeps } from "../../../src/handoff/desk-deps.js";
import { parseServiceHours } from "../../../src/handoff/service-hours.js";
import { defaultPolicy } from "../../../src/routing/policy.js";
import { InProcessRoutingState } from "../../../src/routing/state/in-process.js";
import { Jobs } from "../../../src/jobs/jobs.js";
import { LocalDelayedJobs } from "../../../src/jobs/local-delayed-jobs.js";
import { DynamicStrategy } from "../../../src/routing/strategies/index.js";
import { FieldCipher } from "../../../src/security/field-cipher.js";
import type { StaffRecord, Storage } from "../../../src/storage/ports.js";
import { createSqliteStorage } from "../../../src/storage/sqlite/sqlite-storage.js";
import { Transcript } from "../../../src/transcript/transcript.js";

/** A clock the test moves by hand; the desk reads time only through it. */
export class TestClock {
  constructor(private at: number) {}
  now = (): Date => new Date(this.at);
  advance(ms: number): void {
    this.at += ms;
  }
}

type AgentEvent = { [E in keyof AgentServerToClient]: { agentId: string | "*"; event: E; payload: Parameters<AgentServerToClient[E]>[0] } }[keyof AgentServerToClient];

/**
 * A desk on a real SQLite file, the in-process routing state and local delayed jobs (real timers,
 * short periods), with a clock the test moves. What reaches citizens and agents is recorded.
 */
export interface DeskBench {
  desk: HandoffDesk;
  /** What the desk was built from, to build another on the same storage (a restart). */
  deps: DeskDeps;
  storage: Storage;
  clock: TestClock;
  cipher: FieldCipher;
  /** Per conversation, in order: what the citizen's channel delivered. */
  toCitizen: { conversationId: string; kind: "message" | "handoff" | "typing"; payload: MessageView | HandoffStatusView | { typing: boolean } }[];
  toStaff: AgentEvent[];
  /** Conversations with a tab open, and agents with a socket open. */
  connectedCitizens: Set<string>;
  connectedAgents: Set<string>;
  newConversation(locale?: "zh" | "en"): Promise<string>;
  newAgent(name: string, profile?: Partial<StaffRecord>): Promise<StaffRecord>;
  /** A citizen who asked for a person, and an online agent (created) now holding the offer. */
  offeredChat(agentName?: string, profile?: Partial<StaffRecord>): Promise<{ agent: StaffRecord; conversation: string; chatId: string }>;
  handoffStatuses(conversationId: string): HandoffStatusView[];
  messagesTo(conversationId: string): MessageView[];
  staffEvents<E extends AgentEvent["event"]>(event: E, agentId?: string): Extract<AgentEvent, { event: E }>["payload"][];
  /** Waits for routing rounds and for `check` (polled) to hold. */
  until(check: () => boolean | Promise<boolean>, timeoutMs?: number): Promise<void>;
  dispose(): Promise<void>;
}

export async function deskBench(options: Partial<Pick<DeskDeps, "offerTimeoutMs" | "agentGraceMs" | "citizenGraceMs">> & { hours?: string } = {}): Promise<DeskBench> {
  const dir = mkdtempSync(join(tmpdir(), "desk-"));
  const storage = createSqliteStorage(join(dir, "desk.sqlite"));
  // A Monday, 10:00 in Shanghai.
  const clock = new TestClock(Date.parse("2026-12-07T02:00:00Z"));
  const cipher = new FieldCipher(Buffer.alloc(32, 7));
  const toCitizen: DeskBench["toCitizen"] = [];
  const toStaff: AgentEvent[] = [];
  const outbox = {
    message: (conversationId: string, payload: MessageView) => toCitizen.push({ conversationId, kind: "message", payload }),
    handoff: (conversationId: string, payload: HandoffStatusView) => toCitizen.push({ conversationId, kind: "handoff", payload }),
    typing: (conversationId: string, payload: { typing: boolean }) => toCitizen.push({ conversationId, kind: "typing", payload }),
  };
  const connectedCitizens = new Set<string>();
  const connectedAgents = new Set<string>();
  const jobs = new Jobs(new LocalDelayedJobs({ onError: (error) => console.error(error) }));
  const state = new InProcessRoutingState();
  const deps: DeskDeps = {
    storage,
    cipher,
    transcript: new Transcript({ messages: storage.messages, cipher, clock: clock.now, outbox }),
    outbox,
    staff: {
      agent: (agentId, event, payload) => toStaff.push({ agentId, event, payload } as AgentEvent),
      agents: (event, payload) => toStaff.push({ agentId: "*", event, payload } as AgentEvent),
    },
    state,
    jobs,
    strategy: new DynamicStrategy(defaultPolicy),
    policy: defaultPolicy,
    clock: clock.now,
    offerTimeoutMs: options.offerTimeoutMs ?? 60_000,
    agentGraceMs: options.agentGraceMs ?? 60_000,
    citizenGraceMs: options.citizenGraceMs ?? 60_000,
    isCitizenConnected: async (id) => connectedCitizens.has(id),
    isAgentConnected: async (id) => connectedAgents.has(id),
    serviceHours: parseServiceHours(options.hours ?? "always", "Asia/Shanghai"),
    flowValues: async () => [],
    onError: (error) => console.error(error),
  };
  const desk = new HandoffDesk(deps);
  jobs.start();
  await desk.start(60_000);
  let n = 0;
  const bench: DeskBench = {
    desk,
    deps,
    storage,
    clock,
    cipher,
    toCitizen,
    toStaff,
    connectedCitizens,
    connectedAgents,
    async newConversation(locale = "zh") {
      const id = `conv-${++n}`;
      const at = clock.now().toISOString();
      await storage.conversations.create({ id, channel: "web", key: id, locale, createdAt: at, updatedAt: at });
      connectedCitizens.add(id);
      return id;
    },
    async newAgent(name, profile = {}) {
      const record: StaffRecord = {
        id: `agent-${name}`,
        username: name,
        displayName: name,
        passwordHash: "-",
        languages: ["zh", "en"],
        skills: ["*"],
        capacity: 2,
        disabled: false,
        roles: ["agent"],
        createdAt: clock.now().toISOString(),
        totpSecretSealed: null,
        totpLastStep: 0,
        recoveryCodeHashes: [],
        requireSecondFactor: false,
        ...profile,
      };
      await storage.staff.create(record);
      connectedAgents.add(record.id);
      return record;
    },
    async offeredChat(agentName = "li", profile = {}) {
      const agent = await bench.newAgent(agentName, profile);
      await desk.presence.agentConnected(agent, "online");
      const conversation = await bench.newConversation();
      const { status } = await desk.requests.request(conversation, plainRequest);
      await bench.until(() => bench.staffEvents("agent:offer", agent.id).length === 1);
      return { agent, conversation, chatId: status.handoffId };
    },
    handoffStatuses: (id) => toCitizen.filter((c) => c.conversationId === id && c.kind === "handoff").map((c) => c.payload as HandoffStatusView),
    messagesTo: (id) => toCitizen.filter((c) => c.conversationId === id && c.kind === "message").map((c) => c.payload as MessageView),
    staffEvents: (event, agentId) =>
      toStaff.filter((e) => e.event === event && (agentId === undefined || e.agentId === agentId)).map((e) => e.payload) as never,
    async until(check, timeoutMs = 2000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await desk.settled();
        if (await check()) return;
        if (Date.now() > deadline) throw new Error("condition not met in time");
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    async dispose() {
      desk.stop();
      await desk.settled();
      await jobs.close();
      await state.close();
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return bench;
}

/** What a citizen who asks for a person plainly tells the desk. */
export const plainRequest = { reason: "explicit", locale: "zh" as const, intent: null, recentTexts: ["转人工"], failedAttempts: 0 };
