import { Writable } from "node:stream";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { ChatError } from "../../src/conversation/errors.js";
import { CodedError } from "../../src/domain/coded-error.js";
import { errorHandler } from "../../src/http/errors.js";
import { parseBody } from "../../src/http/validation.js";
import { RecordsError } from "../../src/records/errors.js";
import { RoutingError } from "../../src/routing/errors.js";
import { StaffError } from "../../src/staff/accounts.js";

/** A coded error whose area gives it an HTTP status. */
class LimitError extends CodedError<"TEST_LIMITED"> {
  protected readonly catalogue = { TEST_LIMITED: { zh: "太快了。", en: "Too fast." } };
  readonly status = 429;
}

const SECRET = "/var/lib/desk/secret-path.sqlite";

let http: FastifyInstance;
const logged: Record<string, unknown>[] = [];

beforeAll(async () => {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logged.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  http = Fastify({ logger: { level: "info", stream }, bodyLimit: 1024 });
  http.setErrorHandler(errorHandler());
  // Routes in an encapsulated plugin, as the app's are: the root's handler answers for them.
  await http.register(async (fastify) => {
    fastify.post("/body", async (request) => parseBody(z.object({ text: z.string() }).strict(), request.body));
    fastify.post("/staff-body", async (request) =>
      parseBody(z.object({ username: z.string() }).strict(), request.body, "STAFF_BAD_INPUT"),
    );
    fastify.get("/staff", async () => {
      throw new StaffError("STAFF_BAD_CREDENTIALS", "wrong username or password");
    });
    fastify.get("/staff-limited", async () => {
      throw new StaffError("STAFF_RATE_LIMITED", "too many failed sign-ins; wait a few minutes");
    });
    fastify.get("/routing", async () => {
      throw new RoutingError("ROUTING_UNKNOWN_CHAT", "c-1");
    });
    fastify.get("/coded", async () => {
      throw new ChatError("CHAT_TEXT_EMPTY");
    });
    fastify.get("/coded-status", async () => {
      throw new LimitError("TEST_LIMITED");
    });
    fastify.get("/records", async () => {
      throw new RecordsError("RECORDS_CLOSED", `database ${SECRET} is closed`);
    });
    fastify.get("/crash", async () => {
      throw new Error(`ENOENT: no such file ${SECRET}`);
    });
    fastify.get("/crash-sync", () => {
      throw new TypeError(`cannot read ${SECRET}`);
    });
  });
  await http.ready();
});

afterAll(async () => {
  await http.close();
});

const post = (url: string, payload: string, type = "application/json") =>
  http.inject({ method: "POST", url, payload, headers: { "content-type": type } });

describe("the app's error handler", () => {
  it("answers a body that does not fit its schema with 400 BAD_REQUEST and every issue", async () => {
    const response = await post("/body", JSON.stringify({ text: 1, more: true }));
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(response.json()).toEqual({
      error: "BAD_REQUEST",
      message: 'text: Invalid input: expected string, received number; body: Unrecognized key: "more"',
    });
    expect((await post("/body", JSON.stringify({ text: "ok" }))).json()).toEqual({ text: "ok" });
  });

  it("keeps a route's own code for a bad body", async () => {
    const response = await post("/staff-body", "[]");
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: "STAFF_BAD_INPUT", message: "body: Invalid input: expected object, received array" });
  });

  it("answers a coded error with the status its area gives it, its code and its message", async () => {
    const staff = await http.inject({ method: "GET", url: "/staff" });
    expect(staff.statusCode).toBe(401);
    expect(staff.json()).toEqual({ error: "STAFF_BAD_CREDENTIALS", message: "wrong username or password" });
    const limited = await http.inject({ method: "GET", url: "/staff-limited" });
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toEqual({ error: "STAFF_RATE_LIMITED", message: "too many failed sign-ins; wait a few minutes" });
    const routing = await http.inject({ method: "GET", url: "/routing" });
    expect(routing.statusCode).toBe(404);
    expect(routing.json()).toEqual({ error: "ROUTING_UNKNOWN_CHAT", message: "There is no such chat in the queue. (c-1)" });
  });

  it("gives a CodedError's catalogue words in the request's language, 400 unless its area says otherwise", async () => {
    const zh = await http.inject({ method: "GET", url: "/coded" });
    expect(zh.statusCode).toBe(400);
    expect(zh.json()).toEqual({ error: "CHAT_TEXT_EMPTY", message: "消息不能为空。" });
    const en = await http.inject({ method: "GET", url: "/coded", headers: { "accept-language": "en-GB,en;q=0.9" } });
    expect(en.json()).toEqual({ error: "CHAT_TEXT_EMPTY", message: "The message is empty." });
    const limited = await http.inject({ method: "GET", url: "/coded-status", headers: { "accept-language": "en" } });
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toEqual({ error: "TEST_LIMITED", message: "Too fast." });
  });

  it("answers Fastify's own refusals with their status and a code in the same style", async () => {
    const malformed = await post("/body", "{not json");
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ error: "BAD_REQUEST", message: expect.any(String) });
    const large = await post("/body", JSON.stringify({ text: "x".repeat(2000) }));
    expect(large.statusCode).toBe(413);
    expect(large.json()).toMatchObject({ error: "PAYLOAD_TOO_LARGE" });
    const type = await post("/body", "text", "application/x-unknown");
    expect(type.statusCode).toBe(415);
    expect(type.json()).toMatchObject({ error: "UNSUPPORTED_MEDIA_TYPE" });
  });

  it.each(["/crash", "/crash-sync", "/records"])(
    "answers anything else (%s) with 500 and fixed words, and logs what went wrong",
    async (url) => {
      logged.length = 0;
      const response = await http.inject({ method: "GET", url });
      expect(response.statusCode).toBe(500);
      expect(response.json()).toEqual({ error: "INTERNAL", message: "系统繁忙，请稍后再试。" });
      expect(response.body).not.toContain(SECRET);
      const entry = logged.find((line) => line.msg === "request failed");
      expect(entry?.level).toBe(50);
      expect(JSON.stringify(entry?.err)).toContain(SECRET);
    },
  );

  it("does not log a refusal as a failure", async () => {
    logged.length = 0;
    await http.inject({ method: "GET", url: "/staff" });
    expect(logged.filter((line) => line.msg === "request failed")).toEqual([]);
  });
});
