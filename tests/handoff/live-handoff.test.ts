import { liveHandoffSuite } from "./live-handoff-suite.js";

liveHandoffSuite("local", () => ({}));
