import { createConnection, createServer, type Server, type Socket } from "node:net";
import Fastify from "fastify";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { errorHandler } from "../../src/http/errors.js";
import { healthPlugin } from "../../src/http/health.js";
import { deleteKeys, describeRedis, redisUrl, uniquePrefix } from "../testing/redis.js";
import { startTestServer, type TestServer } from "../testing/server.js";

describe("/readyz names the dependency that is down", () => {
  it("is 503 with `down` while one does not answer (says no, or fails), and ready again once it does", async () => {
    const answering = { database: true, redis: true };
    const http = Fastify();
    http.setErrorHandler(errorHandler());
    await http.register(healthPlugin, {
      ready: async () => true,
      dependencies: {
        database: async () => answering.database,
        redis: async () => {
          if (!answering.redis) throw new Error("connection refused");
          return true;
        },
      },
      store: "sqlite",
      knowledge: () => ({ model: "abc", version: 3 }),
    });
    const readyz = async () => {
      const r = await http.inject({ url: "/readyz" });
      return { status: r.statusCode, body: r.json() };
    };
    expect(await readyz()).toEqual({
      status: 200,
      body: { status: "ready", store: "sqlite", model: "abc", version: 3 },
    });
    answering.redis = false;
    expect(await readyz()).toEqual({
      status: 503,
      body: { status: "not ready", down: ["redis"], store: "sqlite", model: "abc", version: 3 },
    });
    answering.database = false;
    expect((await readyz()).body.down).toEqual(["database", "redis"]);
    answering.redis = true;
    answering.database = true;
    expect((await readyz()).status).toBe(200);
    await http.close();
  });
});

/**
 * A TCP relay to the test Redis that can hold every byte either way and let them through later: the
 * desk's Redis stops answering without anything closing (the Redis other tests share runs on). Held
 * rather than cut, so no client reconnects: BullMQ's Worker.close() can hang for good when called
 * while its blocking connection is reconnecting (taskforcesh/bullmq#4656), which is not this test's
 * subject.
 */
async function redisRelay(): Promise<{ url: string; hold(): void; release(): void; close(): Promise<void> }> {
  const target = new URL(redisUrl);
  const sockets = new Set<Socket>();
  let held = false;
  const waiting: (() => void)[] = [];
  const server: Server = createServer((client) => {
    const upstream = createConnection(Number(target.port || 6379), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => {});
      s.on("close", () => {
        sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    const relay = (from: Socket, to: Socket) =>
      from.on("data", (chunk) => {
        if (held) waiting.push(() => to.write(chunk));
        else to.write(chunk);
      });
    relay(client, upstream);
    relay(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `redis://127.0.0.1:${port}`,
    hold: () => {
      held = true;
    },
    release: () => {
      held = false;
      for (const send of waiting.splice(0)) send();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

describeRedis("/readyz with REDIS_URL", () => {
  const prefix = uniquePrefix("readyz").replaceAll(":", "-");
  let relay: Awaited<ReturnType<typeof redisRelay>>;
  let server: TestServer;

  beforeAll(async () => {
    relay = await redisRelay();
    server = await startTestServer({ env: { REDIS_URL: relay.url, REDIS_PREFIX: prefix } });
  });
  afterAll(async () => {
    relay?.release();
    await server?.stop();
    await server?.cleanup();
    await relay?.close();
    const redis = new Redis(redisUrl);
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it("reports Redis down while it does not answer the desk's PING (within 2 s), and ready again once it does", async () => {
    const readyz = async () => {
      const r = await fetch(`${server.url}/readyz`);
      return { status: r.status, body: (await r.json()) as { status: string; down?: string[] } };
    };
    expect(await readyz()).toEqual({
      status: 200,
      body: expect.objectContaining({ status: "ready", store: "sqlite" }),
    });
    relay.hold();
    const started = performance.now();
    expect(await readyz()).toEqual({
      status: 503,
      body: expect.objectContaining({ status: "not ready", down: ["redis"] }),
    });
    // Bounded: a load balancer's probe does not hang on a Redis that does not answer.
    expect(performance.now() - started).toBeLessThan(3500);
    relay.release();
    await vi.waitFor(async () => expect((await readyz()).status).toBe(200), { timeout: 5000, interval: 50 });
  });
});
