import { useCallback, useState } from "react";
import { safeStorage } from "../../../lib/storage";
import { parseSession, type StaffSession } from "../api/sign-in";

const SESSION_KEY = "shebao-console:session";
const storage = safeStorage("sessionStorage");

/**
 * The stored session, if it is readable and not expired. sessionStorage, not localStorage: the
 * token dies with the tab, and another person at the same desk opens a signed-out console.
 */
function loadSession(now: number): StaffSession | null {
  const raw = storage.get(SESSION_KEY);
  if (!raw) return null;
  try {
    const session = parseSession(JSON.parse(raw));
    if (!session || !(Date.parse(session.expiresAt) > now)) {
      storage.remove(SESSION_KEY);
      return null;
    }
    return session;
  } catch {
    storage.remove(SESSION_KEY);
    return null;
  }
}

export interface StaffSessionState {
  session: StaffSession | null;
  /** Set when the server refused the token (expired): the sign-in form says so. */
  expired: boolean;
  signedIn(session: StaffSession): void;
  signOut(reason?: "expired"): void;
}

export function useStaffSession(): StaffSessionState {
  const [session, setSession] = useState(() => loadSession(Date.now()));
  const [expired, setExpired] = useState(false);

  const signedIn = useCallback((next: StaffSession) => {
    storage.set(SESSION_KEY, JSON.stringify(next));
    setExpired(false);
    setSession(next);
  }, []);

  const signOut = useCallback((reason?: "expired") => {
    storage.remove(SESSION_KEY);
    setExpired(reason === "expired");
    setSession(null);
  }, []);

  return { session, expired, signedIn, signOut };
}
