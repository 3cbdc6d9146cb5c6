import { withLuhnKey } from './luhn-checksum';

/**
 * A 14-digit SIRET that passes the checks but is obviously invented: it starts
 * with `9999` (no SIREN is allocated there), then the first 4 digits of `seed`
 * (padded to 8) and the key that makes these 9 digits a valid SIREN, then the
 * last 4 digits of `seed` and the key that makes the 14 digits pass Luhn. Test
 * data and the identity sandbox use the digits of a collège's UAI as the seed,
 * so that a seeded collège and the sandbox agent who manages it carry the same
 * SIRET.
 */
export function syntheticSiret(seed: string): string {
  if (!/^\d{1,8}$/.test(seed)) throw new Error(`seed must be 1 to 8 digits, got "${seed}"`);
  const digits = seed.padStart(8, '0');
  return withLuhnKey(`${withLuhnKey(`9999${digits.slice(0, 4)}`)}${digits.slice(4)}`);
}

/** The synthetic SIRET of a collège, from the 7 digits of its UAI. */
export function syntheticCollegeSiret(uai: string): string {
  const digits = uai.slice(0, 7);
  if (!/^\d{7}$/.test(digits)) throw new Error(`not a UAI: ${uai}`);
  return syntheticSiret(digits);
}

/** A synthetic SIREN (9 digits, Luhn-valid) in the unallocated `9999` range. */
export function syntheticSiren(serial: number): string {
  return withLuhnKey(`9999${String(serial).padStart(4, '0')}`);
}
