import { useEffect, useState } from "react";
import { useStaffCall } from "../../../lib/staff-call";
import { fetchKnownStaff, type KnownStaff } from "../api/audit";

/**
 * The accounts, loaded once when the screen opens, to name the ids in the log. If they cannot be
 * read the log still shows, with raw ids.
 */
export function useKnownStaff(): KnownStaff[] {
  const call = useStaffCall();
  const [staff, setStaff] = useState<KnownStaff[]>([]);
  useEffect(() => {
    let live = true;
    void fetchKnownStaff(call).then((result) => {
      if (live && result.ok) setStaff(result.value);
    });
    return () => {
      live = false;
    };
  }, [call]);
  return staff;
}
