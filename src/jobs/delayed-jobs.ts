/**
 * Delayed work that must survive the instance that scheduled it in Redis mode (a BullMQ delayed job)
 * and is a timer in local mode. Each kind is a named job (src/infra/jobs.ts) defined by the part
 * that owns it: offer timeouts, the grace period after an agent's socket drops, the one after a
 * waiting citizen's last tab closes (the desk), an idle guided application's end (flows), and a
 * message for a WeChat citizen sent through its API (retried from here).
 * Scheduling the same (kind, key) again replaces the earlier one.
 */
export type DelayedKind = "offer-timeout" | "agent-grace" | "citizen-gone" | "flow-expiry" | "wechat-send" | "botframework-send";

export interface DelayedJobs {
  /** Registers the one handler; call before schedule. Errors are reported through onError. */
  handle(handler: (kind: DelayedKind, key: string, payload: Record<string, string>) => Promise<void>): void;
  schedule(kind: DelayedKind, key: string, payload: Record<string, string>, delayMs: number): Promise<void>;
  cancel(kind: DelayedKind, key: string): Promise<void>;
  close(): Promise<void>;
}
