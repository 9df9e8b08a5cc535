import type { RecordsPort, StatusChange } from "../records/ports.js";
import { statusLine } from "../records/status-labels.js";
import type { MessageRecord, Storage } from "../storage/ports.js";
import type { Transcript } from "../transcript/transcript.js";

/**
 * Tells citizens when one of their applications changes status: the notice is stored in every
 * conversation that filed it (so it is in the history after a reconnect), pushed to the citizen on
 * whatever channel, and shown to the agent holding that conversation's chat.
 */
export function notifyStatusChanges(deps: {
  records: RecordsPort;
  storage: Storage;
  transcript: Transcript;
  /** The notice, to the agent who holds the conversation's chat, if any. */
  tellAgent?: (conversationId: string, notice: MessageRecord) => Promise<void>;
  onError: (error: unknown) => void;
}): () => void {
  return deps.records.onStatusChange((change: StatusChange) => {
    void (async () => {
      const { application } = change;
      const entry = application.timeline.at(-1);
      for (const conversationId of await deps.storage.applicationLinks.conversationsFor(application.number)) {
        const conversation = await deps.storage.conversations.get(conversationId);
        const locale = conversation?.locale ?? "zh";
        const line = statusLine(application.status, entry?.note ?? { zh: "", en: "" }, locale);
        const text =
          locale === "zh"
            ? `您的申请 ${application.number} 有新进展：${line}。`
            : `Update on your application ${application.number}: ${line}.`;
        const notice = await deps.transcript.write({
          conversationId,
          role: "bot",
          text,
          meta: { applicationNumber: application.number, decision: "status_update" },
        });
        await deps.tellAgent?.(conversationId, notice);
      }
    })().catch(deps.onError);
  });
}
