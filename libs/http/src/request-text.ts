import type { RequestHandler } from 'express';
import type { FieldError } from '@salle/contracts';
import { AppError } from './errors';
import { validationError } from './validation';

const NUL = '\u0000';
// With the `u` flag a surrogate pair is one code point: only lone halves match.
const LONE_SURROGATE = /\p{Cs}/u;

const NUL_MESSAGE = 'Le caractère nul (U+0000) n’est pas accepté dans un texte.';
const ILL_FORMED_MESSAGE = 'Ce texte contient un caractère Unicode mal formé.';

/** Why PostgreSQL would refuse this text, in French, or undefined when it can be stored. */
function textFault(text: string): string | undefined {
  if (text.includes(NUL)) return NUL_MESSAGE;
  // A lone UTF-16 surrogate (`"\ud800"` in JSON) has no UTF-8 form: jsonb refuses it.
  if (LONE_SURROGATE.test(text)) return ILL_FORMED_MESSAGE;
  return undefined;
}

/** A place in a parsed value: its key and its parent, so that walking never copies paths. */
interface Place {
  key: string;
  parent: Place | undefined;
}

function fieldName(place: Place | undefined): string {
  const keys: string[] = [];
  for (let at = place; at; at = at.parent) keys.push(at.key);
  return keys.length ? keys.reverse().join('.') : '(racine)';
}

/**
 * Every string of a parsed query or JSON body (object keys included) that
 * PostgreSQL cannot store, named by its path. Iterative and linear, so that a
 * deeply nested body can exhaust neither the stack nor the CPU.
 */
export function unstorableTexts(value: unknown): FieldError[] {
  const faults: FieldError[] = [];
  const pending: { value: unknown; place: Place | undefined }[] = [{ value, place: undefined }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value: current, place } = next;
    if (typeof current === 'string') {
      const message = textFault(current);
      if (message) faults.push({ field: fieldName(place), message });
    } else if (current !== null && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        const message = textFault(key);
        // The key itself is unreadable: name its parent instead of echoing it.
        if (message) faults.push({ field: fieldName(place), message });
        else pending.push({ value: child, place: { key, parent: place } });
      }
    }
  }
  return faults;
}

/** A path that does not decode, wherever that is found (here, or by the router). */
export const malformedUrl = (detail?: string, cause?: unknown) =>
  new AppError(400, 'malformed_url', 'L’adresse de la requête est mal formée.', { detail, cause });

/**
 * Refuses, before any route sees it, a path that cannot be decoded (`%ZZ`,
 * an escape that is not UTF-8) or that decodes to a NUL, and a query holding
 * a text PostgreSQL cannot store. The router would otherwise throw while
 * decoding a path parameter, and the database while storing or comparing.
 */
export const rejectMalformedUrl: RequestHandler = (req, _res, next) => {
  const path = req.path;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return next(malformedUrl('Elle contient une séquence d’échappement «\u00a0%\u00a0» invalide.'));
  }
  if (decoded.includes(NUL)) return next(malformedUrl('Elle contient un caractère nul (%00).'));
  const faults = unstorableTexts(req.query);
  if (faults.length > 0) return next(validationError(faults, 'query'));
  next();
};

/** Refuses a parsed JSON body holding a text PostgreSQL cannot store, naming each field. */
export const rejectUnstorableBody: RequestHandler = (req, _res, next) => {
  const faults = unstorableTexts(req.body);
  if (faults.length > 0) return next(validationError(faults, 'body'));
  next();
};
