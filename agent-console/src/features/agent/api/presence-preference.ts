import { safeStorage } from "../../../lib/storage";

/**
 * The presence the agent last chose (online / away), remembered in localStorage per username so a
 * reload (or a reconnection) does not put an agent who stepped away back online: the console sends
 * it in the socket handshake. It counts for the sign-in it was chosen in (until that token
 * expires, i.e. the shift) and is forgotten on signing out, so the next shift starts online.
 */
export type ChosenPresence = "online" | "away";

const prefs = safeStorage("localStorage");
const keyOf = (username: string) => `shebao-console:presence:${username}`;

interface Stored {
  presence: ChosenPresence;
  /** The sign-in's expiry (ISO): past it the choice no longer holds. */
  until: string;
}

export function rememberedPresence(username: string, now = Date.now()): ChosenPresence | undefined {
  const raw = prefs.get(keyOf(username));
  if (!raw) return undefined;
  try {
    const stored = JSON.parse(raw) as Partial<Stored>;
    if (
      (stored.presence === "online" || stored.presence === "away") &&
      Date.parse(stored.until ?? "") > now
    ) {
      return stored.presence;
    }
  } catch {
    // unreadable: as if nothing was stored
  }
  prefs.remove(keyOf(username));
  return undefined;
}

export function rememberPresence(username: string, presence: ChosenPresence, until: string): void {
  prefs.set(keyOf(username), JSON.stringify({ presence, until } satisfies Stored));
}

export function forgetPresence(username: string): void {
  prefs.remove(keyOf(username));
}
