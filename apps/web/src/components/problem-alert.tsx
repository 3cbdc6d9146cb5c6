import { useEffect, useRef } from 'react';
import type { ApiError } from '../api/api-error';
import { mapFieldErrors, sentence } from '../lib/form-errors';
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
 * A failed call as an alert: the problem's French title, its detail,
 * and the field errors as a summary whose items lead to the fields. A
 * validation detail that only lists technical field names is left out.
 */
export function ProblemAlert({ error, form, focus = true }: ProblemAlertProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error && focus) ref.current?.focus();
  }, [error, focus]);
  if (!error) return null;

  const { problem } = error;
  const fieldErrors = problem.errors ?? [];
  const mapped = form
    ? mapFieldErrors(fieldErrors, Object.keys(form.fields), form.aliases)
    : { byField: {}, unmatched: fieldErrors };
  const showDetail = problem.detail && !(fieldErrors.length && problem.detail.startsWith('Champs à corriger'));
  const items = [
    ...Object.entries(mapped.byField).map(([field, message]) => ({
      key: field,
      field,
      label: form?.fields[field] ?? field,
      message,
    })),
    ...mapped.unmatched.map((item, index) => ({
      key: `u${index}`,
      field: null,
      label: item.field === '(racine)' ? null : item.field,
      message: sentence(item.message),
    })),
  ];

  return (
    <div ref={ref} tabIndex={-1} className="salle-mb-3w salle-focus-target">
      <Alert
        severity={
          problem.status >= 500 || problem.status === 0 ? 'error' : problem.status === 409 ? 'warning' : 'error'
        }
        title={problem.title}
        description={
          <>
            {showDetail && <p>{problem.detail}</p>}
            {items.length > 0 && (
              <ul>
                {items.map((item) => (
                  <li key={item.key}>
                    {item.field && form ? (
                      <a href={`#${fieldId(form.id, item.field)}`}>
                        {item.label} : {item.message}
                      </a>
                    ) : item.label ? (
                      `${item.label} : ${item.message}`
                    ) : (
                      item.message
                    )}
                  </li>
                ))}
              </ul>
            )}
            {problem.requestId && (
              <p className="salle-text--xs salle-mb-0">Référence de l’incident : {problem.requestId}</p>
            )}
          </>
        }
      />
    </div>
  );
}
