import type { FlowDefinition } from "../../src/dialog/flows/types.js";
import { cardLost } from "./card-lost.js";
import { cardReplace } from "./card-replace.js";
import { certificate } from "./certificate.js";
import { offsiteFiling } from "./offsite-filing.js";
import { pensionTransfer } from "./pension-transfer.js";
import { serviceProgress } from "./service-progress.js";
import { unemploymentApply } from "./unemployment-apply.js";

/** Every guided application, by id (the id FAQs name in their `flow` field). */
export const flows: Record<string, FlowDefinition> = Object.fromEntries(
  [unemploymentApply, cardLost, cardReplace, certificate, offsiteFiling, pensionTransfer, serviceProgress].map((f) => [f.id, f]),
);
