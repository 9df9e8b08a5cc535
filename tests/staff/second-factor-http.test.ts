import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { totpCode } from "../../src/staff/second-factor.js";
import { AgentClient, createAgent } from "../testing/agent-client.js";
import { startTestServer, type TestServer } from "../testing/server.js";
import { StaffSignIns } from "../testing/staff-sign-in.js";

let server: TestServer;
let signIns: StaffSignIns;
beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_STAFF: "false" } });
  signIns = new StaffSignIns(server.url);
});
afterAll(async () => {
  await server.stop();
  server.cleanup();
});

const api = (path: string, token: string, init: { method?: string; body?: unknown } = {}) =>
  fetch(`${server.url}${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${token}`, ...(init.body ? { "content-type": "application/json" } : {}) },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });

type AccountView = { username: string; secondFactor: { required: boolean; enrolled: boolean; recoveryCodesLeft: number } };

describe("two-step staff sign-in over HTTP", () => {
  it("gives a supervisor no token for the password alone; the enrolment's code gives the token and the recovery codes, once", async () => {
    const sup = await createAgent(server.app, "http.sup", { roles: ["supervisor"] });
    const response = await fetch(`${server.url}/api/v1/staff/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: sup.username, password: sup.password }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const first = (await response.json()) as { step: string; challenge: string; token?: string; agent?: unknown; enrolment: { secret: string; qrSvg: string; uri: string } };
    expect(first.step).toBe("enrol");
    expect(first.token).toBeUndefined();
    // Nothing about the account before the second step but what enrolling needs.
    expect(first.agent).toBeUndefined();
    expect(Object.keys(first).sort()).toEqual(["challenge", "challengeExpiresAt", "enrolment", "step"]);

    // The challenge is not a staff token: it opens neither a route nor the socket.
    expect((await api("/api/v1/audit", first.challenge)).status).toBe(401);
    await expect(AgentClient.connect(server.url, first.challenge)).rejects.toMatchObject({ data: { code: "STAFF_BAD_TOKEN" } });

    const wrong = await signIns.second(first.challenge, "000000");
    expect(wrong).toEqual({ status: 401, body: { error: "STAFF_BAD_CODE", message: expect.stringContaining("recovery code") } });
    const done = await signIns.second(first.challenge, totpCode(first.enrolment.secret, new Date()));
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ token: expect.any(String), agent: { username: "http.sup", roles: ["supervisor"] } });
    expect(done.body.recoveryCodes).toHaveLength(10);
    expect((await api("/api/v1/audit?action=second-factor.enrolled", done.body.token as string)).status).toBe(200);
  });

  it("answers bad second steps with a code naming the problem", async () => {
    for (const [payload, error] of [
      [{}, "STAFF_BAD_INPUT"],
      [{ challenge: "x" }, "STAFF_BAD_INPUT"],
      [{ challenge: "x", code: "123456", extra: 1 }, "STAFF_BAD_INPUT"],
      [{ challenge: "x".repeat(5000), code: "123456" }, "STAFF_BAD_INPUT"],
      [{ challenge: "x", code: "123456" }, "STAFF_BAD_CHALLENGE"],
      [{ challenge: "a.b", code: "not a code" }, "STAFF_BAD_CHALLENGE"],
    ] as const) {
      const raw = await fetch(`${server.url}/api/v1/staff/sign-in/second-factor`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(payload),
      });
      expect(((await raw.json()) as { error: string }).error, JSON.stringify(payload).slice(0, 80)).toBe(error);
    }
  });

  it("shows admins who has a second factor; an admin's reset makes the account enrol again", async () => {
    const admin = await createAgent(server.app, "http.admin", { roles: ["admin"] });
    const agent = await createAgent(server.app, "http.agent");
    const adminToken = (await signIns.signIn(admin.username, admin.password)).body.token as string;
    const list = async () => ((await (await api("/api/v1/staff/accounts", adminToken)).json()) as { accounts: AccountView[] }).accounts;
    const find = async (username: string) => (await list()).find((a) => a.username === username)!;
    expect((await find("http.admin")).secondFactor).toEqual({ required: true, enrolled: true, recoveryCodesLeft: 10 });
    expect((await find("http.agent")).secondFactor).toEqual({ required: false, enrolled: false, recoveryCodesLeft: 0 });

    // Ask it of the agent: the next sign-in enrols.
    const asked = await api(`/api/v1/staff/accounts/${agent.id}`, adminToken, { method: "PATCH", body: { requireSecondFactor: true } });
    expect(((await asked.json()) as { account: AccountView }).account.secondFactor.required).toBe(true);
    expect((await signIns.password(agent.username, agent.password)).body.step).toBe("enrol");
    expect((await signIns.signIn(agent.username, agent.password)).status).toBe(200);
    expect((await find("http.agent")).secondFactor).toEqual({ required: true, enrolled: true, recoveryCodesLeft: 10 });
    expect((await signIns.password(agent.username, agent.password)).body.step).toBe("second-factor");

    const reset = await api(`/api/v1/staff/accounts/${agent.id}/reset-second-factor`, adminToken, { method: "POST" });
    expect(reset.status).toBe(204);
    expect((await find("http.agent")).secondFactor).toEqual({ required: true, enrolled: false, recoveryCodesLeft: 0 });
    expect((await signIns.password(agent.username, agent.password)).body.step).toBe("enrol");
    const unknown = await api("/api/v1/staff/accounts/nobody/reset-second-factor", adminToken, { method: "POST" });
    expect(unknown.status).toBe(404);
  });
});
