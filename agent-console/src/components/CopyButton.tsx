import { useEffect, useState } from "react";
import { useI18n } from "../lib/i18n";

interface CopyButtonProps {
  text: string;
  testId?: string;
  /** What is copied, for screen readers ("Copy the recovery codes"); the button says "Copy". */
  label?: string;
}

/** How long "Copied" stays before the button reads "Copy" again. */
const CONFIRM_MS = 3_000;

/**
 * Copies text to the clipboard. The clipboard API exists only on secure origins (HTTPS or this
 * machine); elsewhere, or when the browser refuses, it says so and the text stays selectable.
 */
export function CopyButton({ text, testId, label }: CopyButtonProps) {
  const { t } = useI18n();
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (state !== "copied") return;
    const timer = setTimeout(() => setState("idle"), CONFIRM_MS);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error("no clipboard");
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  }

  return (
    <span className="copy">
      <button
        type="button"
        className="button button--small"
        data-testid={testId}
        aria-label={label}
        onClick={() => void copy()}
      >
        {state === "copied" ? t.copied : t.copy}
      </button>
      <span className="copy__status" role="status">
        {state === "failed" ? t.copyFailed : ""}
      </span>
    </span>
  );
}
