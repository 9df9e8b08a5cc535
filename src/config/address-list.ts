import { z } from "zod";
import { TrustedProxies } from "../security/client-address.js";

/**
 * A setting that lists addresses (addresses, CIDR ranges, `loopback`, `private`), as TRUSTED_PROXY
 * and METRICS_ALLOW do: unset or blank is none; a bad entry is refused with what is wrong with it.
 */
export const addressListSetting = () =>
  z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s.trim() === "") return undefined;
      try {
        return TrustedProxies.parse(s);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
        return z.NEVER;
      }
    });
