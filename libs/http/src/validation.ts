import type { z } from 'zod';
import { fieldLabel, withFieldLabel, type FieldError } from '@salle/contracts';
import { AppError } from './errors';

type Source = 'body' | 'query' | 'headers' | 'params';

function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join('.') : '(racine)',
    message: issue.message,
  }));
}

/**
 * Parses one part of a request with its contracts schema. On failure, a 400
 * `validation_failed` problem listing every wrong field.
 */
export function parseRequest<S extends z.ZodType>(schema: S, value: unknown, source: Source = 'body'): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = fieldErrors(result.error);
  return failValidation(source, errors);
}

/** A business rule on one field failed (a checksum, a date in the past...): 400 naming that field. */
export function invalidFields(errors: FieldError[], source: Source = 'body'): never {
  return failValidation(source, errors);
}

function failValidation(source: Source, errors: FieldError[]): never {
  throw validationError(errors, source);
}

/** The 400 `validation_failed` problem naming each wrong field, for middleware that hands errors to `next`. */
export function validationError(errors: FieldError[], source: Source = 'body'): AppError {
  const named = errors.map((e) => ({
    field: e.field,
    message: capitalise(withFieldLabel(pathOf(e.field), e.message)),
  }));
  return new AppError(400, 'validation_failed', validationTitle(named, source), {
    detail: named.map((e) => sentence(e.message)).join(' '),
    errors: named,
  });
}

/** « Certaines informations sont manquantes ou incorrectes : le nom, la capacité. » */
function validationTitle(errors: FieldError[], source: Source): string {
  // A wrong path segment is no information the person typed: they followed a broken link.
  if (source === 'params') return 'L’adresse demandée ne correspond à rien de connu.';
  const labels = [...new Set(errors.map((e) => fieldLabel(pathOf(e.field))))]
    .filter((label): label is string => label !== null)
    .map((label) => label.charAt(0).toLowerCase() + label.slice(1));
  const lead = 'Certaines informations sont manquantes ou incorrectes';
  return labels.length ? `${lead}\u00a0: ${labels.join(', ')}.` : `${lead}.`;
}

const pathOf = (field: string): string[] => (field === '(racine)' ? [] : field.split('.'));

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function sentence(message: string): string {
  return /[.!?…]$/.test(message) ? message : `${message}.`;
}
