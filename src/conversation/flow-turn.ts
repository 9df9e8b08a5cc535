import type { FlowDecision } from "../domain/decision.js";
import type { FlowReply } from "../dialog/flows/runner.js";

/** One turn of a guided exchange as the conversation stores and shows it. */
export interface FlowTurn {
  text: string;
  /** The same words with the citizen's own values in full, for the citizen only. */
  privateText?: string;
  /** The kind of answer the flow's question asks for. */
  asking?: string;
  quickReplies: FlowReply["quickReplies"];
  links?: { label: string; url: string }[];
  intent?: string;
  decision: FlowDecision;
  /** Set when a submission filed an application. */
  applicationNumber?: string;
  /** The kind of the application filed or looked up. */
  applicationKind?: string;
  /** Started by a follow-up of the answer before ("那我老婆呢"). */
  inContext?: boolean;
}
