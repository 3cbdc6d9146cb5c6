import type { Prng } from './prng';

/** Luhn (mod 10) check of SIREN and SIRET numbers. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** `body` followed by the one digit that makes it pass Luhn. */
function withLuhnKey(body: string): string {
  for (let check = 0; check <= 9; check += 1) {
    if (passesLuhn(`${body}${check}`)) return `${body}${check}`;
  }
  throw new Error('unreachable: one check digit always satisfies Luhn');
}

/**
 * The synthetic SIRET of a collège: `99999` (no SIREN is allocated there),
 * the 7 digits of its UAI padded to 8, and a Luhn key. The identity sandbox
 * (apps/identity-sandbox/src/identities/siret.ts, `sandboxSiret`) uses the
 * same rule for its test agents, so every seeded collège matches the agent
 * who carries its SIRET.
 */
export function collegeSiret(uai: string): string {
  const digits = uai.slice(0, 7);
  if (!/^\d{7}$/.test(digits)) throw new Error(`not a UAI: ${uai}`);
  return withLuhnKey(`99999${digits.padStart(8, '0')}`);
}

/**
 * The collèges for which the identity sandbox defines ProConnect agents
 * (apps/identity-sandbox/src/identities/proconnect-agents.ts,
 * `sandboxColleges`), with the SIRETs those agents carry. The seed gives
 * these collèges exactly these SIRETs (checked by the tests), so the agents
 * become their managers at first login.
 */
export const SANDBOX_AGENT_COLLEGE_SIRETS: Readonly<Record<string, string>> = {
  '0382111N': '99999003821118',
  '0381604M': '99999003816043',
  '0380002W': '99999003800021',
  '0382101C': '99999003821019',
  '0382430K': '99999003824302',
};

/** A synthetic SIREN (9 digits, Luhn-valid) in the unallocated `9999` range. */
export function syntheticSiren(serial: number): string {
  return withLuhnKey(`9999${String(serial).padStart(4, '0')}`);
}

const UAI_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

/** A UAI with its check letter (7 digits mod 23, alphabet without I, O, Q). */
export function uaiOf(sevenDigits: string): string {
  return `${sevenDigits}${UAI_LETTERS[Number(sevenDigits) % 23]}`;
}

/** An RNA number as issued by an Isère registry (W381 Grenoble, W382 Vienne, W383 La Tour-du-Pin). */
export function isereRna(prng: Prng): string {
  return `W38${prng.pick(['1', '2', '3'])}${String(prng.int(0, 999_999)).padStart(6, '0')}`;
}
