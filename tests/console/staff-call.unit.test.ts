import { afterEach, describe, expect, it, vi } from "vitest";
import { requestJson } from "../../agent-console/src/lib/http";
import { staffCaller } from "../../agent-console/src/lib/staff-call";

/** The console's HTTP door: results, never exceptions; a dead session signs the tab out. */

afterEach(() => {
  vi.unstubAllGlobals();
});

const answer = (status: number, body?: string) => {
  const fetch = vi.fn(async () => new Response(body ?? null, { status }));
  vi.stubGlobal("fetch", fetch);
  return fetch;
};

describe("requestJson", () => {
  it("sends the token and JSON body, and reads the answer", async () => {
    const fetch = answer(201, '{"ok":1}');
    expect(await requestJson("POST", "/x", { token: "t", body: { a: 1 } })).toEqual({
      ok: true,
      status: 201,
      body: { ok: 1 },
    });
    const [path, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(path).toBe("/x");
    expect(init.headers).toMatchObject({ authorization: "Bearer t", "content-type": "application/json" });
    expect(init.body).toBe('{"a":1}');
  });

  it("takes an empty 204 as success", async () => {
    answer(204);
    expect(await requestJson("POST", "/x")).toEqual({ ok: true, status: 204, body: null });
  });

  it("reads the server's error, or makes one up", async () => {
    answer(409, '{"error":"STAFF_LAST_ADMIN","message":"keep one"}');
    expect(await requestJson("PATCH", "/x")).toEqual({
      ok: false,
      error: { code: "STAFF_LAST_ADMIN", message: "keep one", status: 409 },
    });
    answer(502, "<html>bad gateway</html>");
    expect(await requestJson("GET", "/x")).toEqual({ ok: false, error: { code: "HTTP_502", message: "", status: 502 } });
    answer(200, "not json");
    expect(await requestJson("GET", "/x")).toEqual({
      ok: false,
      error: { code: "CONSOLE_BAD_RESPONSE", message: "", status: 200 },
    });
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("offline"))));
    expect(await requestJson("GET", "/x")).toEqual({
      ok: false,
      error: { code: "CONSOLE_NETWORK", message: "", status: 0 },
    });
  });
});

describe("staffCaller", () => {
  it("signs the tab out when the server says the session is over", async () => {
    const signedOut = vi.fn();
    const call = staffCaller("tok", signedOut);
    answer(401, '{"error":"ACCESS_SIGNED_OUT","message":"Sign in first."}');
    const result = await call("GET", "/api/v1/audit");
    expect(result.ok).toBe(false);
    expect(signedOut).toHaveBeenCalledTimes(1);
  });

  it("does not for other refusals", async () => {
    const signedOut = vi.fn();
    const call = staffCaller("tok", signedOut);
    answer(403, '{"error":"ACCESS_FORBIDDEN","message":""}');
    await call("GET", "/api/v1/audit");
    answer(401, '{"error":"STAFF_BAD_CODE","message":""}');
    await call("POST", "/x");
    expect(signedOut).not.toHaveBeenCalled();
  });
});
