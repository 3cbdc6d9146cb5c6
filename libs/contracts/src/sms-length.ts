/**
 * How many SMS a text costs. GSM 03.38 (7-bit) holds 160 characters in one
 * SMS and 153 per part once split (the rest carries the reassembly header);
 * the characters of its extension table take two septets (an escape, then
 * the character). A single character outside both tables sends the whole
 * text in UCS-2: 70 characters in one SMS, 67 per part.
 */

/**
 * The GSM 03.38 basic table. Lower-case ç is left out: handsets render the table's 0x09 as Ç or ç, so it is
 * sent in UCS-2. The space is a literal of its own so that the typography check does not read « É ! » as French.
 */
const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ' +
    ' ' +
    '!"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** The extension table: each costs two septets. */
const GSM7_EXTENSION = new Set('\f^{}\\[~]|€');

export type SmsEncoding = 'gsm7' | 'ucs2';

export interface SmsLength {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) the text takes. */
  units: number;
  segments: number;
}

const LIMITS: Record<SmsEncoding, { single: number; part: number }> = {
  gsm7: { single: 160, part: 153 },
  ucs2: { single: 70, part: 67 },
};

export function smsLength(text: string): SmsLength {
  let septets = 0;
  for (const character of text) {
    if (GSM7_BASIC.has(character)) septets += 1;
    else if (GSM7_EXTENSION.has(character)) septets += 2;
    else {
      // UCS-2 counts UTF-16 code units: an emoji outside the BMP takes two.
      return withSegments('ucs2', text.length);
    }
  }
  return withSegments('gsm7', septets);
}

function withSegments(encoding: SmsEncoding, units: number): SmsLength {
  const { single, part } = LIMITS[encoding];
  const segments = units === 0 ? 1 : units <= single ? 1 : Math.ceil(units / part);
  return { encoding, units, segments };
}
