import type { ReplyCatalogue } from "../dialog/reply.js";
import type { KnowledgeBase } from "../knowledge/load.js";
import { inputsHash } from "../nlu/artifact.js";
import type { Understander } from "../nlu/understander.js";
import type { Knowledge, KnowledgeSource } from "./active-knowledge.js";

/** A draft's way of answering: the model (the serving one when the draft keeps its questions) and its answers. */
export interface DraftAnswering {
  understander: Understander;
  catalogue: ReplyCatalogue;
}

/** How far the draft's own model is, while it trains. */
export interface PreviewTraining {
  step?: string;
  done?: number;
  total?: number;
  startedAt: string;
}

export interface DraftPreviewDeps {
  serving: KnowledgeSource;
  /** The answers of a knowledge base (open-knowledge.ts answersFor). */
  answers: (kb: KnowledgeBase) => ReplyCatalogue;
  /** The whole knowledge for a knowledge base: its model trained in a thread if need be, and loaded (knowledgeFor). */
  build: (kb: KnowledgeBase, progress: (step: string, done: number, total: number) => void) => Promise<Knowledge>;
  clock: () => Date;
  /** An unused draft model is closed after this long. */
  idleMs?: number;
}

/**
 * Answers with a draft before it is published ("try it"). A draft that changes answers only is
 * understood by the serving model and answered from its own answers at once; one that changes
 * questions needs its own model: it is trained in a thread of its own (the editor sees its
 * progress) and kept, one at a time, until another draft model replaces it or it is idle.
 */
export class DraftPreviews {
  private slot: { hash: string; ready?: Knowledge; building: Promise<Knowledge>; training: PreviewTraining; usedAt: number; error?: Error } | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: DraftPreviewDeps) {}

  /** The draft's answering, or how far its model's training is. */
  answering(kb: KnowledgeBase): { ready: DraftAnswering } | { training: PreviewTraining } | { failed: string } {
    const serving = this.deps.serving.current();
    const hash = inputsHash(kb);
    if (hash === serving.hash) return { ready: { understander: serving.understander, catalogue: this.deps.answers(kb) } };
    if (this.slot?.hash === hash && this.slot.error) {
      // Said once; the next try builds again.
      const { message } = this.slot.error;
      this.release();
      return { failed: message };
    }
    if (this.slot?.hash !== hash) this.replace(hash, kb);
    const slot = this.slot as NonNullable<typeof this.slot>;
    slot.usedAt = Date.now();
    // The model is the draft's; the answers are read again, since the draft may have changed them since.
    if (slot.ready) return { ready: { understander: slot.ready.understander, catalogue: this.deps.answers(kb) } };
    return { training: slot.training };
  }

  /** Waits until the draft's model is ready (tests, and a caller that would rather wait). */
  async ready(kb: KnowledgeBase): Promise<DraftAnswering> {
    const now = this.answering(kb);
    if ("ready" in now) return now.ready;
    if ("failed" in now) throw new Error(now.failed);
    await this.slot?.building;
    return this.ready(kb);
  }

  private replace(hash: string, kb: KnowledgeBase): void {
    this.release();
    const training: PreviewTraining = { startedAt: this.deps.clock().toISOString() };
    const slot: NonNullable<typeof this.slot> = {
      hash,
      training,
      usedAt: Date.now(),
      building: this.deps.build(kb, (step, done, total) => Object.assign(training, { step, done, total })),
    };
    slot.building.then(
      (knowledge) => {
        if (this.slot === slot) slot.ready = knowledge;
        else void knowledge.understander.close();
      },
      (error: Error) => {
        slot.error = error;
      },
    );
    this.slot = slot;
    const idleMs = this.deps.idleMs ?? 10 * 60_000;
    this.timer = setInterval(() => {
      if (this.slot === slot && Date.now() - slot.usedAt > idleMs) this.release();
    }, Math.min(idleMs, 60_000));
    this.timer.unref();
  }

  private release(): void {
    clearInterval(this.timer);
    const slot = this.slot;
    this.slot = undefined;
    if (slot?.ready) void slot.ready.understander.close();
  }

  close(): void {
    this.release();
  }
}
