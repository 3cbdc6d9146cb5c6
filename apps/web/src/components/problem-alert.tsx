import { useEffect, useRef } from 'react';
import type { ApiError } from '../api/api-error';
import { problemView } from '../lib/problem-view';
import { fieldId } from './form-fields';
import { Alert } from '../ui';

interface ProblemAlertProps {
  error: ApiError | null;
  /** The form whose fields the errors may name: they are then listed as links to those fields. */
  form?: { id: string; fields: Record<string, string>; aliases?: Record<string, string> };
  /** Moves focus to the alert when it appears (after a submit). */
  focus?: boolean;
}

/**
 * A failed call as an alert (`problemView` says what it shows): the problem's French title, its
 * detail, and the field errors as a summary whose items lead to the fields.
 */
export function ProblemAlert({ error, form, focus = true }: ProblemAlertProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error && focus) ref.current?.focus();
  }, [error, focus]);
  if (!error) return null;

  const view = problemView(error.problem, form);

  return (
    <div ref={ref} tabIndex={-1} className="salle-mb-3w salle-focus-target">
      <Alert
        severity={error.status === 409 ? 'warning' : 'error'}
        title={view.title}
        description={
          <>
            {view.detail && <p>{view.detail}</p>}
            {view.items.length > 0 && (
              <ul>
                {view.items.map((item) => (
                  <li key={item.key}>
                    {item.field && form ? <a href={`#${fieldId(form.id, item.field)}`}>{item.text}</a> : item.text}
                  </li>
                ))}
              </ul>
            )}
            {view.reference && <p className="salle-text--xs salle-mb-0">{view.reference}</p>}
          </>
        }
      />
    </div>
  );
}
