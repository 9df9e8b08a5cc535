import type { FastifyInstance } from "fastify";

export interface HealthPluginOptions {
  /** Whether this instance should get traffic: not shutting down, and its storage answering. */
  ready: () => Promise<boolean>;
  /** The active NLU model's hash and knowledge version, so a rollout can see what an instance serves. */
  knowledge: () => { model: string; version: number };
  /** Which store this instance keeps its records in (its answering is part of `ready`). */
  store: "sqlite" | "mongodb";
}

/** GET /healthz (the process answers) and GET /readyz (200 ready or 503 not ready, with the model and knowledge version). */
export async function healthPlugin(fastify: FastifyInstance, options: HealthPluginOptions): Promise<void> {
  fastify.get("/healthz", async () => ({ status: "ok" }));
  fastify.get("/readyz", async (_request, reply) => {
    const ok = await options.ready();
    return reply.code(ok ? 200 : 503).send({ status: ok ? "ready" : "not ready", store: options.store, ...options.knowledge() });
  });
}
