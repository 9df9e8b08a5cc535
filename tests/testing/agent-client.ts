import { randomUUID } from "node:crypto";
import { io, type Socket } from "socket.io-client";
import type { AgentClientToServer, AgentServerToClient } from "../../src/protocol/agent-events.js";
import type { App } from "../../src/app.js";
import { Waiters } from "../../bench/lib/waiters.js";
import type { StaffRole } from "../../src/domain/staff-role.js";

type AgentSocket = Socket<AgentServerToClient, AgentClientToServer>;
type Hello = Parameters<AgentServerToClient["agent:hello"]>[0];
type Events = { [E in keyof AgentServerToClient]: Parameters<AgentServerToClient[E]>[0][] };

/** Creates a staff account directly in the app's store (an agent unless roles are given). */
export async function createAgent(
  app: App,
  username: string,
  extra: Partial<{ languages: ("zh" | "en")[]; skills: string[]; capacity: number; displayName: string; roles: StaffRole[] }> = {},
): Promise<{ username: string; password: string; id: string }> {
  const password = `pw-${randomUUID()}`;
  const staff = await app.accounts.create({
    username,
    displayName: extra.displayName ?? username,
    password,
    languages: extra.languages ?? ["zh", "en"],
    skills: (extra.skills ?? ["*"]) as never,
    capacity: extra.capacity ?? 3,
    roles: extra.roles ?? ["agent"],
  });
  return { username, password, id: staff.id };
}

export async function signIn(url: string, username: string, password: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/api/v1/staff/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A real socket.io client on the /agent namespace, as the console uses, recording what the server sends. */
export class AgentClient {
  readonly received: Events = {
    "agent:hello": [],
    "agent:offer": [],
    "agent:offer-withdrawn": [],
    "agent:chat-message": [],
    "agent:citizen-typing": [],
    "agent:chat-ended": [],
    "agent:queue": [],
    "agent:error": [],
  };
  private readonly waiters = new Waiters();

  hello!: Hello;

  /** Listens from the first moment: an offer can arrive before `agent:hello`. */
  private constructor(readonly socket: AgentSocket) {
    for (const event of Object.keys(this.received) as (keyof AgentServerToClient)[]) {
      socket.on(event, ((payload: never) => {
        (this.received[event] as unknown[]).push(payload);
        this.waiters.notify();
      }) as never);
    }
  }

  static connect(url: string, token: string): Promise<AgentClient> {
    const socket: AgentSocket = io(`${url}/agent`, { auth: { token }, transports: ["websocket"], reconnection: false, forceNew: true });
    const client = new AgentClient(socket);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no agent:hello within 5 s")), 5000);
      socket.once("agent:hello", (hello) => {
        clearTimeout(timer);
        client.hello = hello;
        resolve(client);
      });
      socket.once("connect_error", (error) => {
        clearTimeout(timer);
        socket.close();
        reject(Object.assign(error, { data: (error as Error & { data?: unknown }).data }));
      });
    });
  }

  static async signInAndConnect(url: string, account: { username: string; password: string }): Promise<AgentClient> {
    const { status, body } = await signIn(url, account.username, account.password);
    if (status !== 200) throw new Error(`sign-in failed: ${status} ${JSON.stringify(body)}`);
    return AgentClient.connect(url, body.token as string);
  }

  /** Emits an event and resolves with its ack. */
  call<E extends keyof AgentClientToServer>(event: E, input: Parameters<AgentClientToServer[E]>[0]) {
    type AckOf = Parameters<AgentClientToServer[E]>[1];
    return new Promise<Parameters<NonNullable<AckOf>>[0]>((resolve) =>
      (this.socket.emit as (e: string, i: unknown, a: (r: never) => void) => void)(event, input, resolve),
    );
  }

  until(predicate: () => boolean, ms = 5000): Promise<void> {
    return this.waiters.until(predicate, ms);
  }

  close() {
    this.socket.close();
  }
}
