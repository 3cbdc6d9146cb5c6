import type { FieldError, PublicPayer, RenterCategory } from '@salle/contracts';
import { validateSiret } from '@salle/french-identifiers';

/** Renter categories that pay by invoice (administrative mandate) rather than online: public bodies. */
export const INVOICED_CATEGORIES: readonly RenterCategory[] = ['commune'];

export type PublicPayerCheck = { ok: true; payer: PublicPayer | null } | { ok: false; errors: FieldError[] };

/**
 * The invoicing identifiers a request must carry: a public body's paid booking is invoiced, so it needs the
 * paying entity's SIRET (valid key), its engagement number, and its Chorus Pro service code when it has one.
 * A free booking needs none (and keeps none); an organisation that pays online gives none (nothing is stored
 * that is not used).
 */
export function checkPublicPayer(
  category: RenterCategory,
  priceCents: number,
  given: PublicPayer | undefined,
): PublicPayerCheck {
  if (!INVOICED_CATEGORIES.includes(category)) {
    if (!given) return { ok: true, payer: null };
    const message =
      'Seules les collectivités et autres organismes publics sont facturés\u00a0: retirez ces informations.';
    return { ok: false, errors: [{ field: 'publicPayer', message }] };
  }
  // Nothing to invoice: the identifiers a form sent anyway are not kept.
  if (priceCents === 0) return { ok: true, payer: null };
  const errors: FieldError[] = [];
  const siret = validateSiret(given?.siret ?? '');
  if (!siret.ok) errors.push({ field: 'publicPayer.siret', message: siret.message });
  const engagementNumber = given?.engagementNumber ?? '';
  if (engagementNumber === '') {
    errors.push({
      field: 'publicPayer.engagementNumber',
      message: 'Saisissez celui du bon de commande de votre collectivité.',
    });
  }
  if (!siret.ok || errors.length) return { ok: false, errors };
  const serviceCode = given?.serviceCode || undefined;
  return { ok: true, payer: { siret: siret.value, engagementNumber, ...(serviceCode ? { serviceCode } : {}) } };
}
