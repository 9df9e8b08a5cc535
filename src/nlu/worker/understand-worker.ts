// The understanding worker: builds the engine from the artifact the main thread prepared, then
// answers one request at a time. Requests and replies are plain data (src/nlu/worker/protocol.ts).
import { parentPort, workerData } from "node:worker_threads";
import { loadEngine } from "../load-engine.js";
import type { WorkerReply, WorkerRequest, WorkerSetup } from "./protocol.js";

const port = parentPort;
if (!port) throw new Error("understand-worker.ts runs as a worker thread");
const send = (reply: WorkerReply) => port.postMessage(reply);

try {
  const engine = loadEngine(workerData as WorkerSetup);
  port.on("message", (request: WorkerRequest) => {
    try {
      send({ id: request.id, understanding: engine.understand(request.text, new Date(request.now)) });
    } catch (error) {
      send({ id: request.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
  send({ type: "ready" });
} catch (error) {
  send({ type: "failed", message: error instanceof Error ? error.message : String(error) });
}
