import type { ReactNode } from 'react';

/** The id of a form's field: stable per field key, so that an error summary links to it. */
export const fieldId = (formId: string, name: string) => `${formId}-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

/** What every labelled field takes. */
export interface FieldBase {
  formId: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  className?: string;
}

/** A field's error message, in a polite live region that `aria-describedby` and the fieldset's label point to. */
export function Messages({ id, error }: { id: string; error?: string }) {
  return (
    <div className="salle-messages-group" id={`${id}-messages`} aria-live="polite">
      {error && (
        <p className="salle-message salle-message--error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
