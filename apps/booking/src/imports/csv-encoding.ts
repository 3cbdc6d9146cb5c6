import { analyse } from 'chardet';
import iconv from 'iconv-lite';

export type DecodedCsv = { ok: true; text: string; encoding: CsvEncoding } | { ok: false; message: string };

export type CsvEncoding = 'UTF-8' | 'windows-1252' | 'ISO-8859-15';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** chardet's names for single-byte Western European text (it reports ISO-8859-15 text as ISO-8859-1). */
const LATIN_NAMES = new Set(['windows-1252', 'ISO-8859-1']);

const REFUSED =
  'l’encodage du fichier n’est pas reconnu\u00a0: enregistrez-le en «\u00a0CSV UTF-8\u00a0» ou en «\u00a0CSV (séparateur\u00a0: point-virgule)\u00a0» depuis votre tableur, puis importez-le à nouveau';

/**
 * The text of an uploaded CSV file. UTF-8 (with or without byte-order mark)
 * is kept as is; a file that is not valid UTF-8 is what French Excel writes
 * (Windows-1252) or an older ISO-8859-15 export, recognised with chardet and
 * converted with iconv-lite, provided the result reads as French text.
 * Anything else (UTF-16, binary, other scripts) is refused rather than
 * imported with corrupted accents.
 */
export function decodeCsv(bytes: Uint8Array): DecodedCsv {
  if (bytes.includes(0)) return { ok: false, message: REFUSED };
  const hasBom = UTF8_BOM.every((byte, index) => bytes[index] === byte);
  const utf8 = decodeUtf8(hasBom ? bytes.subarray(3) : bytes);
  if (utf8 !== undefined) return { ok: true, text: utf8, encoding: 'UTF-8' };
  if (hasBom) return { ok: false, message: REFUSED };
  if (!latinRanksFirst(bytes)) return { ok: false, message: REFUSED };
  const encoding = latinVariant(bytes);
  const text = iconv.decode(Buffer.from(bytes), encoding);
  return readsAsFrench(text) ? { ok: true, text, encoding } : { ok: false, message: REFUSED };
}

/** Letters and signs of French text beyond ASCII (with the German and Spanish letters of names). */
const FRENCH_CHARACTERS = /[àâäáçéèêëíîïñóôöùúûüÿœæÀÂÄÁÇÉÈÊËÍÎÏÑÓÔÖÙÚÛÜŸŒÆß’‘“”«»€°²–—…\u00a0\u202f]/u;

/** Share of non-ASCII characters that must be French ones: text in another script decodes into symbols. */
const MIN_FRENCH_SHARE = 0.8;

/**
 * chardet judges a whole file, and a mostly ASCII one (the header, codes,
 * numbers) looks Latin whatever its other bytes are: a Cyrillic KOI8-R file
 * is guessed Windows-1252. Its decoded letters then read as `×ËÏÌÁ`, not as
 * French, which this check catches.
 */
function readsAsFrench(text: string): boolean {
  const beyondAscii = [...text].filter((character) => character > '\u007f');
  const french = beyondAscii.filter((character) => FRENCH_CHARACTERS.test(character));
  return french.length >= MIN_FRENCH_SHARE * beyondAscii.length;
}

/**
 * chardet ranks a Western single-byte encoding first (ties included: on a
 * short file several encodings score alike, and its confidences, 0-100, stay
 * low).
 */
function latinRanksFirst(bytes: Uint8Array): boolean {
  const candidates = analyse(bytes);
  const best = candidates[0]?.confidence ?? 0;
  return candidates.some((candidate) => LATIN_NAMES.has(candidate.name) && candidate.confidence === best);
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Bytes 0x80-0x9F are printable in Windows-1252 (€, œ, ’, …) and control
 * characters in ISO-8859-15: their presence settles it. Without them both
 * read French letters alike; ISO-8859-15 is chosen so that its € (0xA4) is
 * kept.
 */
function latinVariant(bytes: Uint8Array): CsvEncoding {
  return bytes.some((byte) => byte >= 0x80 && byte <= 0x9f) ? 'windows-1252' : 'ISO-8859-15';
}
