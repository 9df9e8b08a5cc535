import { type ReactNode, useId } from "react";

/**
 * A label above its control. The control gets the label's `for` id through the render function,
 * so every field is announced by its label.
 */
export function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children(id)}
    </div>
  );
}
