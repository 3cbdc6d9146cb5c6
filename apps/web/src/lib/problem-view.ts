import type { ProblemBody } from '../api/api-error';
import { mapFieldErrors, sentence } from './form-errors';

const NBSP = '\u00a0';

/** What a problem alert shows: a title, an optional detail, one line per wrong field, a code to quote for 5xx. */
export interface ProblemView {
  title: string;
  detail: string | null;
  items: { key: string; field: string | null; text: string }[];
  reference: string | null;
}

export interface ProblemForm {
  fields: Record<string, string>;
  aliases?: Record<string, string>;
}

/**
 * A failed call as the alert says it. Field errors a form shows are listed under that form's labels
 * (and sit beside the fields too); others keep the services' own wording, which names the field.
 * The incident code is for support only, so only a server failure shows it.
 */
export function problemView(problem: ProblemBody, form?: ProblemForm): ProblemView {
  const fieldErrors = problem.errors ?? [];
  const mapped = form
    ? mapFieldErrors(fieldErrors, Object.keys(form.fields), form.aliases)
    : { byField: {}, unmatched: fieldErrors.map((e) => ({ ...e, message: sentence(e.message) })) };
  const items = [
    ...Object.entries(mapped.byField).map(([field, message]) => ({
      key: field,
      field,
      text: `${form?.fields[field] ?? field}${NBSP}: ${message}`,
    })),
    ...mapped.unmatched.map((item, index) => ({ key: `u${index}`, field: null, text: sentence(item.message) })),
  ];
  const code = problem.errorId ?? problem.requestId;
  const serverFailure = problem.status >= 500;
  return {
    title: problem.title,
    // A validation detail repeats the field messages; the code a 500's detail carries is shown below.
    detail:
      problem.detail && !fieldErrors.length && !(typeof code === 'string' && problem.detail.includes(code))
        ? problem.detail
        : null,
    items,
    reference:
      serverFailure && typeof code === 'string' ? `Si le problème persiste, communiquez ce code${NBSP}: ${code}` : null,
  };
}
