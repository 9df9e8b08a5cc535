import { describeMongo } from "../testing/mongo.js";
import { liveHandoffSuite } from "./live-handoff-suite.js";

describeMongo("live handoff on a desk started with MONGODB_URI", () =>
  liveHandoffSuite("mongo", () => ({}), "mongodb"),
);
