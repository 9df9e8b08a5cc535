import type { FastifyInstance } from "fastify";
import { profileView, SignInInput, StaffError, type StaffAccounts } from "./accounts.js";

const STATUS: Record<StaffError["code"], number> = {
  STAFF_BAD_CREDENTIALS: 401,
  STAFF_BAD_TOKEN: 401,
  STAFF_RATE_LIMITED: 429,
  STAFF_BAD_INPUT: 400,
  STAFF_USERNAME_TAKEN: 409,
};

/** POST /api/v1/staff/sign-in: username and password for a staff token (the console keeps it per tab). */
export function registerStaffRoutes(http: FastifyInstance, accounts: StaffAccounts): void {
  http.post("/api/v1/staff/sign-in", async (request, reply) => {
    const parsed = SignInInput.safeParse(request.body);
    if (!parsed.success) {
      return reply.code(400).send({
        error: "STAFF_BAD_INPUT",
        message: parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "),
      });
    }
    try {
      const { token, expiresAt, staff } = await accounts.signIn(parsed.data.username, parsed.data.password, request.ip);
      return reply.header("cache-control", "no-store").send({ token, expiresAt, agent: profileView(staff) });
    } catch (error) {
      if (!(error instanceof StaffError)) throw error;
      return reply.code(STATUS[error.code]).send({ error: error.code, message: error.message });
    }
  });
}
