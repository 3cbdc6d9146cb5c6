/** True when `digits` passes the Luhn check used by SIREN and SIRET numbers. */
export function isLuhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
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

/**
 * A 14-digit SIRET that passes the Luhn check but is obviously invented: it
 * starts with `99999` (no SIREN is allocated there), then the 8 digits of
 * `seed`, then a check digit. Seeds used here are the digits of a collège's UAI
 * (or the département's INSEE code), so the number is easy to trace back.
 */
export function sandboxSiret(seed: string): string {
  if (!/^\d{1,8}$/.test(seed)) throw new Error(`seed must be 1 to 8 digits, got "${seed}"`);
  const body = `99999${seed.padStart(8, '0')}`;
  for (let check = 0; check <= 9; check += 1) {
    const candidate = `${body}${check}`;
    if (isLuhnValid(candidate)) return candidate;
  }
  throw new Error('unreachable: one check digit always satisfies Luhn');
}
