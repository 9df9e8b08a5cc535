import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can, HTTP_ROUTES, PERMISSIONS, permissionsTable, SOCKET_EVENTS, type StaffRoute } from "../../src/access/permissions.js";
import { STAFF_ROLES, type StaffRole } from "../../src/domain/staff-role.js";
import { createAgent } from "../testing/agent-client.js";
import { StaffSignIns } from "../testing/staff-sign-in.js";
import { startTestServer, type TestServer } from "../testing/server.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../testing/nlu.js";

let server: TestServer;
let signIns: StaffSignIns;
const accounts = new Map<StaffRole, { username: string; password: string; id: string }>();
/** The account the admin routes act on (reset, disable…), apart from the ones signing in. */
let target: { id: string };

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_STAFF: "false" } });
  signIns = new StaffSignIns(server.url);
  for (const role of STAFF_ROLES) accounts.set(role, await createAgent(server.app, `matrix.${role}`, { roles: [role] }));
  target = await createAgent(server.app, "matrix.target");
});
afterAll(async () => {
  await server.stop();
  server.cleanup();
});

const tokens = new Map<StaffRole, string>();
/**
 * A session for the role, through both sign-in steps where the role needs them. Kept between
 * requests (a code works once, so signing in for each would soon run out); sign-out, one of the
 * routes tried, asks for a fresh one.
 */
async function tokenFor(role: StaffRole, fresh = false): Promise<string> {
  const kept = tokens.get(role);
  if (kept && !fresh) return kept;
  const account = accounts.get(role)!;
  const { status, body } = await signIns.signIn(account.username, account.password);
  expect(status, JSON.stringify(body)).toBe(200);
  // A fresh one is for signing out: not kept.
  if (!fresh) tokens.set(role, body.token as string);
  return body.token as string;
}

function request(route: StaffRoute, token?: string) {
  const [method, path] = route.split(" ") as [string, string];
  return fetch(`${server.url}${path.replace(":id", target.id)}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(method === "GET" ? {} : { "content-type": "application/json" }) },
    ...(method === "GET" ? {} : { body: "{}" }),
  });
}

describe("the role matrix, generated from the table the server checks", () => {
  for (const route of Object.keys(HTTP_ROUTES) as StaffRoute[]) {
    it(`${route}: refused signed out; allowed or refused for each role as ${HTTP_ROUTES[route]} says`, async () => {
      const signedOut = await request(route);
      expect(signedOut.status).toBe(401);
      expect(((await signedOut.json()) as { error: string }).error).toBe("ACCESS_SIGNED_OUT");
      for (const role of STAFF_ROLES) {
        const response = await request(route, await tokenFor(role, route === "POST /api/v1/staff/sign-out"));
        const body = (response.status === 204 ? {} : await response.json()) as { error?: string };
        if (can([role], HTTP_ROUTES[route])) {
          // Allowed: past the role check (a body it does not like is its own 400, never 401/403).
          expect([401, 403], `${role} on ${route}: ${JSON.stringify(body)}`).not.toContain(response.status);
        } else {
          expect(response.status, `${role} on ${route}`).toBe(403);
          expect(body.error).toBe("ACCESS_FORBIDDEN");
        }
      }
    });
  }

  it("lets onto the staff socket only the roles that take chats; each allowed role can send every event the table gives it", async () => {
    for (const role of STAFF_ROLES) {
      const token = await tokenFor(role);
      const socket = io(`${server.url}/agent`, { auth: { token }, transports: ["websocket"], reconnection: false, forceNew: true });
      const outcome = await new Promise<{ connected: true } | { refused: string }>((resolve) => {
        socket.once("agent:hello", () => resolve({ connected: true }));
        socket.once("connect_error", (error: Error & { data?: { code?: string } }) => resolve({ refused: error.data?.code ?? error.message }));
      });
      if (can([role], "desk.join")) {
        expect(outcome, role).toEqual({ connected: true });
        for (const event of Object.keys(SOCKET_EVENTS) as (keyof typeof SOCKET_EVENTS)[]) {
          if (event === "agent:sign-out" || event === "agent:typing") continue;
          const ack = await new Promise<{ ok: boolean; error?: { code: string } }>((resolve) => socket.emit(event, {}, resolve));
          const allowed = can([role], SOCKET_EVENTS[event]);
          // Allowed: past the role check (an empty payload is then the validator's to refuse).
          if (allowed) expect(ack.error?.code, `${role} ${event}`).not.toBe("ACCESS_FORBIDDEN");
          else expect(ack.error?.code, `${role} ${event}`).toBe("ACCESS_FORBIDDEN");
        }
      } else {
        expect(outcome, role).toEqual({ refused: "ACCESS_FORBIDDEN" });
      }
      socket.close();
    }
  });

  it("is the table the README prints", () => {
    const readme = readFileSync(join(projectRoot, "README.md"), "utf8");
    expect(readme).toContain(permissionsTable());
    // Every action is reachable from some event or route, or said to be reserved.
    for (const action of Object.keys(PERMISSIONS)) {
      const used = Object.values(SOCKET_EVENTS).includes(action as never) || Object.values(HTTP_ROUTES).includes(action as never);
      expect(used, action).toBe(true);
    }
  });
});
