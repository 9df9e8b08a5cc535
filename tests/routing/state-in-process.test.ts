import { InProcessRoutingState } from "../../src/routing/state/in-process.js";
import { routingStateContract } from "./state-contract.js";

routingStateContract(
  "InProcessRoutingState",
  async () => new InProcessRoutingState(),
  async () => {},
);
