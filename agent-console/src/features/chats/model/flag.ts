import type { HttpError } from "../../../lib/http";

/**
 * "The bot should know this" on one citizen message: closed until opened, a note being written,
 * on its way, sent (for good: the editors have it), or refused (the note kept, to send again).
 */
export type FlagState =
  | { step: "closed" }
  | { step: "writing"; note: string }
  | { step: "sending"; note: string }
  | { step: "sent" }
  | { step: "refused"; note: string; error: HttpError };

export type FlagEvent =
  | { type: "open" }
  | { type: "note"; note: string }
  | { type: "cancel" }
  | { type: "send" }
  | { type: "sent" }
  | { type: "refused"; error: HttpError };

export const FLAG_CLOSED: FlagState = { step: "closed" };

/** The next state; an event that does not fit the step (a second send while sending) changes nothing. */
export function nextFlag(state: FlagState, event: FlagEvent): FlagState {
  switch (event.type) {
    case "open":
      return state.step === "closed" ? { step: "writing", note: "" } : state;
    case "note":
      return state.step === "writing" || state.step === "refused" ? { step: "writing", note: event.note } : state;
    case "cancel":
      return state.step === "writing" || state.step === "refused" ? FLAG_CLOSED : state;
    case "send":
      return state.step === "writing" || state.step === "refused" ? { step: "sending", note: state.note } : state;
    case "sent":
      return state.step === "sending" ? { step: "sent" } : state;
    case "refused":
      return state.step === "sending" ? { step: "refused", note: state.note, error: event.error } : state;
  }
}
