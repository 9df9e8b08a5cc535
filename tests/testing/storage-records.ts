import { randomUUID } from "node:crypto";
import { newHandoff } from "../../src/handoff/requests.js";
import type {
  ConversationRecord,
  HandoffRecord,
  NewMessage,
  StaffRecord,
  TicketRecord,
} from "../../src/storage/ports.js";

/** The moment the storage contracts' records are made at. */
export const RECORDS_AT = "2026-11-28T12:00:00.000Z";

/** An ISO instant `sec` seconds after RECORDS_AT. */
export const later = (sec: number): string => new Date(Date.parse(RECORDS_AT) + sec * 1000).toISOString();

/**
 * Records as the desk writes them, for the storage contracts (tests/storage/contract.ts and each
 * group's in tests/contract/storage/): every id and key fresh, since tests may share one database;
 * `extra` overrides any field.
 */
export const records = {
  conversation: (extra: Partial<ConversationRecord> = {}): ConversationRecord => {
    const id = randomUUID();
    return {
      id,
      channel: "web",
      key: id,
      locale: "zh",
      createdAt: RECORDS_AT,
      updatedAt: RECORDS_AT,
      ...extra,
    };
  },
  message: (conversationId: string, extra: Partial<NewMessage> = {}): NewMessage => ({
    id: randomUUID(),
    conversationId,
    role: "citizen",
    text: "你好",
    textSealed: null,
    clientId: randomUUID(),
    createdAt: RECORDS_AT,
    meta: {},
    ...extra,
  }),
  staffMember: (username: string, extra: Partial<StaffRecord> = {}): StaffRecord => ({
    id: randomUUID(),
    username,
    displayName: `Agent ${username}`,
    passwordHash: "scrypt$32768$8$1$c2FsdA==$aGFzaA==",
    languages: ["zh", "en"],
    skills: ["pension", "card"],
    capacity: 3,
    disabled: false,
    createdAt: RECORDS_AT,
    roles: ["agent"],
    totpSecretSealed: null,
    totpLastStep: 0,
    recoveryCodeHashes: [],
    requireSecondFactor: false,
    ...extra,
  }),
  /** A request for a person, queued at RECORDS_AT. */
  handoff: (conversationId: string, extra: Partial<HandoffRecord> = {}): HandoffRecord => ({
    ...newHandoff({
      id: randomUUID(),
      conversationId,
      reason: "asked_for_agent",
      urgency: "normal",
      language: "zh",
      skill: "pension",
      intent: "pension.transfer",
      arrivedAt: RECORDS_AT,
    }),
    ...extra,
  }),
  /** A closed handoff accepted at `acceptSec` and closed `handleSec` later (seconds after RECORDS_AT). */
  closedHandoff: (
    conversationId: string,
    acceptSec: number,
    handleSec: number,
    extra: Partial<HandoffRecord> = {},
  ): HandoffRecord =>
    records.handoff(conversationId, {
      status: "closed",
      agentId: "agent-1",
      acceptedAt: later(acceptSec),
      closedAt: later(acceptSec + handleSec),
      wrapUp: "resolved",
      ...extra,
    }),
  ticket: (conversationId: string, extra: Partial<TicketRecord> = {}): TicketRecord => ({
    id: randomUUID(),
    conversationId,
    language: "zh",
    text: "请回电 138****5678",
    textSealed: "v1.sealed-ticket",
    hasCallback: true,
    status: "open",
    createdAt: RECORDS_AT,
    answeredBy: null,
    answeredAt: null,
    ...extra,
  }),
};
