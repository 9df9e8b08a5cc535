import type { FastifyInstance } from "fastify";

export interface HealthPluginOptions {
  /** Whether this instance should get traffic: not shutting down, and its storage answering. */
  ready: () => Promise<boolean>;
  /** The active NLU model's hash, so a rollout can see which model an instance runs. */
  model: () => string;
}

/** GET /healthz (the process answers) and GET /readyz (200 ready or 503 not ready, with the model). */
export async function healthPlugin(fastify: FastifyInstance, options: HealthPluginOptions): Promise<void> {
  fastify.get("/healthz", async () => ({ status: "ok" }));
  fastify.get("/readyz", async (_request, reply) => {
    const ok = await options.ready();
    return reply.code(ok ? 200 : 503).send({ status: ok ? "ready" : "not ready", model: options.model() });
  });
}
