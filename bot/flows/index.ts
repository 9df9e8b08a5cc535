import type { Figures } from "../../src/calculators/figures.js";
import type { FlowDefinition } from "../../src/dialog/flows/types.js";
import { calculatorFlows } from "./calculators/index.js";
import { cardLost } from "./card-lost.js";
import { cardReplace } from "./card-replace.js";
import { certificate } from "./certificate.js";
import { offsiteFiling } from "./offsite-filing.js";
import { pensionTransfer } from "./pension-transfer.js";
import { serviceProgress } from "./service-progress.js";
import { unemploymentApply } from "./unemployment-apply.js";

/** Every guided exchange, by id (the id FAQs name in their `flow` field): applications and calculators. */
export function guidedFlows(deps: { figures: Figures }): Record<string, FlowDefinition> {
  return Object.fromEntries(
    [unemploymentApply, cardLost, cardReplace, certificate, offsiteFiling, pensionTransfer, serviceProgress, ...calculatorFlows(deps.figures)].map((f) => [f.id, f]),
  );
}
