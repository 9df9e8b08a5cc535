// A classifier-training thread: trains the fits it is sent, one at a time, and says after every
// epoch how far it got. Replies go through the port the trainer gave it, which the trainer reads
// while it waits (parallel-fits.ts), and each one wakes it through the shared counter.
import type { MessagePort } from "node:worker_threads";
import { parentPort } from "node:worker_threads";
import { trainClassifier } from "../classifier.js";
import type { FitReply, FitRequest } from "./train-protocol.js";

const parent = parentPort;
if (!parent) throw new Error("train-worker.ts runs as a worker thread");

let replies: MessagePort | undefined;
let wake: Int32Array | undefined;
const send = (reply: FitReply, transfer: ArrayBuffer[] = []) => {
  replies?.postMessage(reply, transfer);
  if (wake) {
    Atomics.add(wake, 0, 1);
    Atomics.notify(wake, 0);
  }
};

parent.on("message", (message: { port: MessagePort; wake: SharedArrayBuffer } | FitRequest) => {
  if ("port" in message) {
    replies = message.port;
    wake = new Int32Array(message.wake);
    return;
  }
  try {
    const model = trainClassifier(message.samples, (epoch) => send({ id: message.id, epoch }));
    send({ id: message.id, model }, [model.weights.buffer as ArrayBuffer]);
  } catch (error) {
    send({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
