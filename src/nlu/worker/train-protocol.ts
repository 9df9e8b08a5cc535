import type { ClassifierModel } from "../classifier.js";

/** One classifier fit for a training thread. */
export type FitRequest = { id: number; samples: { features: string[]; label: string }[] };

export type FitReply = { id: number; epoch: number } | { id: number; model: ClassifierModel } | { id: number; error: string };
