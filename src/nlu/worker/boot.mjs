// A worker thread starts here: it registers tsx (so the TypeScript sources load as they do in
// the main thread, under `npm start`, the tests and the benches alike), then runs the worker.
import { register } from "tsx/esm/api";

register();
await import("./understand-worker.ts");
