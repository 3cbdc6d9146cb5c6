import { z } from 'zod';
import { fieldLabel } from './field-labels';

// Plain-French validation messages for every schema, in the services and in the browser alike.
// zod's own French locale (`z.locales.fr()`) was considered: its messages are technical
// (« Trop petit : chaîne de caractères doit avoir >=1 caractères ») and put a plain space before
// the colon, so people read them badly; this map says what to do and names the field.

const NBSP = '\u00a0';

export { FIELD_LABELS, fieldLabel } from './field-labels';

/**
 * « Le nom » and « doit contenir… » → « Le nom : doit contenir… »; the message alone at the root or
 * when it already starts with the field's name (« la fin doit suivre le début »).
 */
export function withFieldLabel(path: readonly PropertyKey[], message: string): string {
  const label = fieldLabel(path);
  if (label === null || message.toLowerCase().startsWith(label.toLowerCase())) return message;
  // « Le caractère nul… » reads « Le nom : le caractère nul… »; an acronym (« UAI… ») keeps its capitals.
  const lead = /^\p{Lu}\p{Ll}/u.test(message) ? message.charAt(0).toLowerCase() + message.slice(1) : message;
  return `${label}${NBSP}: ${lead}`;
}

type Issue = z.core.$ZodRawIssue;

const plural = (count: number | bigint, one: string, many: string) => (Number(count) > 1 ? many : one);

const FORMAT_MESSAGES: Record<string, string> = {
  email: 'doit être une adresse e-mail valide (nom@exemple.fr)',
  url: 'doit être une adresse web valide (https://…)',
  uuid: 'ne désigne rien de connu',
  guid: 'ne désigne rien de connu',
  datetime: 'doit être une date et une heure valides',
  date: 'doit être une date valide',
  time: 'doit être une heure valide',
  regex: 'n’a pas la forme attendue',
};

function typeMessage(issue: Extract<Issue, { code: 'invalid_type' }>): string {
  if (issue.input === undefined) return 'est obligatoire';
  switch (issue.expected) {
    case 'string':
      return 'doit être un texte';
    case 'number':
    case 'int':
      return issue.expected === 'int' ? 'doit être un nombre entier' : 'doit être un nombre';
    case 'boolean':
      return 'doit être oui ou non';
    case 'array':
      return 'doit être une liste';
    case 'date':
      return 'doit être une date';
    default:
      return 'n’a pas la forme attendue';
  }
}

function sizeMessage(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>): string {
  const small = issue.code === 'too_small';
  const limit = small ? issue.minimum : issue.maximum;
  const bound = small ? 'au moins' : 'au plus';
  if (issue.origin === 'string') return `doit contenir ${bound} ${limit} ${plural(limit, 'caractère', 'caractères')}`;
  if (issue.origin === 'array' || issue.origin === 'set')
    return `doit contenir ${bound} ${limit} ${plural(limit, 'élément', 'éléments')}`;
  if (issue.origin === 'date') return small ? 'est trop tôt' : 'est trop tard';
  if (issue.inclusive) return small ? `doit être au moins ${limit}` : `doit être au plus ${limit}`;
  return small ? `doit être supérieur à ${limit}` : `doit être inférieur à ${limit}`;
}

function valueMessage(values: readonly unknown[]): string {
  const shown = values.map((value) => `«${NBSP}${String(value)}${NBSP}»`);
  if (shown.length === 1) return `doit valoir ${shown[0]}`;
  return `doit être l’une de ces valeurs${NBSP}: ${shown.join(', ')}`;
}

/** The message of one issue, without the field's name. */
export function frenchIssueMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return typeMessage(issue);
    case 'too_small':
    case 'too_big':
      return sizeMessage(issue);
    case 'invalid_value':
      return valueMessage(issue.values);
    case 'invalid_format':
      return FORMAT_MESSAGES[issue.format] ?? 'n’a pas la forme attendue';
    case 'not_multiple_of':
      return `doit être un multiple de ${issue.divisor}`;
    case 'unrecognized_keys':
      return `${plural(issue.keys.length, 'information non prévue', 'informations non prévues')}${NBSP}: ${issue.keys.join(', ')}`;
    default:
      return 'n’est pas valide';
  }
}

/**
 * zod's locale hook. The message does not name the field: a form shows it beside the field; the
 * services' 400 answers lead it with the field's name (`withFieldLabel`).
 */
export const frenchErrorMap: z.core.$ZodErrorMap = (issue) => frenchIssueMessage(issue);

z.config({ localeError: frenchErrorMap });
