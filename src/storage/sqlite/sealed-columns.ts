import type { SealedColumn } from "./reseal.js";

/**
 * Every column of desk.sqlite that holds values sealed with the field cipher. `npm run keys:rotate`
 * seals them again under a new key; a column added here later is rotated with the rest
 * (tests/security/keys-rotate.test.ts fails when the app writes a sealed value anywhere else).
 */
export const DESK_SEALED_COLUMNS: SealedColumn[] = [
  // The original of a message whose stored text is masked (ID numbers, phones, bank cards, names).
  { table: "messages", column: "text_sealed" },
  // The same for a message left when nobody could answer.
  { table: "tickets", column: "text_sealed" },
  // A guided application in progress: the citizen's answers so far.
  { table: "conversations", column: "flow_state" },
  // How a channel reaches the citizen later: a WeChat OpenID.
  { table: "conversations", column: "contact_sealed" },
  // A staff member's authenticator secret (the second factor).
  { table: "staff", column: "totp_secret" },
];
