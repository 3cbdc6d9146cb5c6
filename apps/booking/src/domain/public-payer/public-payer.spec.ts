import { checkPublicPayer } from './public-payer';

// A commune's SIRET: SIREN 213801855 and an establishment number whose Luhn key is right.
const siret = '21380185500015';

describe('checkPublicPayer', () => {
  it('accepts a commune’s paid request with its SIRET, engagement number and service code, normalised', () => {
    const check = checkPublicPayer('commune', 3200, {
      siret: '213 801 855 00015',
      engagementNumber: 'EJ-2026-0042',
      serviceCode: 'SERVICE-SPORTS',
    });
    expect(check).toEqual({
      ok: true,
      payer: { siret, engagementNumber: 'EJ-2026-0042', serviceCode: 'SERVICE-SPORTS' },
    });
  });

  it('leaves the service code out when the commune has none', () => {
    expect(checkPublicPayer('commune', 3200, { siret, engagementNumber: 'EJ-1', serviceCode: '' })).toEqual({
      ok: true,
      payer: { siret, engagementNumber: 'EJ-1' },
    });
  });

  it('refuses a commune’s paid request without identifiers, naming each missing field', () => {
    const check = checkPublicPayer('commune', 3200, undefined);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.errors.map((error) => error.field)).toEqual(['publicPayer.siret', 'publicPayer.engagementNumber']);
    expect(check.errors[1]?.message).toContain('bon de commande');
  });

  it('refuses a SIRET whose key is wrong', () => {
    const check = checkPublicPayer('commune', 3200, { siret: '21380185500016', engagementNumber: 'EJ-1' });
    expect(check).toEqual({
      ok: false,
      errors: [{ field: 'publicPayer.siret', message: expect.stringContaining('SIRET n’est pas valide') }],
    });
  });

  it('asks nothing of a free commune booking nor of an association', () => {
    expect(checkPublicPayer('commune', 0, undefined)).toEqual({ ok: true, payer: null });
    expect(checkPublicPayer('commune', 0, { siret, engagementNumber: 'EJ-1' })).toEqual({ ok: true, payer: null });
    expect(checkPublicPayer('association', 3200, undefined)).toEqual({ ok: true, payer: null });
  });

  it('refuses invoicing identifiers from an organisation that pays online', () => {
    const check = checkPublicPayer('association', 3200, { siret, engagementNumber: 'EJ-1' });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.errors[0]?.field).toBe('publicPayer');
  });
});
