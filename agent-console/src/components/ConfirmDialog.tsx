import type { FormEvent, ReactNode } from "react";
import { Dialog } from "./Dialog";

interface ConfirmDialogProps {
  title: string;
  /** What will happen, in a sentence or two. */
  children: ReactNode;
  cancelLabel: string;
  confirmLabel: string;
  onConfirm(event: FormEvent): void;
  onDismiss(): void;
  testId?: string;
  /** The confirm button's test id. */
  confirmTestId?: string;
}

/** "Are you sure?" for a step that cannot be taken back in one click: cancel, or the red button. */
export function ConfirmDialog({ title, children, cancelLabel, confirmLabel, onConfirm, onDismiss, testId, confirmTestId }: ConfirmDialogProps) {
  return (
    <Dialog title={title} onDismiss={onDismiss} {...(testId ? { testId } : {})}>
      <form onSubmit={onConfirm}>
        {children}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onDismiss}>
            {cancelLabel}
          </button>
          <button type="submit" className="button button--danger" data-testid={confirmTestId}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
