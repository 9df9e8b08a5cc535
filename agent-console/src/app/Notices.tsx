import { useEffect } from "react";
import { errorText, useI18n } from "../lib/i18n";
import type { Notice } from "../stores/notices-slice";
import { useDesk, useDispatch } from "../stores/desk-store";

/** An information notice goes away by itself after this long; errors stay until dismissed. */
const INFO_MS = 8_000;

function NoticeItem({ notice }: { notice: Notice }) {
  const { t } = useI18n();
  const dispatch = useDispatch();
  const dismiss = () => dispatch({ type: "noticeDismissed", id: notice.id });

  useEffect(() => {
    if (notice.kind !== "info") return;
    const timer = setTimeout(() => dispatch({ type: "noticeDismissed", id: notice.id }), INFO_MS);
    return () => clearTimeout(timer);
  }, [notice, dispatch]);

  const text = notice.error
    ? errorText(t, notice.error)
    : notice.offerWithdrawn
      ? t.offerWithdrawn[notice.offerWithdrawn]
      : "";
  return (
    <li
      className={`notice notice--${notice.kind}`}
      role={notice.kind === "error" ? "alert" : "status"}
      data-testid="notice"
      data-code={notice.error?.code}
    >
      <span className="notice__text">{text}</span>
      <button
        type="button"
        className="notice__dismiss"
        aria-label={t.dismiss}
        data-testid="notice-dismiss"
        onClick={dismiss}
      >
        ×
      </button>
    </li>
  );
}

/** Errors from the server (agent:error, refused acks) and short notices, under the header. */
export function Notices() {
  const notices = useDesk((s) => s.notices.items);
  if (notices.length === 0) return null;
  return (
    <ul className="notices">
      {notices.map((notice) => (
        <NoticeItem key={notice.id} notice={notice} />
      ))}
    </ul>
  );
}
