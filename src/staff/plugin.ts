import { randomBytes } from "node:crypto";
import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import type { AuditLog } from "../audit/audit-log.js";
import { parseBody } from "../http/validation.js";
import type { StaffRecord } from "../storage/ports.js";
import { accountView, NewStaffInput, profileView, SecondFactorInput, SignInInput, type StaffAccounts, StaffChangeInput } from "./accounts.js";
import type { AgentSecondFactorRule } from "./second-factor.js";
import type { SignedIn } from "./sign-in.js";
import { bearerToken, guardedRoutes, staffGuard } from "./guard.js";

export interface StaffPluginOptions {
  accounts: StaffAccounts;
  audit: AuditLog;
  /** Whether agent-only accounts need a second factor (shown in the accounts list). */
  agentSecondFactor: AgentSecondFactorRule;
}

const AuditQuery = z
  .object({
    actor: z.string().max(64).optional(),
    action: z.string().max(64).optional(),
    target: z.string().max(64).optional(),
    since: z.iso.datetime().optional(),
    until: z.iso.datetime().optional(),
    before: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

/**
 * Staff sign-in and sign-out, the accounts admins manage, and the audit log supervisors read.
 * Every route but sign-in checks the role from the one table (src/access/permissions.ts); refusals
 * are coded errors answered by the app's error handler (src/http/errors.ts).
 */
export async function staffPlugin(fastify: FastifyInstance, options: StaffPluginOptions): Promise<void> {
  const { accounts, audit } = options;
  const view = (s: StaffRecord) => accountView(s, options.agentSecondFactor);
  const signedIn = (reply: FastifyReply, s: SignedIn) =>
    reply
      .header("cache-control", "no-store")
      .send({ token: s.token, expiresAt: s.expiresAt, agent: profileView(s.staff), ...(s.recoveryCodes ? { recoveryCodes: s.recoveryCodes } : {}) });
  const allowed = staffGuard(accounts, audit);
  const idParam = (params: unknown) => parseBody(z.object({ id: z.string().min(1).max(64) }), params, "STAFF_BAD_INPUT").id;
  const guarded = guardedRoutes(fastify, allowed);

  fastify.post("/api/v1/staff/sign-in", async (request, reply) => {
    const input = parseBody(SignInInput, request.body, "STAFF_BAD_INPUT");
    const outcome = await accounts.signIn(input.username, input.password, request.ip);
    // In, or one more step: the token comes only after the second factor where one is needed.
    if (outcome.step === "signed-in") return signedIn(reply, outcome);
    return reply.header("cache-control", "no-store").send(outcome);
  });

  fastify.post("/api/v1/staff/sign-in/second-factor", async (request, reply) => {
    const input = parseBody(SecondFactorInput, request.body, "STAFF_BAD_INPUT");
    return signedIn(reply, await accounts.secondFactor(input.challenge, input.code, request.ip));
  });

  guarded("POST /api/v1/staff/sign-out", async (request, reply) => {
    await accounts.signOut(bearerToken(request));
    return reply.code(204).send();
  });

  guarded("GET /api/v1/staff/accounts", async (_request, reply) => {
    return reply.header("cache-control", "no-store").send({ accounts: (await accounts.list()).map(view) });
  });

  guarded("POST /api/v1/staff/accounts", async (request, reply, admin) => {
    const input = parseBody(NewStaffInput.omit({ password: true }), request.body, "STAFF_BAD_INPUT");
    // The admin never picks the password: a random one is given once, to pass on.
    const password = randomBytes(12).toString("base64url");
    const created = await accounts.create({ ...input, password }, admin);
    return reply.code(201).header("cache-control", "no-store").send({ account: view(created), password });
  });

  guarded("PATCH /api/v1/staff/accounts/:id", async (request, _reply, admin) => {
    const input = parseBody(StaffChangeInput, request.body, "STAFF_BAD_INPUT");
    return { account: view(await accounts.change(admin, idParam(request.params), input)) };
  });

  guarded("POST /api/v1/staff/accounts/:id/reset-password", async (request, reply, admin) => {
    const password = await accounts.resetPassword(admin, idParam(request.params));
    return reply.header("cache-control", "no-store").send({ password });
  });

  guarded("POST /api/v1/staff/accounts/:id/end-sessions", async (request, _reply, admin) => {
    return { ended: await accounts.endSessions(admin, idParam(request.params)) };
  });

  guarded("POST /api/v1/staff/accounts/:id/unlock", async (request, reply, admin) => {
    await accounts.liftSignInBackoff(admin, idParam(request.params));
    return reply.code(204).send();
  });

  guarded("POST /api/v1/staff/accounts/:id/reset-second-factor", async (request, reply, admin) => {
    await accounts.resetSecondFactor(admin, idParam(request.params));
    return reply.code(204).send();
  });

  guarded("GET /api/v1/audit", async (request, reply) => {
    const { before, ...filter } = parseBody(AuditQuery, request.query, "STAFF_BAD_INPUT");
    const records = await audit.list({ ...filter, ...(before ? { beforeSeq: before } : {}) });
    return reply.header("cache-control", "no-store").send({ records });
  });
}
