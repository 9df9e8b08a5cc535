import { z } from "zod";
import { WRAP_UP_CODES } from "../protocol/agent-events.js";
import { SKILL_GROUPS } from "../handoff/skill.js";

/** Validators for everything an agent's socket may send; nothing unvalidated reaches the desk. */

const ChatId = z.string().min(1).max(64);
const Text = z.string().max(4000, "at most 4,000 characters");

export const AgentHandshake = z
  .object({
    token: z.string().min(1).max(2048),
    locale: z.enum(["zh", "en"]).optional(),
    /** The presence the agent last chose on this device: a reload keeps it. */
    presence: z.enum(["online", "away"]).optional(),
  })
  .strip();

export const agentInputs = {
  "agent:presence": z.object({ presence: z.enum(["online", "away"]) }).strict(),
  "agent:accept": z.object({ chatId: ChatId }).strict(),
  "agent:decline": z.object({ chatId: ChatId }).strict(),
  "agent:message": z
    .object({
      chatId: ChatId,
      clientId: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/, "letters, digits, '-' and '_'"),
      text: Text,
    })
    .strict(),
  "agent:typing": z.object({ chatId: ChatId, typing: z.boolean() }).strict(),
  "agent:transfer": z
    .object({
      chatId: ChatId,
      toAgentId: z.string().min(1).max(64).optional(),
      skill: z.enum(SKILL_GROUPS).optional(),
      note: z.string().trim().min(1, "a note for the next agent is required").max(500),
    })
    .strict()
    .refine((t) => (t.toAgentId === undefined) !== (t.skill === undefined), "give either toAgentId or skill"),
  "agent:close": z
    .object({ chatId: ChatId, wrapUp: z.enum(WRAP_UP_CODES), note: z.string().max(500).optional() })
    .strict(),
  "agent:context": z.object({ chatId: ChatId }).strict(),
  "agent:kb-search": z.object({ query: z.string().trim().min(1).max(200), locale: z.enum(["zh", "en"]).optional() }).strict(),
  "agent:tickets": z.object({}).strict(),
  "agent:ticket-callback": z.object({ ticketId: z.string().min(1).max(64) }).strict(),
  "agent:ticket-reply": z.object({ ticketId: z.string().min(1).max(64), text: Text }).strict(),
  "agent:sign-out": z.object({}).strict(),
} as const;

export type AgentEventName = keyof typeof agentInputs;
