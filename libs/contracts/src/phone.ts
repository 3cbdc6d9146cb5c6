import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';

/** The message a person reads beside a phone number that is not one. */
export const INVALID_PHONE_MESSAGE =
  'doit être un numéro de téléphone valide, par exemple 06 12 34 56 78 ou +33 6 12 34 56 78';

/**
 * A phone number as people type it (« 06 12 34 56 78 », « +33 6 12… »,
 * « 0033… »), read as French unless it says its country, and kept in E.164
 * (+33612345678): the form SMS providers take, and one spelling per number.
 * `libphonenumber-js/max` checks the number against each country's real
 * ranges, so 06 00 00 00 00 is refused as well as « 12 ».
 */
export function normalisePhoneNumber(input: string): string | null {
  const parsed = parsePhoneNumberFromString(input.trim().replace(/^00/, '+'), 'FR');
  return parsed?.isValid() ? parsed.number : null;
}

/** Whether an E.164 number reaches a mobile phone (an SMS to a landline is lost). */
export function isMobilePhoneNumber(e164: string): boolean {
  const type = parsePhoneNumberFromString(e164)?.getType();
  return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE';
}

/** A phone number entered in a form, normalised to E.164; the French message on anything else. */
export const phoneNumberSchema = z
  .string({ error: INVALID_PHONE_MESSAGE })
  .trim()
  .max(40, { error: INVALID_PHONE_MESSAGE })
  .transform((value, context) => {
    const e164 = normalisePhoneNumber(value);
    if (e164 === null) {
      context.addIssue({ code: 'custom', message: INVALID_PHONE_MESSAGE });
      return z.NEVER;
    }
    return e164;
  });

/** A number already normalised (events, stored rows). */
export const e164PhoneNumberSchema = z.string().regex(/^\+[1-9]\d{6,14}$/, { error: INVALID_PHONE_MESSAGE });
