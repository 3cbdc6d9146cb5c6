import { isMobilePhoneNumber, normalisePhoneNumber, phoneNumberSchema } from './phone';

describe('phone numbers', () => {
  it('normalises French numbers as people type them to E.164', () => {
    expect(normalisePhoneNumber('06 12 34 56 78')).toBe('+33612345678');
    expect(normalisePhoneNumber('06.12.34.56.78')).toBe('+33612345678');
    expect(normalisePhoneNumber('+33 6 12 34 56 78')).toBe('+33612345678');
    expect(normalisePhoneNumber('0033612345678')).toBe('+33612345678');
    expect(normalisePhoneNumber('04 76 00 00 00')).toBe('+33476000000');
    expect(normalisePhoneNumber('+32 470 12 34 56')).toBe('+32470123456');
  });

  it('refuses what is not a number in service', () => {
    expect(normalisePhoneNumber('12')).toBeNull();
    expect(normalisePhoneNumber('06 12 34')).toBeNull();
    expect(normalisePhoneNumber('bonjour')).toBeNull();
    expect(normalisePhoneNumber('')).toBeNull();
  });

  it('tells mobiles from landlines', () => {
    expect(isMobilePhoneNumber('+33612345678')).toBe(true);
    expect(isMobilePhoneNumber('+33756123456')).toBe(true);
    expect(isMobilePhoneNumber('+33476000000')).toBe(false);
  });

  it('answers a French message on an invalid number in a form', () => {
    expect(phoneNumberSchema.parse(' 06 12 34 56 78 ')).toBe('+33612345678');
    const result = phoneNumberSchema.safeParse('06 12');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      'doit être un numéro de téléphone valide, par exemple 06 12 34 56 78 ou +33 6 12 34 56 78',
    );
  });
});
