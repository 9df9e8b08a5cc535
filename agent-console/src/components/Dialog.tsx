import { type ReactNode, useEffect, useId, useRef } from "react";

interface DialogProps {
  title: string;
  /** Escape, the cancel button, or a click on Cancel: the caller unmounts the dialog. */
  onDismiss(): void;
  testId?: string;
  children: ReactNode;
}

/**
 * A modal on the native <dialog>: the browser traps focus inside, restores it on close and
 * closes on Escape, so the console does not re-implement any of that.
 */
export function Dialog({ title, onDismiss, testId, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        onDismiss();
      }}
    >
      <h2 id={titleId} className="dialog__title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
