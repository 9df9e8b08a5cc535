import { useCallback, useRef, useState } from "react";
import type { ApiResult, HttpError } from "./http";

/**
 * What the latest of a series of requests answered (a search typed on, a filter changed): an answer
 * that comes after a later request went out is dropped, so a slow early answer never overwrites a
 * newer one. `fetch` must keep its identity between renders (useCallback).
 */
export function useLatestAnswer<A extends unknown[], T>(fetch: (...args: A) => Promise<ApiResult<T>>) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<HttpError | null>(null);
  const [loading, setLoading] = useState(false);
  const latest = useRef(0);
  const load = useCallback(
    async (...args: A) => {
      const request = ++latest.current;
      setLoading(true);
      const result = await fetch(...args);
      if (request !== latest.current) return;
      setLoading(false);
      if (result.ok) {
        setValue(result.value);
        setError(null);
      } else setError(result.error);
    },
    [fetch],
  );
  return { value, setValue, error, loading, load };
}
