import { describeMongo } from "../testing/mongo.js";
import { flowsSuite } from "./flows-suite.js";

describeMongo("guided applications on a desk started with MONGODB_URI", () => flowsSuite("mongodb"));
