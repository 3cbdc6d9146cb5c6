import { fileTypeFromBuffer } from 'file-type';
import { frenchFileSize, NBSP } from '@salle/contracts';

// The first checks of any upload, before a service looks inside the file: the name a person gave it, its size,
// and its type recognised from the bytes (never from the name or the browser's Content-Type, which anyone sets).

export type UploadRefusalCode = 'file_name_invalid' | 'file_empty' | 'file_too_large' | 'file_type_refused';

export interface UploadRefusal {
  readonly ok: false;
  readonly code: UploadRefusalCode;
  /** French, for the person who chose the file. */
  readonly message: string;
}

export interface AcceptedUpload {
  readonly ok: true;
  /** The type recognised from the bytes, one of the allowed ones. */
  readonly contentType: string;
  /** The file name as given, safe to show and to offer as a download name. */
  readonly fileName: string;
}

export interface UploadRules {
  readonly maxBytes: number;
  /** Recognised content types accepted, e.g. `{ 'application/pdf': 'PDF', 'image/png': 'PNG' }` (value: what a person calls it). */
  readonly allowedTypes: Readonly<Record<string, string>>;
}

const MAX_NAME_LENGTH = 200;
// Path separators and the characters Windows forbids in a name; control characters are tested apart.
const FORBIDDEN_IN_NAME = /[/\\<>:"|?*]/;

function hasControlCharacter(name: string): boolean {
  return [...name].some((character) => character.charCodeAt(0) < 0x20 || character.charCodeAt(0) === 0x7f);
}

function refusal(code: UploadRefusalCode, message: string): UploadRefusal {
  return { ok: false, code, message };
}

/** A name a person gave: shown back and used as a download name, never as a path. */
export function checkFileName(fileName: string): UploadRefusal | undefined {
  const name = fileName.normalize('NFC');
  if (
    name.trim() === '' ||
    name.length > MAX_NAME_LENGTH ||
    FORBIDDEN_IN_NAME.test(name) ||
    hasControlCharacter(name) ||
    /^\.+$/.test(name)
  ) {
    return refusal(
      'file_name_invalid',
      `Le nom du fichier n’est pas accepté${NBSP}: il doit compter au plus ${MAX_NAME_LENGTH} caractères, sans barre oblique (/ ou \\) ni caractère spécial. Renommez le fichier puis recommencez.`,
    );
  }
  return undefined;
}

function listOfKinds(kinds: string[]): string {
  return kinds.length <= 1 ? (kinds[0] ?? '') : `${kinds.slice(0, -1).join(', ')} ou ${kinds[kinds.length - 1]}`;
}

/** The recognised type of the bytes (`application/pdf`, `image/png`, `application/x-elf`...), or undefined. */
export async function sniffContentType(bytes: Uint8Array): Promise<string | undefined> {
  return (await fileTypeFromBuffer(bytes))?.mime;
}

export async function checkUpload(
  bytes: Uint8Array,
  fileName: string,
  rules: UploadRules,
): Promise<AcceptedUpload | UploadRefusal> {
  const nameRefusal = checkFileName(fileName);
  if (nameRefusal) return nameRefusal;
  if (bytes.length === 0)
    return refusal('file_empty', 'Le fichier est vide. Choisissez le bon fichier puis recommencez.');
  if (bytes.length > rules.maxBytes) {
    return refusal(
      'file_too_large',
      `Le fichier pèse ${frenchFileSize(bytes.length)}${NBSP}; la limite est de ${frenchFileSize(rules.maxBytes)}. Réduisez-le (par exemple en le numérisant en noir et blanc) puis recommencez.`,
    );
  }
  const contentType = await sniffContentType(bytes);
  if (contentType === undefined || !(contentType in rules.allowedTypes)) {
    return refusal(
      'file_type_refused',
      `Ce fichier n’est pas au format ${listOfKinds(Object.values(rules.allowedTypes))}${NBSP}: son contenu ne correspond à aucun de ces formats, quel que soit son nom. Enregistrez-le dans l’un d’eux puis recommencez.`,
    );
  }
  return { ok: true, contentType, fileName: fileName.normalize('NFC') };
}
