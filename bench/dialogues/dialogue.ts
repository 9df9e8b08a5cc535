import { z } from "zod";

/** What one turn of a scripted dialogue expects of the bot's reply; every key optional. */
export const TurnExpectation = z
  .object({
    /** The intent the reply is about (its meta.intent). */
    intent: z.string().min(1).optional(),
    /** What kind of reply: an answer, a question back, a fallback, or a step of a guided application. */
    outcome: z.enum(["answer", "clarify", "fallback", "flow", "handoff"]).optional(),
    /** Substrings the reply must include (a computed age, "63岁"). */
    contains: z.array(z.string().min(1)).optional(),
  })
  .strict();

/** One conversation: a line of the dialogues file. */
export const Dialogue = z
  .object({
    id: z.string().min(1),
    /** What the dialogue checks (a follow-up, a topic switch…); for the report. */
    kind: z.string().min(1).optional(),
    turns: z.array(z.object({ text: z.string().min(1).max(2000), expect: TurnExpectation.optional() }).strict()).min(1),
  })
  .strict();
export type Dialogue = z.infer<typeof Dialogue>;
export type TurnExpectation = z.infer<typeof TurnExpectation>;

/** Reads a dialogues file (JSONL), or the line and reason it cannot. */
export function parseDialogues(text: string): { ok: true; dialogues: Dialogue[] } | { ok: false; error: string } {
  const dialogues: Dialogue[] = [];
  const ids = new Set<string>();
  for (const [i, line] of text.split("\n").entries()) {
    if (line.trim() === "") continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      return { ok: false, error: `line ${i + 1}: not JSON` };
    }
    const parsed = Dialogue.safeParse(raw);
    if (!parsed.success) return { ok: false, error: `line ${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join(".") || "line"}: ${x.message}`).join("; ")}` };
    if (ids.has(parsed.data.id)) return { ok: false, error: `line ${i + 1}: id ${parsed.data.id} used twice` };
    ids.add(parsed.data.id);
    dialogues.push(parsed.data);
  }
  if (dialogues.length === 0) return { ok: false, error: "no dialogues in the file" };
  return { ok: true, dialogues };
}

/** The outcome a stored reply's decision stands for (src/domain/decision.ts names them). */
export function outcomeOf(decision: string): TurnExpectation["outcome"] | "other" {
  if (decision === "faq" || decision === "smalltalk" || decision === "faq_in_flow") return "answer";
  if (decision === "clarify") return "clarify";
  if (decision === "fallback" || decision === "rephrase") return "fallback";
  if (decision.startsWith("handoff")) return "handoff";
  if (decision.startsWith("flow")) return "flow";
  return "other";
}

/** What went wrong with one turn's reply; empty when it met every expectation. */
export function turnProblems(expect: TurnExpectation | undefined, reply: { text: string; intent?: string; decision: string }): string[] {
  if (!expect) return [];
  const problems: string[] = [];
  if (expect.intent !== undefined && reply.intent !== expect.intent) problems.push(`intent ${reply.intent ?? "-"}, expected ${expect.intent}`);
  const outcome = outcomeOf(reply.decision);
  if (expect.outcome !== undefined && outcome !== expect.outcome) problems.push(`outcome ${outcome} (${reply.decision}), expected ${expect.outcome}`);
  for (const s of expect.contains ?? []) if (!reply.text.includes(s)) problems.push(`reply lacks "${s}"`);
  return problems;
}
