import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** An E.164 number as French people read it: « 06 12 34 56 78 » in France, « +32 470 12 34 56 » elsewhere. */
export function formatPhoneNumber(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === 'FR' ? parsed.formatNational() : parsed.formatInternational();
}
