/** Each code with the HTTP status it answers with when a request caused it (the sign-in route). */
const STAFF_STATUS = {
  STAFF_UNKNOWN_ACCOUNT: 404,
  STAFF_LAST_ADMIN: 409,
  STAFF_BAD_CREDENTIALS: 401,
  STAFF_BAD_TOKEN: 401,
  STAFF_RATE_LIMITED: 429,
  STAFF_BAD_INPUT: 400,
  STAFF_USERNAME_TAKEN: 409,
  STAFF_BAD_CODE: 401,
  STAFF_BAD_CHALLENGE: 401,
} as const;

export class StaffError extends Error {
  readonly status: number;

  constructor(
    readonly code: keyof typeof STAFF_STATUS,
    message: string,
  ) {
    super(message);
    this.status = STAFF_STATUS[code];
  }
}
