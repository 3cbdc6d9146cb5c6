import { problemSchema, problemType } from '@salle/contracts';
import { AppError } from '@salle/http';
import { appErrorConstructors, frenchTypographyFaults } from '@salle/testing';
import * as errors from './errors';

type Factory = keyof typeof errors;

/** Each factory with the arguments the gateway gives it. A factory missing here fails the test. */
const SAMPLES: { [name in Factory]: () => AppError } = {
  csrfOriginMissing: () => errors.csrfOriginMissing(),
  csrfOriginMismatch: () => errors.csrfOriginMismatch(),
  csrfTokenMissing: () => errors.csrfTokenMissing(),
  rateLimited: () => errors.rateLimited(12),
  personalDataUnavailable: () => errors.personalDataUnavailable(),
  auditUnavailable: () => errors.auditUnavailable(),
};

describe('gateway errors', () => {
  const made = Object.entries(SAMPLES).map(([name, make]) => ({ name, error: make() }));

  it('has a sample for every factory the module exports', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(errors).sort());
  });

  it.each(made)('$name answers a problem+json with a stable code, a client status and a French title', ({ error }) => {
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toMatch(/^[a-z]+(_[a-z]+)*$/);
    expect(error.status).toBeGreaterThanOrEqual(400);
    // A client's mistake, or (502 only) a service behind the gateway that did not answer.
    if (error.status !== 502) expect(error.status).toBeLessThan(500);
    const problem = problemSchema.strict().safeParse({
      type: problemType(error.code),
      status: error.status,
      code: error.code,
      title: error.title,
      detail: error.detail,
    });
    expect(problem.success).toBe(true);
    expect(error.title).toMatch(/^[A-ZÀ-Ý].*[.!?]$/);
    expect(frenchTypographyFaults(error.title)).toEqual([]);
    expect(frenchTypographyFaults(error.detail ?? '')).toEqual([]);
  });

  it('tells a rate-limited client when to come back', () => {
    expect(errors.rateLimited(12).headers).toEqual({ 'Retry-After': '12' });
  });

  it('are the only AppError constructions in apps/gateway/src', () => {
    expect(appErrorConstructors(__dirname)).toEqual(['errors.ts']);
  });
});
