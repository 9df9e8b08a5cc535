import type { NluEngine, Understanding } from "./engine.js";

/**
 * Understands citizens' messages for the conversation, the flows and the agents' knowledge search.
 * Two implementations: in this thread (an engine here), or in a worker thread (the default for the
 * server: understanding is the largest piece of CPU per message, and there it neither holds up the
 * event loop nor adds to its garbage).
 */
export interface Understander {
  understand(text: string, now: Date): Promise<Understanding>;
  close(): Promise<void>;
}

/** Understanding in the calling thread. */
export class InProcessUnderstander implements Understander {
  constructor(private readonly engine: NluEngine) {}

  async understand(text: string, now: Date): Promise<Understanding> {
    return this.engine.understand(text, now);
  }

  async close(): Promise<void> {}
}
