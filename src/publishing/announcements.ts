/**
 * "A knowledge version was published", told to every instance, so each swaps to it at once rather
 * than at its next look at the store (knowledge-watch.ts keeps looking as well: an announcement
 * missed while Redis was away is caught up within KNOWLEDGE_POLL_MS).
 */
export interface KnowledgeAnnouncements {
  announce(version: number): Promise<void>;
  onAnnounced(listener: (version: number) => void): void;
  close(): Promise<void>;
}

/** One process: the announcement reaches this process's listeners. */
export function localAnnouncements(): KnowledgeAnnouncements {
  const listeners: ((version: number) => void)[] = [];
  return {
    async announce(version) {
      for (const l of listeners) l(version);
    },
    onAnnounced: (l) => void listeners.push(l),
    close: async () => {},
  };
}

/** Several instances: a Redis channel every instance subscribes to (ioredis subscribes again after a reconnection). */
export async function redisAnnouncements(url: string, channel: string, onError: (error: unknown) => void): Promise<KnowledgeAnnouncements> {
  const { Redis } = await import("ioredis");
  const pub = new Redis(url, { maxRetriesPerRequest: 3 });
  const sub = new Redis(url);
  pub.on("error", onError);
  sub.on("error", onError);
  const listeners: ((version: number) => void)[] = [];
  sub.on("message", (from: string, message: string) => {
    const version = Number(message);
    if (from !== channel || !Number.isSafeInteger(version) || version < 1) return;
    for (const l of listeners) l(version);
  });
  await sub.subscribe(channel);
  return {
    async announce(version) {
      await pub.publish(channel, String(version));
    },
    onAnnounced: (l) => void listeners.push(l),
    async close() {
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}
