import { z } from "zod";

/** A scripted conversation (tests/fixtures/flows/*.yaml): what the citizen does and what must come back. */
const Expect = z
  .object({
    /** Every string must appear in the bot's reply. */
    contains: z.union([z.string(), z.array(z.string())]).optional(),
    notContains: z.union([z.string(), z.array(z.string())]).optional(),
    /** Every string must appear in some button label. */
    buttons: z.array(z.string()).optional(),
    /** The stored decision of the reply, e.g. flow, faq_in_flow, flow_submitted, flow_not_eligible, flow_cancelled. */
    decision: z.string().optional(),
    /** The reply offers a download link. */
    link: z.boolean().optional(),
    /** The reply as stored, which is what staff and logs see (personal data masked). */
    stored: z
      .object({
        contains: z.union([z.string(), z.array(z.string())]).optional(),
        notContains: z.union([z.string(), z.array(z.string())]).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

const Payload = z.union([
  z.object({ intent: z.string() }).strict(),
  z.object({ action: z.literal("agent") }).strict(),
  z.object({ action: z.literal("handoff"), command: z.enum(["cancel", "leave_message"]) }).strict(),
  z
    .object({
      action: z.literal("flow"),
      command: z.enum(["start", "confirm", "edit", "cancel", "back", "yes", "no", "continue"]),
      flow: z.string().optional(),
    })
    .strict(),
]);

export const FlowScript = z
  .object({
    name: z.string().min(1),
    /** The flow this conversation exercises, for the per-flow table. */
    flow: z.string().min(1),
    /** What must have happened by the end: the last flow decision stored. */
    outcome: z.enum(["submitted", "not_eligible", "completed", "cancelled", "done", "not_found", "handoff", "none"]),
    turns: z
      .array(
        z
          .object({
            say: z.string().optional(),
            /** Press a button: the payload, and the label the widget would send as text. */
            press: Payload.optional(),
            label: z.string().optional(),
            /** Wait this long first (ms), e.g. for a demo status change. */
            waitMs: z.number().int().min(0).max(10_000).optional(),
            /** Disconnect and reconnect with the token before this turn. */
            reconnect: z.boolean().optional(),
            expect: Expect.optional(),
          })
          .strict()
          .refine((t) => t.say !== undefined || t.press !== undefined, "a turn needs `say` or `press`"),
      )
      .min(1),
  })
  .strict();

export type FlowScript = z.infer<typeof FlowScript>;
