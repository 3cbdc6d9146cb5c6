import type { FieldError } from '@salle/contracts';
import { fieldLabel } from '@salle/contracts/browser';
import { capitalise } from './labels';

export interface MappedFieldErrors {
  /** Message per form field key, ready to show under the field. */
  byField: Record<string, string>;
  /** Errors no field of the form shows: listed in the alert instead. */
  unmatched: FieldError[];
}

/** « doit comporter 5 chiffres » → « Doit comporter 5 chiffres. » */
export function sentence(message: string): string {
  const text = capitalise(message.trim());
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

/**
 * Puts the `errors` of a problem (or of a client-side check) onto the form's
 * fields. A server path such as `eligibility.notReligious` or
 * `tariffs.1.hourlyCents` goes to the field with that key; `aliases` maps a
 * server path to the form key when the form asks differently (`startsAt` →
 * `startTime`); an unknown nested path falls back to its nearest known
 * parent. The first message of a field wins. Messages of fields the form does not show keep the
 * field's name the services put first.
 */
export function mapFieldErrors(
  errors: readonly FieldError[] | undefined,
  fields: readonly string[],
  aliases: Record<string, string> = {},
): MappedFieldErrors {
  const known = new Set(fields);
  const byField: Record<string, string> = {};
  const unmatched: FieldError[] = [];
  for (const error of errors ?? []) {
    const target = resolveField(error.field, known, aliases);
    if (target === null) unmatched.push({ field: error.field, message: sentence(error.message) });
    else byField[target] ??= sentence(withoutFieldName(error));
  }
  return { byField, unmatched };
}

/**
 * The services lead each field message with the field's name (« Le nom : doit… »), for a client
 * without a form; beside one of our fields, which has its own label, that name goes.
 */
function withoutFieldName(error: FieldError): string {
  const label = fieldLabel(error.field === '(racine)' ? [] : error.field.replace(/^body\./, '').split('.'));
  const prefix = label === null ? null : `${label}\u00a0: `;
  return prefix && error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

function resolveField(path: string, known: Set<string>, aliases: Record<string, string>): string | null {
  const segments = path.replace(/^body\./, '').split('.');
  for (let length = segments.length; length > 0; length--) {
    const candidate = segments.slice(0, length).join('.');
    const aliased = aliases[candidate];
    if (aliased !== undefined && known.has(aliased)) return aliased;
    if (known.has(candidate)) return candidate;
  }
  return null;
}

/** Issues of a zod `safeParse` failure as API-style field errors, so both map the same way. */
export function issuesToFieldErrors(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): FieldError[] {
  return issues.map((issue) => ({
    field: issue.path.length ? issue.path.map(String).join('.') : '(racine)',
    message: issue.message,
  }));
}
