import { createHmac, sign, type KeyObject } from 'node:crypto';

export type JwtPart = Record<string, unknown>;

export interface DecodedJwt {
  header: JwtPart;
  payload: JwtPart;
  signature: string;
}

function encode(part: JwtPart): string {
  return Buffer.from(JSON.stringify(part)).toString('base64url');
}

function decodePart(segment: string | undefined): JwtPart {
  if (!segment) throw new Error('not a compact JWS');
  return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as JwtPart;
}

/** Reads a compact JWS without verifying it (the sandbox issued it itself). */
export function decodeJwt(jwt: string): DecodedJwt {
  const [header, payload, signature] = jwt.split('.');
  return { header: decodePart(header), payload: decodePart(payload), signature: signature ?? '' };
}

export type Signer =
  { alg: 'ES256' | 'RS256'; key: KeyObject; kid: string } | { alg: 'HS256'; secret: string } | { alg: 'none' };

/** Signs `payload` exactly as told, including with algorithms a relying party must refuse. */
export function signJwt(payload: JwtPart, signer: Signer): string {
  const header: JwtPart =
    signer.alg === 'ES256' || signer.alg === 'RS256' ? { alg: signer.alg, kid: signer.kid } : { alg: signer.alg };
  const input = `${encode(header)}.${encode(payload)}`;
  switch (signer.alg) {
    case 'none':
      return `${input}.`;
    case 'HS256':
      return `${input}.${createHmac('sha256', signer.secret).update(input).digest('base64url')}`;
    case 'ES256':
      return `${input}.${sign('sha256', Buffer.from(input), { key: signer.key, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
    case 'RS256':
      return `${input}.${sign('sha256', Buffer.from(input), signer.key).toString('base64url')}`;
  }
}

/** Keeps the header and signature, replaces the payload: the signature no longer matches. */
export function replacePayload(jwt: string, payload: JwtPart): string {
  const [header, , signature] = jwt.split('.');
  return `${header}.${encode(payload)}.${signature}`;
}

/** Flips bits in the signature, keeping it well-formed base64url of the right length. */
export function corruptSignature(jwt: string): string {
  const [header, payload, signature = ''] = jwt.split('.');
  const bytes = Buffer.from(signature, 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 0xff;
  bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
  return `${header}.${payload}.${bytes.toString('base64url')}`;
}
