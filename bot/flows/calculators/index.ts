import type { Figures } from "../../../src/calculators/figures.js";
import type { FlowDefinition } from "../../../src/dialog/flows/types.js";
import { maternityCalculator } from "./maternity.js";
import { pensionCalculator } from "./pension.js";
import { retirementCalculator } from "./retirement.js";
import { unemploymentCalculator } from "./unemployment.js";

/** Answers computed for the person (src/calculators), asked as short guided exchanges. */
export const calculatorFlows = (figures: Figures): FlowDefinition[] => [
  retirementCalculator,
  pensionCalculator(figures),
  unemploymentCalculator,
  maternityCalculator,
];
