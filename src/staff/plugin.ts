import type { FastifyInstance } from "fastify";
import { parseBody } from "../http/validation.js";
import { profileView, SignInInput, type StaffAccounts } from "./accounts.js";

export interface StaffPluginOptions {
  accounts: StaffAccounts;
}

/**
 * POST /api/v1/staff/sign-in: username and password for a staff token (the console keeps it per
 * tab). Refusals are StaffErrors with their status (401, 429, 400 STAFF_BAD_INPUT), answered by the
 * app's error handler (src/http/errors.ts).
 */
export async function staffPlugin(fastify: FastifyInstance, options: StaffPluginOptions): Promise<void> {
  const { accounts } = options;
  fastify.post("/api/v1/staff/sign-in", async (request, reply) => {
    const input = parseBody(SignInInput, request.body, "STAFF_BAD_INPUT");
    const { token, expiresAt, staff } = await accounts.signIn(input.username, input.password, request.ip);
    return reply.header("cache-control", "no-store").send({ token, expiresAt, agent: profileView(staff) });
  });
}
