/** Luhn (mod 10) check used by SIREN and SIRET numbers. */
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
export function withLuhnKey(body: string): string {
  if (!/^\d+$/.test(body)) throw new Error(`digits expected, got "${body}"`);
  for (let check = 0; check <= 9; check += 1) {
    if (passesLuhn(`${body}${check}`)) return `${body}${check}`;
  }
  throw new Error('unreachable: one check digit always satisfies Luhn');
}
