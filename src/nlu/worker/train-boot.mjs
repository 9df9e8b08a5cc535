// A training thread starts here: it registers tsx (as boot.mjs does for understanding), then runs
// the classifier trainer on the jobs it is sent.
import { register } from "tsx/esm/api";

register();
await import("./train-worker.ts");
