import type { FastifyInstance } from "fastify";
import type { Registry } from "prom-client";
import { type MetricsAccess, mayScrape } from "./scrape-access.js";

export interface MetricsPluginOptions {
  registry: Registry;
  /** Who may read it besides loopback (scrape-access.ts). */
  access: MetricsAccess;
}

/**
 * GET /metrics in Prometheus's text format, for those the access rule lets in; anyone else gets the
 * same 404 as for a path that does not exist, so the endpoint is not revealed. Scrapes come every
 * few seconds: their request lines are logged at warn and above only, not to fill the logs.
 */
export async function metricsPlugin(fastify: FastifyInstance, options: MetricsPluginOptions): Promise<void> {
  fastify.get("/metrics", { logLevel: "warn" }, async (request, reply) => {
    const allowed = mayScrape(
      { ip: request.ip, socketAddress: request.socket.remoteAddress, headers: request.headers },
      options.access,
    );
    if (!allowed) return reply.callNotFound();
    const body = await options.registry.metrics();
    return reply.header("cache-control", "no-store").type(options.registry.contentType).send(body);
  });
}
