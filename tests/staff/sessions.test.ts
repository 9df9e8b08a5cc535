import { readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { AgentClient, createAgent } from "../testing/agent-client.js";
import { StaffSignIns } from "../testing/staff-sign-in.js";
import { ChatClient } from "../testing/chat-client.js";
import { nluPaths, projectRoot } from "../testing/nlu.js";
import { startTestServer, type TestServer } from "../testing/server.js";

let server: TestServer;
let admin: { username: string; password: string };
let signIns: StaffSignIns;
beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_STAFF: "false" } });
  signIns = new StaffSignIns(server.url);
  admin = JSON.parse(readFileSync(join(server.dataDir, "admin-credentials.json"), "utf8")) as { username: string; password: string };
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

const handshakeRefusal = (token: string) =>
  AgentClient.connect(server.url, token).then(
    (c) => {
      c.close();
      return "connected";
    },
    (error: Error & { data?: { code?: string } }) => error.data?.code ?? error.message,
  );

describe("staff sessions", () => {
  it("a sign-out ends the session at once: the token is refused and its other sockets close", async () => {
    const account = await createAgent(server.app, "session.agent");
    const { body } = await signIns.signIn(account.username, account.password);
    const token = body.token as string;
    const tabA = await AgentClient.connect(server.url, token);
    const tabB = await AgentClient.connect(server.url, token);
    const out = await tabA.call("agent:sign-out", {});
    expect(out.ok).toBe(true);
    await tabB.until(() => tabB.socket.disconnected);
    expect(await handshakeRefusal(token)).toBe("STAFF_BAD_TOKEN");
    expect((await api("/api/v1/staff/sign-out", token, { method: "POST" })).status).toBe(401);
    const audit = await server.app.storage.audit.list({ actor: account.id, limit: 10 });
    expect(audit.map((r) => r.action)).toEqual(["session.start", "session.end-own"]);
  });

  it("an admin ends every session of an account, and a disabled account is out at once", async () => {
    const account = await createAgent(server.app, "session.target");
    const first = (await signIns.signIn(account.username, account.password)).body.token as string;
    const second = (await signIns.signIn(account.username, account.password)).body.token as string;
    const open = await AgentClient.connect(server.url, first);
    const adminToken = (await signIns.signIn(admin.username, admin.password)).body.token as string;

    const ended = await api(`/api/v1/staff/accounts/${account.id}/end-sessions`, adminToken, { method: "POST" });
    expect(await ended.json()).toEqual({ ended: 2 });
    await open.until(() => open.socket.disconnected);
    expect(await handshakeRefusal(second)).toBe("STAFF_BAD_TOKEN");

    const third = (await signIns.signIn(account.username, account.password)).body.token as string;
    const disabled = await api(`/api/v1/staff/accounts/${account.id}`, adminToken, { method: "PATCH", body: { disabled: true } });
    expect(disabled.status).toBe(200);
    expect(await handshakeRefusal(third)).toBe("STAFF_BAD_TOKEN");
    expect((await signIns.signIn(account.username, account.password)).status).toBe(401);
  });

  it("an admin creates an account with roles and a one-time password, and cannot remove the last admin", async () => {
    const adminToken = (await signIns.signIn(admin.username, admin.password)).body.token as string;
    const created = await api("/api/v1/staff/accounts", adminToken, {
      method: "POST",
      body: { username: "zhou.min", displayName: "周敏", languages: ["zh"], skills: ["pension"], capacity: 2, roles: ["agent", "supervisor"] },
    });
    expect(created.status).toBe(201);
    const { account, password } = (await created.json()) as { account: { id: string; roles: string[] }; password: string };
    expect(account.roles).toEqual(["agent", "supervisor"]);
    expect((await signIns.signIn("zhou.min", password)).status).toBe(200);
    const adminId = (await server.app.storage.staff.findByUsername(admin.username))!.id;
    const demote = await api(`/api/v1/staff/accounts/${adminId}`, adminToken, { method: "PATCH", body: { roles: ["agent"] } });
    expect(demote.status).toBe(409);
    expect(((await demote.json()) as { error: string }).error).toBe("STAFF_LAST_ADMIN");
  });

  it("records each view of a number in full, and a supervisor reads it in the audit log", async () => {
    const account = await createAgent(server.app, "session.reader", { roles: ["agent", "supervisor"] });
    const c = await ChatClient.connect(server.url);
    const t = await server.app.desk.tickets.leave(c.session.conversationId, "请回电 13812345678", "zh");
    c.close();
    const token = (await signIns.signIn(account.username, account.password)).body.token as string;
    const agent = await AgentClient.connect(server.url, token);
    const shown = await agent.call("agent:ticket-callback", { ticketId: t.ticketId });
    expect(shown.ok && shown.number).toBe("13812345678");
    agent.close();
    const response = await api(`/api/v1/audit?action=personal-data.reveal&actor=${account.id}`, token);
    const { records } = (await response.json()) as { records: { action: string; target: string; actor: string }[] };
    expect(records).toEqual([expect.objectContaining({ action: "personal-data.reveal", target: t.ticketId, actor: account.id })]);
  });
});

describe("the first admin", () => {
  it("is created once, with its password in a file only its owner can read, and never in the log", async () => {
    const lines: string[] = [];
    const dataDir = server.dataDir.replace(/\/?$/, "-first");
    const config = loadConfig({ DATA_DIR: dataDir, MODELS_DIR: nluPaths.modelsDir, PORT: "0", LOG_LEVEL: "silent", DEMO_STAFF: "false" }, projectRoot);
    const app = await createApp(config, (line) => lines.push(line));
    await app.close();
    const file = join(dataDir, "admin-credentials.json");
    const { username, password } = JSON.parse(readFileSync(file, "utf8")) as { username: string; password: string };
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(lines.join("\n")).toContain(file);
    expect(lines.join("\n")).not.toContain(password);
    const again = await createApp(config, (line) => lines.push(line));
    expect((await again.storage.staff.list()).filter((s) => s.roles.includes("admin")).map((s) => s.username)).toEqual([username]);
    await again.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
});

describe("the address a staff sign-in is recorded from", () => {
  it("is the connection's own, unless it comes through a configured trusted proxy", async () => {
    const behindProxy = await startTestServer({ env: { DEMO_STAFF: "false", TRUSTED_PROXY: "loopback" } });
    try {
      for (const [target, expected] of [
        [server, "127.0.0.1"],
        [behindProxy, "203.0.113.7"],
      ] as const) {
        const account = await createAgent(target.app, `addr.${expected.replace(/\./g, "-")}`);
        const response = await fetch(`${target.url}/api/v1/staff/sign-in`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.7" },
          body: JSON.stringify({ username: account.username, password: account.password }),
        });
        expect(response.status).toBe(200);
        const [start] = await target.app.storage.audit.list({ actor: account.id, action: "session.start", limit: 1 });
        expect(start?.detail.address).toBe(expected);
      }
    } finally {
      await behindProxy.stop();
      behindProxy.cleanup();
    }
  });
});
