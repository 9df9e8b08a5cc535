/** Where the citizen's request for a person stands; pushed whenever it changes. */
export interface HandoffStatusView {
  handoffId: string;
  state: "queued" | "offered" | "connected" | "ended" | "cancelled" | "unavailable";
  /** 1 = next in line (queued/offered). */
  position?: number;
  /** Estimated seconds until an agent answers (queued/offered). */
  etaSec?: number;
  agentName?: string;
  /** When agents are back (ISO), when state is unavailable. */
  backAt?: string;
  /**
   * Queued while no agent is online (within service hours): the first agent to come online gets
   * the chat. No estimate is given then.
   */
  waitingForAgents?: boolean;
}
