import type { JobDefinition } from "../jobs/jobs.js";
import type { Transcript } from "../transcript/transcript.js";
import type { FlowSessions } from "./flow-session.js";

/**
 * The flow-expiry job: a guided application left idle ends with a notice in the chat. A delayed job,
 * not a timer, so in Redis mode it fires even if the instance that scheduled it has gone; when a
 * local start lost it, the notice comes with the citizen's next message instead.
 */
export function flowExpiryJob(deps: { flows: FlowSessions; transcript: Transcript; clock: () => Date }): JobDefinition {
  return {
    kind: "flow-expiry",
    async run(conversationId) {
      const notice = await deps.flows.expireIfIdle(conversationId, deps.clock());
      if (!notice) return;
      await deps.transcript.write({ conversationId, role: "bot", text: notice.text, meta: { decision: "flow_expired" } });
    },
  };
}
