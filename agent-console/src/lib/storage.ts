/**
 * Web storage that never throws: private windows and locked-down browsers refuse it, and the
 * console must still work (it only forgets the session on reload).
 */
export function safeStorage(kind: "sessionStorage" | "localStorage") {
  const store = (): Storage | undefined => {
    try {
      return window[kind];
    } catch {
      return undefined;
    }
  };
  return {
    get(key: string): string | null {
      try {
        return store()?.getItem(key) ?? null;
      } catch {
        return null;
      }
    },
    set(key: string, value: string): void {
      try {
        store()?.setItem(key, value);
      } catch {
        // full or refused: the value lives only as long as the page
      }
    },
    remove(key: string): void {
      try {
        store()?.removeItem(key);
      } catch {
        // nothing to do
      }
    },
  };
}
