import type { z } from 'zod';
import type { FieldError } from '@salle/contracts';
import { AppError } from './errors';

type Source = 'body' | 'query' | 'headers' | 'params';

const sourceLabel: Record<Source, string> = {
  body: 'Le corps de la requête',
  query: 'Les paramètres de la requête',
  headers: 'Les en-têtes de la requête',
  params: 'L’adresse de la requête',
};

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
  const fields = errors.map((e) => e.field).join(', ');
  return new AppError(400, 'validation_failed', `${sourceLabel[source]} contient des valeurs invalides.`, {
    detail: `Champs à corriger\u00a0: ${fields}.`,
    errors,
  });
}
