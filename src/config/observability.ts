import { z } from "zod";
import type { MetricsAccess } from "../observability/scrape-access.js";
import { addressListSetting } from "./address-list.js";

/** Who may read /metrics besides this machine (src/observability/scrape-access.ts). */
export const observabilityEnv = {
  // The same list as TRUSTED_PROXY: addresses, CIDR ranges, `loopback`, `private`.
  METRICS_ALLOW: addressListSetting(),
  METRICS_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9._~+/=-]{24,256}$/, "24 to 256 letters, digits or ._~+/=- (e.g. openssl rand -hex 24)")
    .optional(),
};

export type MetricsConfig = MetricsAccess;

type ObservabilityEnv = { [K in keyof typeof observabilityEnv]?: z.infer<(typeof observabilityEnv)[K]> };

/** /metrics is always served, to loopback by default; these settings widen who may read it. */
export function metricsConfig(e: ObservabilityEnv): MetricsConfig {
  return {
    ...(e.METRICS_ALLOW ? { allow: e.METRICS_ALLOW } : {}),
    ...(e.METRICS_TOKEN ? { token: e.METRICS_TOKEN } : {}),
  };
}
