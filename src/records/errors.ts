/** Why a back-office call failed; `code` is stable for callers, the message is for logs. */
export type RecordsErrorCode =
  | "RECORDS_CITIZEN_NOT_FOUND"
  | "RECORDS_NO_CARD"
  | "RECORDS_APPLICATION_NOT_FOUND"
  | "RECORDS_TERMINAL_STATUS"
  | "RECORDS_BAD_INPUT"
  | "RECORDS_SEQUENCE_EXHAUSTED"
  | "RECORDS_WRONG_KEY"
  | "RECORDS_CLOSED"
  /** The application kept being changed by another instance while this update was made. */
  | "RECORDS_BUSY";

export class RecordsError extends Error {
  constructor(
    readonly code: RecordsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "RecordsError";
  }
}
