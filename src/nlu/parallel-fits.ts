import { availableParallelism } from "node:os";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import { type ClassifierModel, trainClassifier } from "./classifier.js";
import type { FitReply, FitRequest } from "./worker/train-protocol.js";
import { workerEntry } from "./worker/entry.js";

const BOOT = workerEntry(import.meta.url, "train-worker", "train-boot.mjs");
/** A training thread that says nothing for this long has failed: an epoch takes well under a second. */
const SILENCE_MS = 120_000;

/**
 * Trains several classifier fits at once, one thread per core, and waits for them without giving
 * up the synchronous training API: the caller (a start that must train first, `npm run train`, the
 * tests' global setup) blocks here as it did while the fits ran one after another. Each thread runs
 * the same arithmetic on the same samples, so the weights are those of the fits run in turn.
 */
export function trainFits(
  fits: FitRequest["samples"][],
  /** After every epoch of a fit, and with `done` once the fit has finished (its loss flat, or the last epoch). */
  onEpoch: (fit: number, epoch: number, done?: true) => void,
  threads: number = Math.min(fits.length, availableParallelism()),
): ClassifierModel[] {
  if (threads <= 1) {
    return fits.map((samples, fit) => {
      const model = trainClassifier(samples, (epoch) => onEpoch(fit, epoch));
      onEpoch(fit, 0, true);
      return model;
    });
  }
  // Each thread adds one to the counter and wakes this one after every reply it posts.
  const wake = new Int32Array(new SharedArrayBuffer(4));
  const slots = Array.from({ length: threads }, () => {
    // Its own flags: the parent's (vitest's, a profiler's) are not the thread's business.
    const worker = new Worker(BOOT, { execArgv: [] });
    const { port1, port2 } = new MessageChannel();
    worker.postMessage({ port: port2, wake: wake.buffer }, [port2]);
    return { worker, port: port1 as MessagePort };
  });
  const results: (ClassifierModel | undefined)[] = fits.map(() => undefined);
  let next = 0;
  let done = 0;
  const give = (slot: (typeof slots)[number]) => {
    if (next >= fits.length) return;
    slot.worker.postMessage({ id: next, samples: fits[next] as FitRequest["samples"] } satisfies FitRequest);
    next++;
  };
  try {
    for (const slot of slots) give(slot);
    let heard = Date.now();
    while (done < fits.length) {
      const seen = Atomics.load(wake, 0);
      for (const slot of slots) {
        for (let m = receiveMessageOnPort(slot.port); m; m = receiveMessageOnPort(slot.port)) {
          heard = Date.now();
          const reply = m.message as FitReply;
          if ("epoch" in reply) onEpoch(reply.id, reply.epoch);
          else if ("error" in reply) throw new Error(`training fit ${reply.id + 1} of ${fits.length} failed: ${reply.error}`);
          else {
            results[reply.id] = reply.model;
            done++;
            onEpoch(reply.id, 0, true);
            give(slot);
          }
        }
      }
      if (done < fits.length) {
        if (Date.now() - heard > SILENCE_MS) throw new Error(`a training thread said nothing for ${SILENCE_MS / 1000} s`);
        Atomics.wait(wake, 0, seen, 1000);
      }
    }
  } finally {
    for (const slot of slots) {
      slot.port.close();
      void slot.worker.terminate();
    }
  }
  return results as ClassifierModel[];
}
