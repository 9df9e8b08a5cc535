// A thread that trains a model artifact starts here: it registers tsx (as boot.mjs does for
// understanding), then trains the knowledge base it was given (artifact-worker.ts).
import { register } from "tsx/esm/api";

register();
await import("./artifact-worker.ts");
