import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AccessError } from "../access/errors.js";
import { type Action, can, HTTP_ROUTES, PERMISSIONS, type StaffRoute } from "../access/permissions.js";
import type { AuditLog } from "../audit/audit-log.js";
import type { StaffRecord } from "../storage/ports.js";
import { type StaffAccounts, StaffError } from "./accounts.js";

/** The staff token a request carries: `Authorization: Bearer <token>`. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = typeof header === "string" ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

/**
 * The role check of every staff route, from the one table (src/access/permissions.ts): the signed-in
 * account for a request, or ACCESS_SIGNED_OUT (401); one whose roles may not take the action is
 * refused ACCESS_FORBIDDEN (403), and the refusal is audited.
 */
export function staffGuard(accounts: StaffAccounts, audit: AuditLog) {
  return async function allowed(request: FastifyRequest, action: Action): Promise<StaffRecord> {
    let staff: StaffRecord;
    try {
      staff = await accounts.fromToken(bearerToken(request));
    } catch (error) {
      if (error instanceof StaffError) throw new AccessError("ACCESS_SIGNED_OUT");
      throw error;
    }
    if (!can(staff.roles, action)) {
      await audit.record({ actor: staff.id, action: "access.refused", detail: { action, route: request.routeOptions.url ?? request.url } });
      throw new AccessError("ACCESS_FORBIDDEN", action);
    }
    return staff;
  };
}

/**
 * Registers staff routes whose role check comes from the table (HTTP_ROUTES), never written by
 * hand: `route("GET /api/v1/audit", handler)` answers only an account the table allows.
 */
export function guardedRoutes(fastify: FastifyInstance, allowed: ReturnType<typeof staffGuard>) {
  return (route: StaffRoute, handler: (request: FastifyRequest, reply: FastifyReply, staff: StaffRecord) => Promise<unknown>): void => {
    const [method, url] = route.split(" ") as ["GET" | "POST" | "PUT" | "PATCH" | "DELETE", string];
    fastify.route({ method, url, handler: async (request, reply) => handler(request, reply, await allowed(request, HTTP_ROUTES[route])) });
  };
}

/** Actions the staff accounts record themselves, with what changed (src/staff/accounts.ts). */
const RECORDED_BY_ACCOUNTS: ReadonlySet<Action> = new Set<Action>(["session.end-own", "staff.manage"]);

/** Records an audited action (PERMISSIONS[action].audited) once it was done, unless the accounts did. */
export async function auditDone(audit: AuditLog, staff: StaffRecord, action: Action, target: string | null, detail: Record<string, string> = {}): Promise<void> {
  if (PERMISSIONS[action].audited && !RECORDED_BY_ACCOUNTS.has(action)) await audit.record({ actor: staff.id, action, target, detail });
}
