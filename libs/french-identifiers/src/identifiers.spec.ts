import fc from 'fast-check';
import { passesLuhn } from './luhn-checksum';
import { departementOfCommune, validateInseeCommuneCode } from './insee-commune-validator';
import { validateRna } from './rna-validator';
import { sirenOfSiret, validateSiren, validateSiret } from './siren-validator';
import { syntheticCollegeSiret, syntheticSiret } from './synthetic-numbers';
import { uaiCheckLetter, validateUai } from './uai-validator';

import { ISERE_COLLEGES as colleges } from './isere-colleges.fixture';

/** Appends the digit that makes the whole string pass Luhn. */
function withLuhnKey(body: string): string {
  for (let key = 0; key <= 9; key += 1) if (passesLuhn(`${body}${key}`)) return `${body}${key}`;
  throw new Error('unreachable');
}

describe('UAI', () => {
  it('accepts every one of the 97 Isère collèges', () => {
    expect(colleges).toHaveLength(97);
    for (const college of colleges) expect(validateUai(college.uai)).toEqual({ ok: true, value: college.uai });
  });

  it('maps the number modulo 23 onto the alphabet without I, O and Q', () => {
    expect(uaiCheckLetter('0380002')).toBe('W'); // 380002 % 23 = 19
    expect(uaiCheckLetter('0000000')).toBe('A');
    expect(uaiCheckLetter('0000008')).toBe('J');
    expect(uaiCheckLetter('0000022')).toBe('Z');
  });

  it('normalises case and spaces', () => {
    expect(validateUai(' 0380002w ')).toEqual({ ok: true, value: '0380002W' });
  });

  it('refuses a wrong letter, a malformed code and an empty input with French messages', () => {
    expect(validateUai('0380002X')).toMatchObject({ ok: false, code: 'checksum' });
    expect(validateUai('380002W')).toMatchObject({
      ok: false,
      code: 'format',
      message: expect.stringContaining('7 chiffres'),
    });
    expect(validateUai('0380002I')).toMatchObject({ ok: false, code: 'format' });
    expect(validateUai('')).toMatchObject({ ok: false, code: 'empty' });
  });

  it('detects any change of one digit', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{7}$/),
        fc.nat(6),
        fc.integer({ min: 1, max: 9 }),
        (digits, position, delta) => {
          const code = `${digits}${uaiCheckLetter(digits)}`;
          expect(validateUai(code).ok).toBe(true);
          const changed = `${digits.slice(0, position)}${(Number(digits[position]) + delta) % 10}${digits.slice(position + 1)}`;
          expect(validateUai(`${changed}${code[7]}`).ok).toBe(false);
        },
      ),
    );
  });
});

describe('SIREN and SIRET', () => {
  it('accepts Luhn-valid numbers written with spaces', () => {
    expect(validateSiren('356 000 000')).toEqual({ ok: true, value: '356000000' });
    expect(validateSiret('356 000 000 00048')).toEqual({ ok: true, value: '35600000000048' });
    expect(sirenOfSiret('356 000 000 00048')).toBe('356000000');
  });

  it('accepts La Poste establishments whose digits sum to a multiple of 5 even without a Luhn key', () => {
    expect(passesLuhn('35600000000001')).toBe(false);
    expect(validateSiret('35600000000001')).toEqual({ ok: true, value: '35600000000001' }); // digit sum 15
    expect(validateSiret('35600000000002')).toMatchObject({ ok: false, code: 'checksum' }); // sum 16, no Luhn key
  });

  it('checks La Poste’s other establishments by the digit sum only, as python-stdnum does', () => {
    // Luhn-valid, digit sum 19: python-stdnum refuses it, so do we.
    expect(passesLuhn('35600000000014')).toBe(true);
    expect(validateSiret('35600000000014')).toMatchObject({ ok: false, code: 'checksum' });
    // The head office is checked by Luhn (its digit sum, 26, is not a multiple of 5).
    expect(validateSiret('35600000000048')).toMatchObject({ ok: true });
  });

  it('takes python-stdnum’s own examples as it does', () => {
    expect(validateSiret('73282932000074')).toEqual({ ok: true, value: '73282932000074' });
    expect(validateSiret('73282932000079')).toMatchObject({ ok: false, code: 'checksum' });
  });

  it('refuses a Luhn-valid SIRET whose first 9 digits are not a valid SIREN, saying so', () => {
    expect(passesLuhn('19380002900012')).toBe(true);
    expect(passesLuhn('193800029')).toBe(false);
    expect(validateSiret('19380002900012')).toMatchObject({
      ok: false,
      code: 'checksum',
      message: expect.stringContaining('ne forment pas un numéro SIREN valide'),
    });
    fc.assert(
      fc.property(fc.stringMatching(/^\d{13}$/), (body) => {
        fc.pre(!body.startsWith('356000000'));
        expect(validateSiret(withLuhnKey(body)).ok).toBe(passesLuhn(body.slice(0, 9)));
      }),
    );
  });

  it('makes synthetic SIRETs that pass every check, one per seed', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{8}$/), fc.stringMatching(/^\d{8}$/), (seed, other) => {
        const siret = syntheticSiret(seed);
        expect(siret).toMatch(/^9999\d{10}$/);
        expect(validateSiret(siret)).toEqual({ ok: true, value: siret });
        expect(syntheticSiret(other) === siret).toBe(other === seed);
      }),
    );
    expect(new Set(colleges.map((college) => syntheticCollegeSiret(college.uai))).size).toBe(colleges.length);
  });

  it('does not extend the La Poste rule to other companies', () => {
    // 73282932000001: digit sum 35, a multiple of 5, but Luhn fails and the SIREN is not La Poste's.
    expect(passesLuhn('73282932000001')).toBe(false);
    expect(validateSiret('73282932000001')).toMatchObject({ ok: false, code: 'checksum' });
  });

  it('refuses wrong lengths and non-digits', () => {
    expect(validateSiren('35600000')).toMatchObject({
      ok: false,
      code: 'format',
      message: expect.stringContaining('9 chiffres'),
    });
    expect(validateSiret('3560000000004')).toMatchObject({ ok: false, code: 'format' });
    expect(validateSiret('3560000000004A')).toMatchObject({ ok: false, code: 'format' });
    expect(validateSiret(' ')).toMatchObject({ ok: false, code: 'empty' });
  });

  it('accepts any number with its Luhn key and refuses it after any single-digit change', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{8}$/), fc.nat(8), fc.integer({ min: 1, max: 9 }), (body, position, delta) => {
        const siren = withLuhnKey(body);
        expect(validateSiren(siren).ok).toBe(true);
        const changed = `${siren.slice(0, position)}${(Number(siren[position]) + delta) % 10}${siren.slice(position + 1)}`;
        expect(validateSiren(changed)).toMatchObject({ ok: false, code: 'checksum' });
      }),
    );
  });
});

describe('RNA', () => {
  it('accepts W + 9 digits and the lettered registry codes of Corsica and overseas', () => {
    expect(validateRna('W381000123')).toEqual({ ok: true, value: 'W381000123' });
    expect(validateRna('w 381 000 123')).toEqual({ ok: true, value: 'W381000123' });
    expect(validateRna('W2A1001234').ok).toBe(true);
    expect(validateRna('W9R2004567').ok).toBe(true);
  });

  it('refuses other shapes and points Alsace-Moselle associations to their SIREN', () => {
    expect(validateRna('381000123')).toMatchObject({
      ok: false,
      code: 'format',
      message: expect.stringContaining('SIREN'),
    });
    expect(validateRna('W38100012')).toMatchObject({ ok: false, code: 'format' });
    expect(validateRna('W38100012A')).toMatchObject({ ok: false, code: 'format' });
    expect(validateRna('')).toMatchObject({ ok: false, code: 'empty' });
  });
});

describe('INSEE commune code', () => {
  it('accepts the INSEE code of every Isère collège commune', () => {
    for (const college of colleges) expect(validateInseeCommuneCode(college.inseeCode).ok).toBe(true);
  });

  it('accepts Corsica and overseas codes and names their département', () => {
    expect(validateInseeCommuneCode('2a004')).toEqual({ ok: true, value: '2A004' });
    expect(departementOfCommune('2B033')).toBe('2B');
    expect(departementOfCommune('97411')).toBe('974');
    expect(departementOfCommune('38185')).toBe('38');
  });

  it('refuses malformed codes and codes of no département', () => {
    expect(validateInseeCommuneCode('3818')).toMatchObject({
      ok: false,
      code: 'format',
      message: expect.stringContaining('code postal'),
    });
    expect(validateInseeCommuneCode('2C004')).toMatchObject({ ok: false, code: 'format' });
    expect(validateInseeCommuneCode('20004')).toMatchObject({ ok: false, code: 'unknown_area' });
    expect(validateInseeCommuneCode('00123')).toMatchObject({ ok: false, code: 'unknown_area' });
    expect(validateInseeCommuneCode('99134')).toMatchObject({ ok: false, code: 'unknown_area' });
    expect(validateInseeCommuneCode('96001')).toMatchObject({ ok: false, code: 'unknown_area' });
  });
});
