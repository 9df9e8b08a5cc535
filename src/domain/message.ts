/**
 * Messages and their buttons as every part of the desk knows them: stored, shown to the citizen,
 * sent by a channel. Below storage, dialog, handoff and the channels, so none imports upwards.
 */

/** Buttons inside a guided application: start it, confirm, edit, cancel, go back, answer yes/no. */
/** `answer`: a button whose label is the answer to the question asked (one option of a choice). */
export type FlowCommand = "start" | "confirm" | "edit" | "cancel" | "back" | "yes" | "no" | "continue" | "answer";

/** What a quick-reply button sends back when pressed. */
export type QuickReplyPayload =
  | { intent: string }
  | { action: "agent" }
  /** "No, something else" to a "did you mean…?": the bot asks the citizen to say it another way. */
  | { action: "rephrase" }
  /** While waiting for a person: leave the queue, or leave a message when nobody can answer now. */
  | { action: "handoff"; command: "cancel" | "leave_message" }
  | { action: "flow"; command: FlowCommand; flow?: string }
  /** A rating of a closed chat with an agent, chosen on a channel with no survey of its own (WeChat). */
  | { action: "survey"; handoffId: string; rating: number };

export interface QuickReplyView {
  label: string;
  payload: QuickReplyPayload;
}

export type MessageRole = "citizen" | "bot" | "agent" | "system";

/** A message as a citizen may see it: personal data masked. */
export interface MessageView {
  id: string;
  /** Order within the conversation, from 1. */
  seq: number;
  role: MessageRole;
  text: string;
  createdAt: string;
  /** The citizen's own id for a message they sent, echoed so the widget can match its pending bubble. */
  clientId?: string;
  quickReplies?: QuickReplyView[];
  /** Set on bot answers from an FAQ: the widget shows thumbs up/down on these. */
  faqId?: string;
  /** On a reply: the id of the citizen message it answers. */
  replyTo?: string;
  /** Downloads the reply offers (a certificate PDF): same-origin URLs for the widget to show as links. */
  links?: { label: string; url: string }[];
  feedback?: "up" | "down";
  /** Set on the closing message of a chat with an agent: the widget shows the 1-5 survey. */
  survey?: { handoffId: string };
  /** An agent's display name, on their messages. */
  agentName?: string;
  /**
   * On a guided application's question: the kind of answer it asks for (`bank_card`, `id_number`,
   * `mobile`, `person_name`, `date`, `region`, `enum`, `yes_no`, `application_number_or_id`), so
   * the widget can say what is safe to send at this step.
   */
  asking?: string;
}

export interface ChatMessageInput {
  /** Unique per message on the citizen's side (a UUID): a retried send is stored once. */
  clientId: string;
  /** What the citizen typed, or the label of the button they pressed. At most 2,000 characters. */
  text: string;
  /** Present when a quick-reply button was pressed. */
  quickReply?: QuickReplyPayload;
}
