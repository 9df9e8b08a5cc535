import type { Namespace } from "socket.io";
import type { DeskMeter, RefusalSurface } from "./desk-meter.js";

/**
 * Counts the coded refusals a socket namespace sends its clients (`chat:error` on the citizens'
 * chat, `agent:error` on the console), by code, by listening to what each socket sends: the
 * channels report errors one way whatever refused (a limit, a bad payload, the desk), and need not
 * know they are counted. Costs one comparison per event sent.
 */
export function countSocketRefusals(
  // biome-ignore lint/suspicious/noExplicitAny: any namespace; only the event name and the payload's code are read.
  nsp: Namespace<any, any, any, any>,
  event: "chat:error" | "agent:error",
  surface: RefusalSurface,
  meter: Pick<DeskMeter, "refused">,
): void {
  nsp.on("connection", (socket) => {
    socket.onAnyOutgoing((sent: string, payload: unknown) => {
      if (sent !== event) return;
      const code = (payload as { code?: unknown } | undefined)?.code;
      meter.refused(surface, typeof code === "string" ? code : "UNKNOWN");
    });
  });
}
