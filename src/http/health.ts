import type { FastifyInstance } from "fastify";

export interface HealthPluginOptions {
  /** Whether this instance should get traffic at all (false once it is shutting down). */
  ready: () => Promise<boolean>;
  /**
   * What serving needs answering, by name ("database", "redis"), each asked on every /readyz: one
   * that says no, fails or takes longer than CHECK_MS makes it 503, and is named in `down`.
   */
  dependencies?: Record<string, () => Promise<boolean>>;
  /** The active NLU model's hash and knowledge version, so a rollout can see what an instance serves. */
  knowledge: () => { model: string; version: number };
  /** Which store this instance keeps its records in. */
  store: "sqlite" | "mongodb";
}

/** A dependency slower than this is as good as down: a load balancer's probe should not hang on it. */
const CHECK_MS = 2000;

async function answers(check: () => Promise<boolean>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), CHECK_MS);
  });
  try {
    return await Promise.race([check().catch(() => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * GET /healthz (the process answers) and GET /readyz: 200 ready, or 503 not ready (shutting down,
 * or a dependency down, named in `down`), with the store, the model and the knowledge version.
 */
export async function healthPlugin(fastify: FastifyInstance, options: HealthPluginOptions): Promise<void> {
  fastify.get("/healthz", async () => ({ status: "ok" }));
  fastify.get("/readyz", async (_request, reply) => {
    const checks = Object.entries(options.dependencies ?? {});
    const [serving, ...answered] = await Promise.all([options.ready(), ...checks.map(([, check]) => answers(check))]);
    const down = checks.filter((_, i) => !answered[i]).map(([name]) => name);
    const ok = serving && down.length === 0;
    return reply
      .code(ok ? 200 : 503)
      .send({ status: ok ? "ready" : "not ready", ...(down.length > 0 ? { down } : {}), store: options.store, ...options.knowledge() });
  });
}
